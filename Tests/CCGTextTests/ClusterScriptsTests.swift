import CCGModel
import CCGTestSupport
import Foundation
import Testing

/// The cluster recipes of docs/cluster.md cannot run here (no Slurm, no Kubernetes), so they are checked
/// as far as a machine without them allows: every script parses (`bash -n`), the manifests parse as YAML
/// and agree with each other, and the local recipe (the same steps, xargs as the scheduler) runs.
@Suite struct ClusterScriptsTests {
    static let folder = Fixtures.root.appendingPathComponent("scripts/cluster")

    static func shell(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        try CommandLineTests.execute("/usr/bin/env", arguments, in: Fixtures.root, environment: environment)
    }

    @Test func everyScriptParses() throws {
        let scripts = (FileManager.default.enumerator(atPath: Fixtures.root.appendingPathComponent("scripts").path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".sh") || $0.hasSuffix(".sbatch") }.sorted()
        #expect(scripts.contains("cluster/slurm/analyze-shards.sbatch") && scripts.contains("cluster/kubernetes/run.sh"))
        for script in scripts {
            let result = try Self.shell(["bash", "-n", "scripts/\(script)"])
            #expect(result.status == 0, "\(script): \(result.stderr)")
        }
    }

    @Test func slurmArrayFeedsTheMerge() throws {
        let shard = try String(contentsOf: Self.folder.appendingPathComponent("slurm/analyze-shards.sbatch"), encoding: .utf8)
        #expect(shard.contains("--shard \"${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}\""))
        #expect(shard.contains("part-${SLURM_ARRAY_TASK_ID}.json"))
        let submit = try String(contentsOf: Self.folder.appendingPathComponent("slurm/submit.sh"), encoding: .utf8)
        #expect(submit.contains("--array=\"0-$((shards - 1))\"") && submit.contains("--dependency=\"afterok:${array}\""))
        let merge = try String(contentsOf: Self.folder.appendingPathComponent("slurm/merge.sbatch"), encoding: .utf8)
        #expect(merge.contains("part-$k.json") && merge.contains("merge \"${parts[@]}\""))
    }

    @Test func kubernetesManifestsParseAndAgree() throws {
        let load = """
            import json, sys, yaml
            print(json.dumps([list(yaml.safe_load_all(open(path))) for path in sys.argv[1:]]))
            """
        let result = try Self.shell(["python3", "-c", load, "scripts/cluster/kubernetes/ccgtext-shards.yaml", "scripts/cluster/kubernetes/ccgtext-merge.yaml"])
        try #require(result.status == 0, "the manifests must parse as YAML (python3 with PyYAML, installed by scripts/setup.sh): \(result.stderr)")
        let files = try JSONDecoder().decode(JSONValue.self, from: Data(result.stdout.utf8)).arrayValue ?? []
        let shards = try #require(files.first?.arrayValue?.first)
        let merge = try #require(files.last?.arrayValue?.first)
        #expect(shards["kind"]?.stringValue == "Job" && merge["kind"]?.stringValue == "Job")
        let spec = try #require(shards["spec"])
        #expect(spec["completionMode"]?.stringValue == "Indexed")
        let completions = try #require(spec["completions"]?.numberValue)
        #expect(spec["parallelism"]?.numberValue == completions)
        let container = try #require(spec["template"]?["spec"]?["containers"]?.arrayValue?.first)
        let command = (container["args"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: " ")
        #expect(command.contains("--shard \"${JOB_COMPLETION_INDEX}/\(Int(completions))\""), "\(command)")
        #expect(command.contains("part-${JOB_COMPLETION_INDEX}.json"))
        let mergeContainer = try #require(merge["spec"]?["template"]?["spec"]?["containers"]?.arrayValue?.first)
        let mergeCommand = (mergeContainer["args"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: " ")
        #expect(mergeCommand.contains("ccgtext merge /data/out/part-*.json"))
        let claim = { (job: JSONValue) in job["spec"]?["template"]?["spec"]?["volumes"]?.arrayValue?.first?["persistentVolumeClaim"]?["claimName"] }
        #expect(claim(shards) != nil && claim(shards) == claim(merge), "both jobs mount the same volume")
    }
}
