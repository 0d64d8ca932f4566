import CCGAnalysers
import CCGIngest
import CCGModel
import CCGPipeline
import CCGTestSupport
import CCGTokenize
import Foundation
import Testing

/// Runs every registered analyser's examples: as plain text, after a multi-byte prefix (offsets must
/// shift and still point at the same words), and through the HTML ingester.
@Suite struct AnalyserExampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var analyser: String
        var index: Int
        var testDescription: String { "\(analyser) example \(index + 1)" }
    }

    static let cases: [Case] = AnalyserRegistry.all.flatMap { type in
        type.description.examples.indices.map { Case(analyser: type.description.id, index: $0) }
    }

    enum Variant: String, CaseIterable { case plain, prefixed, html }

    @Test(arguments: cases, Variant.allCases)
    func example(_ testCase: Case, variant: Variant) throws {
        let type = try #require(AnalyserRegistry.all.first { $0.description.id == testCase.analyser })
        let example = type.description.examples[testCase.index]
        let analyser = try AnyAnalyser.make(type, context: AnalyserContext(lexicons: Fixtures.lexicons))
        let prefix = variant == .prefixed ? "Ωμέγα 🙂 — " : ""
        var text = prefix + example.text
        if variant == .html {
            let html = "<!DOCTYPE html><html><body><article><p>\(example.text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;"))</p></article></body></html>"
            let ingested = try Ingester(lexicons: Fixtures.lexicons).ingest(bytes: Array(html.utf8), source: "example.html").document
            text = try #require(ingested.units.last?.text)
        }
        var units = [TextUnit]()
        if let parent = example.parent { units.append(TextUnit(id: "u1", type: .comment, text: parent)) }
        units.append(TextUnit(id: "u\(units.count + 1)", type: .comment, replyTo: example.parent == nil ? nil : "u1", text: text))
        let document = Document(
            source: "example", format: .text, kind: example.motion == nil ? .article : .debate,
            debate: example.motion.map { Debate(motion: $0, sides: []) }, units: units)
        let tokenized = try Tokenizer().tokenize(document)
        let result = try #require(try analyser.analyse(tokenized).units.last ?? nil)
        let location = SourceLocation(fileID: example.file, filePath: example.file, line: example.line, column: 1)
        for (path, expected) in example.expect {
            if path.hasPrefix("!") {
                let found = Self.values(at: String(path.dropFirst()), in: result)
                #expect(!found.contains(expected), "\(path.dropFirst()) should not be \(expected) in \(result)", sourceLocation: location)
                continue
            }
            #expect(Self.values(at: path, in: result).contains(expected), "\(path) should be \(expected) in \(result)", sourceLocation: location)
        }
        let evidence = result["evidence"]?.arrayValue ?? []
        for cue in example.evidence {
            #expect(evidence.contains { $0["text"]?.stringValue == cue }, "no evidence '\(cue)'", sourceLocation: location)
        }
        let scalars = Array(text.unicodeScalars)
        for item in evidence {
            guard let start = item["start"]?.numberValue.map(Int.init), let end = item["end"]?.numberValue.map(Int.init), end > start else { continue }
            #expect(end <= scalars.count && String(String.UnicodeScalarView(scalars[start..<end])) == item["text"]?.stringValue, sourceLocation: location)
        }
    }

    /// Values at a dotted path; `name[]` steps into every element of an array.
    static func values(at path: String, in value: JSONValue) -> [String] {
        var current = [value]
        for part in path.split(separator: ".") {
            if part.hasSuffix("[]") {
                current = current.flatMap { $0[String(part.dropLast(2))]?.arrayValue ?? [] }
            } else {
                current = current.compactMap { $0[String(part)] }
            }
        }
        // Strings and numbers only; counts print as integers ("2", not "2.0"), as the report writes them.
        return current.compactMap { value in value.stringValue != nil || value.numberValue != nil ? value.scalarText : nil }
    }
}

@Suite struct RegistryTests {
    @Test func everyPluginFolderIsRegistered() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Fixtures.root.appendingPathComponent("Plugins").path)
            .filter { !$0.hasPrefix(".") }.sorted()
        #expect(folders == AnalyserRegistry.folders.values.sorted(), "a folder under Plugins/ is not in AnalyserRegistry (or the reverse)")
        #expect(Set(AnalyserRegistry.folders.keys) == Set(AnalyserRegistry.descriptions.map(\.id)))
        for description in AnalyserRegistry.descriptions {
            #expect(!description.examples.isEmpty, "\(description.id) has no examples")
            for lexicon in description.lexicons {
                #expect(FileManager.default.fileExists(atPath: Fixtures.lexicons.root.appendingPathComponent(lexicon).path), "\(lexicon) missing")
            }
        }
    }
}
