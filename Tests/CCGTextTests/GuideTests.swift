import CCGTestSupport
import Foundation
import Testing

/// The analyser guide quotes the hedges analyser's source; a quote that no longer matches the source
/// fails here, so the guide cannot drift from the code it walks through.
@Suite struct GuideTests {
    @Test func guideExcerptsMatchTheSource() throws {
        let guide = try String(contentsOf: Fixtures.root.appendingPathComponent("docs/writing-an-analyser.md"), encoding: .utf8)
        let lines = guide.components(separatedBy: "\n")
        var checked = 0
        for (index, line) in lines.enumerated() where line.hasPrefix("<!-- excerpt: ") {
            let path = line.dropFirst("<!-- excerpt: ".count).replacingOccurrences(of: " -->", with: "")
            let source = try String(contentsOf: Fixtures.root.appendingPathComponent(path), encoding: .utf8)
            guard index + 1 < lines.count, lines[index + 1].hasPrefix("```") else {
                Issue.record("excerpt marker on line \(index + 1) is not followed by a code block")
                continue
            }
            let body = lines[(index + 2)...].prefix { !$0.hasPrefix("```") }.joined(separator: "\n")
            #expect(source.contains(body), "docs/writing-an-analyser.md line \(index + 3): excerpt not found in \(path)")
            checked += 1
        }
        #expect(checked >= 6)
    }
}
