import Foundation

/// What one input may cost before it is refused or cut, so that a crawl's one monstrous page cannot stop a
/// batch or exhaust a machine. Each limit has a command-line option (`ccgtext analyze --help`) and is named
/// in the message of the input it stopped; docs/limits.md gives the defaults and why.
public struct InputLimits: Sendable, Equatable {
    /// A file larger than this is not read (`--max-file-size`).
    public var fileBytes: Int
    /// A gzip file that expands beyond this is not read (`--max-decompressed-size`); decompression stops
    /// there, so a bomb costs this much memory at most.
    public var decompressedBytes: Int
    /// A unit's text longer than this many Unicode scalars is cut to its first ones, with a warning
    /// (`--max-unit-length`).
    public var unitCharacters: Int
    /// A document whose reading (its file's ingest), tokenizing and analysis run longer than this is left
    /// out of the report, with an error (`--time-budget`); checked between analysers.
    public var documentSeconds: Double
    /// A document's text beyond this many Unicode scalars is left out, with a warning
    /// (`--max-document-length`): a plain-text file is cut to it before it is decoded in full, an HTML
    /// page's markup to `markupBytesPerCharacter` times it before it is parsed, and the units of any
    /// document past it are dropped before they are tokenized. What a worker holds then depends on this,
    /// not on how far a file expands (docs/limits.md).
    public var documentCharacters: Int
    /// HTML elements nested deeper than this are read as part of their ancestor at this depth, with a
    /// warning (`--max-markup-depth`): their text is kept, and every walk over the tree stays bounded.
    public var markupDepth: Int

    /// The most `--max-markup-depth` allows: the tree's walks recurse once per level, and a worker
    /// thread's stack must hold them.
    public static let largestMarkupDepth = 1024
    /// The default `markupDepth`, and the depth of HTML read outside a run (comment fragments).
    public static let defaultMarkupDepth = 256

    public init(
        fileBytes: Int, decompressedBytes: Int, unitCharacters: Int, documentSeconds: Double, markupDepth: Int = InputLimits.defaultMarkupDepth,
        documentCharacters: Int = InputLimits.defaultDocumentCharacters
    ) {
        self.documentCharacters = max(1, documentCharacters)
        self.fileBytes = fileBytes
        self.decompressedBytes = decompressedBytes
        self.unitCharacters = unitCharacters
        self.documentSeconds = documentSeconds
        self.markupDepth = min(max(1, markupDepth), Self.largestMarkupDepth)
    }

    /// Ten million characters: a long book, 170 times the longest page of the extraction benchmarks.
    public static let defaultDocumentCharacters = 10_000_000
    /// How much markup an HTML page may carry per character of `documentCharacters` before the rest is cut
    /// unparsed (40 MB by default): the parsed tree of a page takes about 13 times its markup (an 80 MB page
    /// peaked at 1.1 GB), and this bounds it.
    public static let markupBytesPerCharacter = 4
    /// Bytes of a plain-text file kept for `documentCharacters`: a scalar takes at most four bytes of
    /// UTF-8 or UTF-16, so cutting here loses nothing the character limit would keep.
    public var textBytes: Int { documentCharacters.multipliedReportingOverflow(by: 4).overflow ? Int.max : documentCharacters * 4 }
    public var markupBytes: Int {
        documentCharacters.multipliedReportingOverflow(by: Self.markupBytesPerCharacter).overflow ? Int.max : documentCharacters * Self.markupBytesPerCharacter
    }

    /// What one worker may hold at worst, per million characters of `documentCharacters`: measured with
    /// `bash scripts/benchmark-scale.sh inputs` at the defaults, whose worst input (an HTML page cut to 40 MB
    /// of markup) peaked at 593 MB for the whole process (docs/limits.md).
    public static let workerMegabytesPerMillionCharacters = 55
    /// The run itself: lexicons, models, and a crawl's paths and bookkeeping.
    public static let baseMegabytes = 100
    /// The worst case of one worker at these limits, in megabytes.
    public var workerMegabytes: Int {
        max(1, Int((Double(documentCharacters) / 1_000_000 * Double(Self.workerMegabytesPerMillionCharacters)).rounded(.up)))
    }

    /// Far above any page or comment thread seen in the benchmarks (the largest page is 3.6 MB of HTML,
    /// the longest unit 60,000 characters, the slowest document 0.2 s), far below what hurts.
    public static let defaults = InputLimits(fileBytes: 128 << 20, decompressedBytes: 256 << 20, unitCharacters: 1_000_000, documentSeconds: 120)

    /// For messages: "128 MB", "1.5 MB", "50000 bytes".
    public static func megabytes(_ bytes: Int) -> String {
        if bytes % (1 << 20) == 0 { return "\(bytes >> 20) MB" }
        return bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) : "\(bytes) bytes"
    }
}
