import ArgumentParser
import CCGPipeline

/// How input folders are walked, shared by `analyze` and `kwic`: a folder is untrusted, so what would take
/// a run outside it is an opt-in (docs/limits.md).
struct InputOptions: ParsableArguments {
    @Flag(name: .long, help: "Read symbolic links in input folders that point outside them, and search linked folders (by default such links are named in the report's errors and not read).")
    var followLinks = false

    var discovery: InputDiscovery.Options { InputDiscovery.Options(followLinks: followLinks) }
}
