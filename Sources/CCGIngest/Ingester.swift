import CCGModel
import CCGTokenize
import Foundation

/// Reads one file into documents: sniffs the format from the bytes, decodes the text, parses HTML with
/// libxml2 and recognises the structure, or imports a comment export. Throws `IngestError` with a one-line
/// reason for input it cannot use.
public struct Ingester: Sendable {
    private let rules: IngestRules
    private let commentFields: CommentFieldNames
    public let limits: InputLimits
    /// Whether each HTML page's outcome carries its blocks with their classifier features (for training).
    public var collectsBlockCandidates = false

    /// Which block classifier decides a page's article blocks.
    public enum BlockClassifierChoice: Sendable, Equatable {
        /// The file the ingest configuration names (`blockClassifier`), if it names one.
        case configured
        /// The hand rules alone.
        case none
        /// This file, a path inside the lexicon folder or an absolute one.
        case file(String)
    }

    public init(
        configuration: IngestConfiguration, commentFields: CommentFieldConvention, limits: InputLimits = .defaults, blockClassifier: BlockClassifier? = nil
    ) throws {
        self.rules = try IngestRules(configuration, blockClassifier: blockClassifier)
        self.commentFields = CommentFieldNames(commentFields)
        self.limits = limits
    }

    public init(lexicons: LexiconDirectory, limits: InputLimits = .defaults, blockClassifier: BlockClassifierChoice = .configured) throws {
        let configuration = try IngestConfiguration.load(from: lexicons)
        let classifier: BlockClassifier?
        switch blockClassifier {
        case .none: classifier = nil
        case .configured: classifier = try configuration.blockClassifier.map { try lexicons.weights($0, as: BlockClassifier.self) }
        case .file(let path):
            // An absolute path (a model being evaluated) is read from its own folder.
            let url = URL(fileURLWithPath: path)
            classifier = try path.hasPrefix("/")
                ? LexiconDirectory(root: url.deletingLastPathComponent()).weights(url.lastPathComponent, as: BlockClassifier.self)
                : lexicons.weights(path, as: BlockClassifier.self)
        }
        try self.init(configuration: configuration, commentFields: CommentFieldConvention.load(from: lexicons), limits: limits, blockClassifier: classifier)
    }

    /// The outcome of reading one file: its documents and any warnings (for example a charset fallback).
    public struct Outcome: Sendable {
        /// One for a page; a comment export holds one per document id it names.
        public var documents: [Document]
        public var warnings: [String]
        /// Seconds spent per stage: `decompress`, `parse` (libxml2), `extract` (everything from the parsed
        /// page or the decoded text to the document).
        public var timings: [String: Double] = [:]
        /// An HTML page's blocks before the main content was chosen, with their classifier features, when
        /// the ingester `collectsBlockCandidates` (empty for threads, whose opening post is the text).
        public var blockCandidates: [BlockCandidate] = []

        /// The page's document (the first of an export's).
        public var document: Document { documents[0] }

        init(document: Document, warnings: [String]) {
            self.documents = [document]
            self.warnings = warnings
        }

        init(documents: [Document], warnings: [String]) {
            precondition(!documents.isEmpty, "an outcome holds at least one document")
            self.documents = documents
            self.warnings = warnings
        }
    }

    /// Extensions that name a comment export; with them a file that is not JSON is an error, not a page.
    static let jsonExtensions: Set<String> = ["json", "jsonl", "ndjson"]
    static let commentExportExtensions: Set<String> = ["json", "jsonl", "ndjson", "csv", "tsv"]

    public func ingest(fileAt path: String, source: String? = nil) throws -> Outcome {
        try ingest(bytes: Self.read(path, maximumBytes: limits.fileBytes), source: source ?? path)
    }

    /// A file's bytes, or the reason they cannot be had. Only a regular file is read (`RegularFile`). A
    /// file over `maximumBytes` is refused from its size before it is read, and reading stops there if it
    /// grows meanwhile.
    public static func read(_ path: String, maximumBytes: Int = InputLimits.defaults.fileBytes) throws -> [UInt8] {
        do {
            let file = try RegularFile(path)
            if file.size > maximumBytes { throw IngestError.overLimit(Self.tooLarge(file.size, maximumBytes)) }
            // One byte more than the limit is asked for, so a file that grew past it is seen to.
            let bytes = try file.read(atMost: maximumBytes + 1)
            if bytes.count > maximumBytes { throw IngestError.overLimit(Self.tooLarge(bytes.count, maximumBytes, atLeast: true)) }
            return bytes
        } catch let failure as RegularFile.Failure {
            throw IngestError.unreadable(failure.description)
        }
    }

    private static func tooLarge(_ size: Int, _ limit: Int, atLeast: Bool = false) -> String {
        "file is \(atLeast ? "over " : "")\(InputLimits.megabytes(size)), over the limit of \(InputLimits.megabytes(limit)) (--max-file-size); not read"
    }

    public func ingest(bytes: [UInt8], source: String) throws -> Outcome {
        try ingest(bytes: bytes, source: source, fileExtension: (source as NSString).pathExtension.lowercased())
    }

    private func ingest(bytes: [UInt8], source: String, fileExtension: String, insideGzip: Bool = false) throws -> Outcome {
        let started = Stopwatch()
        var outcome = try ingestSniffed(bytes: bytes, source: source, fileExtension: fileExtension, insideGzip: insideGzip)
        if !insideGzip {
            // What the stages below did not claim is extraction (sniffing, decoding, structure).
            let claimed = outcome.timings.values.reduce(0, +)
            outcome.timings["extract", default: 0] += max(0, started.seconds - claimed)
        }
        return outcome
    }

    private func ingestSniffed(bytes: [UInt8], source: String, fileExtension: String, insideGzip: Bool) throws -> Outcome {
        switch FormatSniffer.sniff(bytes, fileExtension: fileExtension) {
        case .empty:
            throw IngestError.empty
        case .binary(let reason):
            throw IngestError.binary(reason)
        case .utf16WithoutBOM(let bigEndian):
            // Read as if the byte-order mark were there, and say so: the guess is from the bytes alone.
            var outcome = try ingestSniffed(
                bytes: (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) + bytes, source: source, fileExtension: fileExtension, insideGzip: insideGzip)
            outcome.warnings.insert("no byte-order mark; read as UTF-16\(bigEndian ? "BE" : "LE") (every other byte is zero)", at: 0)
            return outcome
        case .gzip:
            // "page.html.gz": the inner extension breaks ties; a gzip inside a gzip is not unpacked again.
            guard !insideGzip else { throw IngestError.unsupported("gzip inside gzip is not read") }
            let decompressing = Stopwatch()
            let innerExtension = ((source as NSString).deletingPathExtension as NSString).pathExtension.lowercased()
            // A comment export is many documents and is read whole; a page or a text is one document, of
            // which no more than the document limit can be used: only that much is kept as it inflates.
            let keep = Self.commentExportExtensions.contains(innerExtension) ? limits.decompressedBytes : limits.markupBytes
            var inner = try Gzip.decompress(bytes, limit: limits.decompressedBytes, keep: keep)
            let decompressed = decompressing.seconds
            var warnings = inner.warning.map { [$0] } ?? []
            var innerBytes: [UInt8] = []
            swap(&innerBytes, &inner.bytes)
            if case .text = FormatSniffer.sniff(innerBytes, fileExtension: innerExtension), innerBytes.count > limits.textBytes {
                innerBytes = Self.prefix(innerBytes, count: limits.textBytes)
            }
            if innerBytes.count < inner.total {
                warnings.append(
                    "gzip content of \(InputLimits.megabytes(inner.total)): only its first \(InputLimits.megabytes(innerBytes.count)) read, all a document of at most \(limits.documentCharacters) characters can use (--max-document-length)")
            }
            var outcome = try ingest(bytes: innerBytes, source: source, fileExtension: innerExtension, insideGzip: true)
            outcome.warnings.insert(contentsOf: warnings, at: 0)
            outcome.timings["decompress", default: 0] += decompressed
            return outcome
        case .json:
            let importer = CommentImporter(names: commentFields, rules: rules)
            do {
                let imported = try importer.read(bytes, source: source, syntax: .json)
                return Outcome(documents: imported.documents, warnings: imported.warnings)
            } catch let failure as CommentImporter.NotJSON {
                // "[Updated] …" or "{{template}}" text that merely starts like JSON is read as what it is.
                guard !Self.jsonExtensions.contains(fileExtension) else { throw IngestError.invalidJSON(failure.reason) }
                return try FormatSniffer.looksLikeHTML(bytes) ? ingestHTML(bytes, source: source) : ingestText(bytes, source: source)
            }
        case .csv(let separator):
            let imported = try CommentImporter(names: commentFields, rules: rules).read(bytes, source: source, syntax: .csv(separator: separator))
            return Outcome(documents: imported.documents, warnings: imported.warnings)
        case .html:
            return try ingestHTML(bytes, source: source)
        case .text:
            return try ingestText(bytes, source: source)
        }
    }

    private func ingestText(_ bytes: [UInt8], source: String) throws -> Outcome {
        var warnings: [String] = []
        // Decoded no further than the document limit can use: four bytes a character at most.
        let decoded = TextDecoding.decode(bytes.count > limits.textBytes ? Self.prefix(bytes, count: limits.textBytes) : bytes)
        var cleaned = decoded.text.replacingOccurrences(of: "\u{0}", with: "")
        if let cut = Self.cut(cleaned, toCharacters: limits.documentCharacters) {
            warnings.append("text of more than \(limits.documentCharacters) characters cut to its first \(cut.unicodeScalars.count) (--max-document-length)")
            cleaned = cut
        }
        let text = ICU.nfc(cleaned)
        let result = StructureRecognizer(rules: rules).recognize(blocks: TextBlocks.blocks(from: text), htmlComments: nil, metadata: nil)
        guard !result.units.isEmpty else { throw IngestError.noText }
        var document = Document(
            source: source, format: .text, title: result.title, authors: result.authors, kind: result.kind,
            debate: result.debate, units: result.units)
        document.metadataSources = provenance(of: document, stated: [:])
        return Outcome(document: document, warnings: (decoded.note.map { [$0] } ?? []) + warnings)
    }

    /// About the first `count` bytes of a text, ended on a character boundary: never inside a UTF-8
    /// sequence, and at an even count for UTF-16 (a byte-order mark says which), so the cut does not turn
    /// the whole text into a charset guess.
    static func prefix(_ bytes: [UInt8], count: Int) -> [UInt8] {
        guard bytes.count > count else { return bytes }
        var end = count
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            end -= end % 2
        } else {
            var back = 0
            while back < 3, end > 0, bytes[end] & 0xC0 == 0x80 {
                end -= 1
                back += 1
            }
        }
        return Array(bytes[..<end])
    }

    /// `text`'s first `limit` Unicode scalars, ended at the last blank within 200 scalars before the cut
    /// when there is one (so that evidence offsets still point into the text kept); nil when it is no
    /// longer than that.
    public static func cut(_ text: String, toCharacters limit: Int) -> String? {
        guard text.utf8.count > limit else { return nil }
        let scalars = text.unicodeScalars
        guard var end = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex), end < scalars.endIndex else { return nil }
        var back = end
        for _ in 0..<min(200, limit) {
            back = scalars.index(before: back)
            if scalars[back].properties.isWhitespace {
                end = back
                break
            }
        }
        return String(scalars[..<end])
    }

    private func ingestHTML(_ bytes: [UInt8], source: String) throws -> Outcome {
        var warnings: [String] = []
        // libxml2's tree is several times the markup: past what a document of the limit needs, it is cut.
        if bytes.count > limits.markupBytes {
            warnings.append(
                "page of \(InputLimits.megabytes(bytes.count)) cut to its first \(InputLimits.megabytes(limits.markupBytes)) of markup before parsing, \(InputLimits.markupBytesPerCharacter) bytes for each of the \(limits.documentCharacters) characters a document may have (--max-document-length)")
            return try ingestHTML(Array(bytes[..<limits.markupBytes]), source: source, warnings: warnings)
        }
        return try ingestHTML(bytes, source: source, warnings: warnings)
    }

    private func ingestHTML(_ bytes: [UInt8], source: String, warnings earlier: [String]) throws -> Outcome {
        let declared = TextDecoding.declaredCharset(bytes)
        var warnings = earlier
        // Decide the charset ourselves: libxml2 2.9 silently switches to Latin-1 at the first bad byte, and
        // its Windows-1252 converter stops at an undefined byte. Those pages are handed to it as UTF-8.
        var bytes = bytes
        let encoding: String
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            encoding = "UTF-8"
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            encoding = "UTF-16LE"
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            encoding = "UTF-16BE"
        } else if TextDecoding.isValidUTF8(bytes) {
            encoding = "UTF-8"
        } else if let declared, declared != "utf-8", declared != "utf8", !TextDecoding.windows1252Labels.contains(declared) {
            encoding = declared
        } else {
            // Windows-1252 as declared, or UTF-8 with stray bytes repaired, or a Windows-1252 guess (noted).
            let decoded = TextDecoding.decode(bytes, declared: declared)
            bytes = Array(decoded.text.utf8)
            encoding = "UTF-8"
            if let note = decoded.note { warnings.append(note) }
        }
        let parsing = Stopwatch()
        guard let (root, flattened) = HTMLParser.parse(bytes, encoding: encoding, vocabulary: rules.vocabulary, maximumDepth: limits.markupDepth) else {
            throw IngestError.unparseable("libxml2 found no document element")
        }
        let parsed = parsing.seconds
        if flattened > 0 {
            warnings.append(
                "markup nested deeper than \(limits.markupDepth) levels, the limit (--max-markup-depth): \(flattened) deeper elements read as part of their ancestor, their text kept")
        }
        let metadata = HTMLMetadata(root: root)
        var content = HTMLBlocks(root: root, rules: rules, collectingCandidates: collectsBlockCandidates)
        // A forum that renders its posts with script shows a placeholder; the thread it states in JSON-LD
        // is the page's text when it holds more than the markup does.
        if content.comments.isEmpty, content.openingPost == nil, let thread = metadata.statedThread,
            thread.post.blocks.reduce(0, { $0 + $1.text.utf8.count }) > content.blocks.reduce(0, { $0 + $1.text.utf8.count })
        {
            content.blocks = thread.post.blocks
            content.openingPost = thread.post
            content.comments = thread.comments
        }
        let blocks = content.blocks.map { block -> Block in
            var normalised = block
            normalised.text = ICU.nfc(block.text)
            return normalised
        }
        let result = StructureRecognizer(rules: rules).recognize(blocks: blocks, htmlComments: content.comments, metadata: metadata, openingPost: content.openingPost)
        guard !result.units.isEmpty else { throw IngestError.noText }
        var document = Document(
            source: source, format: .html, title: result.title, authors: result.authors, published: metadata.published,
            site: metadata.site, url: metadata.url, kind: result.kind, debate: result.debate, units: result.units)
        document.metadataSources = provenance(of: document, stated: metadata.sources)
        var outcome = Outcome(document: document, warnings: warnings)
        outcome.timings["parse"] = parsed
        outcome.blockCandidates = content.candidates
        return outcome
    }

    /// Where each present metadata field came from; fields found in the text itself say "text".
    private func provenance(of document: Document, stated: [String: String]) -> [String: String] {
        var sources = stated
        if document.title != nil, sources["title"] == nil { sources["title"] = "text" }
        if !document.authors.isEmpty, sources["authors"] == nil { sources["authors"] = "text" }
        return sources
    }
}

/// Why a file could not be ingested; `description` is the one-line message users see.
public enum IngestError: Error, CustomStringConvertible, Equatable {
    case unreadable(String)
    case empty
    case binary(String)
    case unsupported(String)
    case unparseable(String)
    case noText
    /// A `.json`/`.jsonl` file in which no line is JSON.
    case invalidJSON(String)
    /// A comment export with nothing usable in it; the reason says what was looked for.
    case noComments(String)
    /// An input over one of the `InputLimits`; the message names the limit and its option.
    case overLimit(String)

    public var description: String {
        switch self {
        case .unreadable(let reason): return "cannot read file: \(reason)"
        case .empty: return "empty file: nothing to analyse"
        case .binary(let reason): return "binary file, not HTML or text (\(reason))"
        case .unsupported(let reason): return reason
        case .unparseable(let reason): return "cannot parse HTML: \(reason)"
        case .noText: return "no readable text found after removing page furniture"
        case .invalidJSON(let reason): return "not valid JSON (\(reason))"
        case .noComments(let reason): return "no comments to import: \(reason)"
        case .overLimit(let reason): return reason
        }
    }
}
