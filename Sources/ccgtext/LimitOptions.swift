import ArgumentParser
import CCGIngest

/// `--max-file-size`, `--max-decompressed-size`, `--max-unit-length`, `--max-document-length`, `--time-budget`, `--max-markup-depth`: the `InputLimits`
/// of a run, with their defaults in the help (docs/limits.md).
struct LimitOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Files larger than this many megabytes are not read (reported in errors).", valueName: "MB"))
    var maxFileSize: Double = Double(InputLimits.defaults.fileBytes >> 20)

    @Option(name: .long, help: ArgumentHelp("Gzip files that expand beyond this many megabytes are not read; decompression stops there.", valueName: "MB"))
    var maxDecompressedSize: Double = Double(InputLimits.defaults.decompressedBytes >> 20)

    @Option(name: .long, help: ArgumentHelp("Units longer than this many characters are cut to their first ones (a warning names them).", valueName: "n"))
    var maxUnitLength: Int = InputLimits.defaults.unitCharacters

    @Option(name: .long, help: ArgumentHelp("A document's text beyond this many characters is left out, with a warning; a text file is cut to 4 bytes a character before it is decoded, an HTML page's markup to \(InputLimits.markupBytesPerCharacter) before it is parsed.", valueName: "n"))
    var maxDocumentLength: Int = InputLimits.defaults.documentCharacters

    @Option(name: .long, help: ArgumentHelp("Seconds a document's reading, tokenizing and analysis may take; past it, checked between analysers, the document is left out with an error.", valueName: "seconds"))
    var timeBudget: Double = InputLimits.defaults.documentSeconds

    @Option(name: .long, help: ArgumentHelp("HTML elements nested deeper than this are read as part of their ancestor, with a warning (at most \(InputLimits.largestMarkupDepth)).", valueName: "levels"))
    var maxMarkupDepth: Int = InputLimits.defaults.markupDepth

    @Option(name: .long, help: ArgumentHelp("Memory the run may use, in megabytes: --jobs is lowered until the workers' worst case fits (each worker may need \(InputLimits.workerMegabytesPerMillionCharacters) MB per million characters of --max-document-length, plus \(InputLimits.baseMegabytes) MB for the run; docs/limits.md).", valueName: "MB"))
    var maxMemory: Int?

    /// The jobs `--max-memory` allows, at most `requested`; nil when it is not given.
    func jobs(within requested: Int) -> Int? {
        guard let maxMemory else { return nil }
        return max(1, min(requested, (maxMemory - InputLimits.baseMegabytes) / limits.workerMegabytes))
    }

    func validate() throws {
        if let maxMemory, maxMemory < InputLimits.baseMegabytes + limits.workerMegabytes {
            throw ValidationError(
                "--max-memory \(maxMemory) MB holds no worker: at --max-document-length \(maxDocumentLength) one may need \(limits.workerMegabytes) MB, plus \(InputLimits.baseMegabytes) MB for the run; give more, or a smaller --max-document-length")
        }
        if !(maxFileSize > 0) || maxFileSize > Double(1 << 30) { throw ValidationError("--max-file-size takes megabytes between 0 and 1073741824") }
        if !(maxDecompressedSize > 0) || maxDecompressedSize > Double(1 << 30) {
            throw ValidationError("--max-decompressed-size takes megabytes between 0 and 1073741824")
        }
        if maxUnitLength < 1 { throw ValidationError("--max-unit-length must be at least 1") }
        if maxDocumentLength < 1 { throw ValidationError("--max-document-length must be at least 1") }
        if !(timeBudget > 0) || !timeBudget.isFinite || timeBudget > 31_536_000 {
            throw ValidationError("--time-budget takes seconds, more than 0 and at most 31536000 (a year)")
        }
        if !(1...InputLimits.largestMarkupDepth).contains(maxMarkupDepth) {
            throw ValidationError("--max-markup-depth takes levels from 1 to \(InputLimits.largestMarkupDepth)")
        }
    }

    var limits: InputLimits {
        InputLimits(
            fileBytes: max(1, Int(maxFileSize * Double(1 << 20))), decompressedBytes: max(1, Int(maxDecompressedSize * Double(1 << 20))),
            unitCharacters: maxUnitLength, documentSeconds: timeBudget, markupDepth: maxMarkupDepth, documentCharacters: maxDocumentLength)
    }
}
