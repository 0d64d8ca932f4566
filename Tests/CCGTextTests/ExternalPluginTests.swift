import CCGAnalysers
import CCGExternal
import CCGModel
import CCGPipeline
import CCGReport
import CCGTestSupport
import Foundation
import Testing

/// External analysers: the protocol with a well-behaved plugin, and each way a plugin can break (the run
/// must complete, the failure must be in `errors`, and the other analysers' results must be intact).
@Suite struct ExternalPluginTests {
    /// A Python plugin that speaks the protocol, then misbehaves as `behaviour` says.
    static func plugin(
        _ behaviour: String, in folder: URL, id: String = "probe", extra: String = "", needs: [String] = ["tokens", "sentences"], timeoutSeconds: Int = 2
    ) throws -> String {
        let script = """
            import json, os, sys, time
            BEHAVIOUR = \(try String(decoding: JSONEncoder().encode(behaviour), as: UTF8.self))
            def send(m):
                sys.stdout.write(json.dumps(m) + "\\n"); sys.stdout.flush()
            if BEHAVIOUR == "crash-at-start":
                sys.stderr.write("Traceback: cannot import thing\\n"); sys.exit(3)
            batches = 0
            for line in sys.stdin:
                m = json.loads(line)
                if m["type"] == "hello":
                    send({"type": "hello", "protocol": 1, "id": "\(id)", "version": "1.0.0"})
                elif m["type"] == "batch":
                    batches += 1
                    for i, u in enumerate(m["units"]):
                        if BEHAVIOUR == "crash-mid-batch" and i == 1:
                            os._exit(7)
                        if BEHAVIOUR == "hang":
                            time.sleep(60)
                        if BEHAVIOUR == "invalid-json":
                            sys.stdout.write("this is not json\\n"); sys.stdout.flush(); continue
                        if BEHAVIOUR == "wrong-id":
                            send({"type": "result", "batch": m["batch"], "unit": "u999", "result": {"label": "x"}}); continue
                        if BEHAVIOUR == "huge-output":
                            send({"type": "result", "batch": m["batch"], "unit": u["id"], "result": {"label": "x" * 3000000}}); continue
                        if BEHAVIOUR == "unit-errors" and u["type"] == "comment":
                            send({"type": "error", "batch": m["batch"], "unit": u["id"], "message": "cannot read comments"}); continue
                        words = sum(1 for t in u.get("tokens", []) if t[2] == "word")
                        result = {"label": "long" if words > 50 else "short", "words": words, "sentences": len(u.get("sentences", []))}
                        if "analyses" in u:
                            result["sentimentSeen"] = (u["analyses"].get("sentiment") or {}).get("label")
                        send({"type": "result", "batch": m["batch"], "unit": u["id"], "result": result})
            """
        let scriptURL = folder.appendingPathComponent("\(id).py")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        let manifest = """
            { "id": "\(id)", "version": "1.0.0", "command": ["python3", "\(id).py"],
              "needs": \(try String(decoding: JSONEncoder().encode(needs), as: UTF8.self)),
              "fields": { "label": { "type": "label", "values": ["long", "short"] }, "words": { "type": "number" } },
              "timeoutSeconds": \(timeoutSeconds) \(extra) }
            """
        let manifestURL = folder.appendingPathComponent("\(id).plugin.json")
        try manifest.write(to: manifestURL, atomically: true, encoding: .utf8)
        return manifestURL.path
    }

    static func run(manifests: [String], jobs: Int = 2, inputs: [String] = [Fixtures.debateText, Fixtures.corpus.appendingPathComponent("000_76cff8764e637c07.txt").path]) throws -> WrittenRun {
        var analysers = try AnalyserRegistry.all.filter { $0.description.id != "themes" }.map {
            try AnyAnalyser.make($0, context: AnalyserContext(lexicons: Fixtures.lexicons))
        }
        for path in manifests {
            analysers.append(ExternalAnalyser(manifest: try PluginManifest(path: path), ccgtextVersion: CCGVersion.current).erased())
        }
        return try Pipeline(configuration: .init(paths: inputs, lexicons: Fixtures.lexicons, analysers: analysers, jobs: jobs)).run()
    }

    static func units(_ outcome: WrittenRun) -> [JSONValue] {
        outcome.report.documents.flatMap { $0["units"]?.arrayValue ?? [] }
    }

    @Test func wellBehavedPluginResultsAndAggregates() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try Self.run(manifests: [try Self.plugin("good", in: folder)])
        #expect(outcome.report.errors.isEmpty, "\(outcome.report.errors)")
        let units = Self.units(outcome)
        #expect(!units.isEmpty && units.allSatisfy { $0["analyses"]?["probe"]?["label"]?.stringValue != nil })
        // Words counted from the tokens ccgtext sent.
        #expect(units.allSatisfy { ($0["analyses"]?["probe"]?["words"]?.numberValue ?? 0) > 0 })
        let corpus = try #require(outcome.report.json["corpus"]?["analyses"]?["probe"])
        #expect(corpus["documents"]?.numberValue == 2)
        #expect(corpus["all"]?["units"]?.numberValue == Double(units.count))
        let counts = try #require(corpus["all"]?["fields"]?["label"]?["counts"])
        #expect((counts["long"]?.numberValue ?? 0) + (counts["short"]?.numberValue ?? 0) == Double(units.count))
        #expect(corpus["all"]?["fields"]?["words"]?["mean"]?.numberValue ?? 0 > 0)
        let failures = try SchemaValidator(schemaAt: Fixtures.schema).validate(outcome.report.json)
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test func pluginReadsAnotherAnalysersResults() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try Self.run(manifests: [try Self.plugin("good", in: folder, needs: ["tokens", "analyser:sentiment"])])
        for unit in Self.units(outcome) {
            #expect(unit["analyses"]?["probe"]?["sentimentSeen"] == unit["analyses"]?["sentiment"]?["label"])
        }
    }

    @Test func unitErrorsCostOnlyThoseUnits() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try Self.run(manifests: [try Self.plugin("unit-errors", in: folder)])
        let units = Self.units(outcome)
        let comments = units.filter { $0["type"]?.stringValue == "comment" }
        #expect(!comments.isEmpty && comments.allSatisfy { $0["analyses"]?["probe"] == nil })
        #expect(units.filter { $0["type"]?.stringValue != "comment" }.allSatisfy { $0["analyses"]?["probe"] != nil })
        #expect(outcome.report.errors.filter { $0.message.contains("cannot read comments") }.count == comments.count)
    }

    enum Breakage: String, CaseIterable {
        case crashAtStart = "crash-at-start", crashMidBatch = "crash-mid-batch", hang, invalidJSON = "invalid-json", wrongID = "wrong-id"
        case hugeOutput = "huge-output"

        var expected: String {
            switch self {
            case .crashAtStart: return "exit status 3"
            case .crashMidBatch: return "exit status 7"
            case .hang: return "no answer within 2 s"
            case .invalidJSON: return "not JSON: 'this is not json'"
            case .wrongID: return "unit 'u999', which is not in batch"
            case .hugeOutput: return "printed a line over 1048576 bytes"
            }
        }
    }

    @Test(arguments: Breakage.allCases)
    func brokenPluginIsStoppedAndTheRunCompletes(_ breakage: Breakage) throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Reading a 3 MB line takes more than 2 s under AddressSanitizer on a loaded machine: the huge output gets time
        // enough for the line limit, not the time limit, to stop it.
        let timeout = breakage == .hugeOutput ? 30 : 2
        let outcome = try Self.run(manifests: [try Self.plugin(breakage.rawValue, in: folder, extra: ", \"maxFailures\": 2", timeoutSeconds: timeout)])
        #expect(outcome.documents == 2 && outcome.failedDocuments == 0)
        let messages = outcome.report.errors.map(\.message)
        #expect(messages.contains { $0.hasPrefix("probe: stopped:") && $0.contains(breakage.expected) }, "\(messages)")
        if breakage == .crashAtStart { #expect(messages.contains { $0.contains("Traceback: cannot import thing") }, "stderr should be quoted: \(messages)") }
        // Every unit keeps the built-in analysers' results.
        let units = Self.units(outcome)
        #expect(!units.isEmpty && units.allSatisfy { $0["analyses"]?["sentiment"]?["label"] != nil && $0["analyses"]?["hedges"] != nil })
        #expect(outcome.report.json["corpus"]?["analyses"]?["sentiment"]?["documents"]?.numberValue == 2)
        let probe = try #require(outcome.report.json["corpus"]?["analyses"]?["probe"]?["all"])
        #expect((probe["failed"]?.numberValue ?? 0) > 0)
    }

    @Test func pluginThatKeepsFailingIsNotRestartedForever() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = try FileManager.default.contentsOfDirectory(atPath: Fixtures.corpus.path).filter { $0.hasSuffix(".txt") }.sorted()
            .map { Fixtures.corpus.appendingPathComponent($0).path }
        let outcome = try Self.run(manifests: [try Self.plugin("crash-at-start", in: folder, extra: ", \"maxFailures\": 2")], jobs: 1, inputs: inputs)
        #expect(outcome.documents == inputs.count)
        #expect(outcome.report.errors.filter { $0.message.hasPrefix("probe: stopped:") }.count == 2)
        let disabled = try #require(outcome.report.errors.first { $0.message.contains("not restarted after 2 failures") })
        #expect(disabled.message.contains("\(inputs.count - 2) later documents analysed without it"))
    }

    @Test func manifestsAreCheckedWithClearMessages() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func problem(_ json: String) -> String {
            do {
                _ = try PluginManifest(data: Data(json.utf8), path: "x.plugin.json")
                return ""
            } catch { return "\(error)" }
        }
        #expect(problem("{") .contains("not valid JSON"))
        #expect(problem(#"{"version": "1", "command": ["x"], "fields": {"a": {"type": "label"}}}"#).contains("\"id\" is required"))
        #expect(problem(#"{"id": "a", "version": "1", "command": ["x"], "protocol": 2, "fields": {"a": {"type": "label"}}}"#).contains("protocol 2 is not supported"))
        #expect(problem(#"{"id": "a", "version": "1", "command": ["x"], "units": ["tweet"], "fields": {"a": {"type": "label"}}}"#).contains("unknown unit type 'tweet'"))
        #expect(problem(#"{"id": "a", "version": "1", "command": ["x"], "fields": {"a": {"type": "colour"}}}"#).contains("x.plugin.json"))
        #expect(problem(#"{"id": "a", "version": "1", "command": ["x"], "needs": ["vibes"], "fields": {"a": {"type": "label"}}}"#).contains("unknown need 'vibes'"))
        // A command that does not exist is a start failure, reported like a crash.
        let manifest = folder.appendingPathComponent("missing.plugin.json")
        try #"{"id": "missing", "version": "1", "command": ["no-such-program-here"], "fields": {"a": {"type": "label"}}, "maxFailures": 1}"#
            .write(to: manifest, atomically: true, encoding: .utf8)
        let outcome = try Self.run(manifests: [manifest.path], jobs: 1)
        #expect(outcome.documents == 2)
        #expect(outcome.report.errors.contains { $0.message.contains("'no-such-program-here' is not an executable file") }, "\(outcome.report.errors)")
    }

    @Test func needsAreOrderedAndCyclesOrGapsRejected() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func analyser(_ id: String, needs: [String]) throws -> AnyAnalyser {
            let path = try Self.plugin("good", in: folder, id: id, needs: needs)
            return ExternalAnalyser(manifest: try PluginManifest(path: path), ccgtextVersion: CCGVersion.current).erased()
        }
        let sentiment = try AnyAnalyser.make(AnalyserRegistry.all[0], context: AnalyserContext(lexicons: Fixtures.lexicons))
        let late = try analyser("late", needs: ["analyser:early"])
        let early = try analyser("early", needs: ["analyser:sentiment"])
        #expect(try AnalyserOrder.sorted([late, early, sentiment]).map(\.id) == ["sentiment", "early", "late"])
        #expect(throws: AnalyserOrder.Problem.missing(analyser: "late", needs: "early")) { try AnalyserOrder.sorted([late, sentiment]) }
        let a = try analyser("a", needs: ["analyser:b"])
        let b = try analyser("b", needs: ["analyser:a"])
        #expect(throws: AnalyserOrder.Problem.cycle(["a", "b"])) { try AnalyserOrder.sorted([a, b]) }
        #expect("\(AnalyserOrder.Problem.cycle(["a", "b"]))".contains("a → b → a"))
        for item in [late, early, a, b] { _ = item.finish() }
    }
}
