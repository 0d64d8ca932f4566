import CCGModel
import Foundation

/// The cue words and markup hints the ingesters use, read from `lexicons/ingest/<language>.json` so that
/// neither a site's boilerplate nor a language's phrases live in code.
public struct IngestConfiguration: Sendable, Codable {
    /// Lines or blocks that are page furniture wherever they appear (cookie notices, rating widgets,
    /// "Report this comment"); matched case-insensitively as regular expressions against the whole block.
    public var boilerplatePatterns: [String]
    /// Site-specific taglines and furniture known to leak into scrapes; whole-block matches.
    public var siteBoilerplate: [String]
    /// class/id tokens of elements that are never article text.
    public var boilerplateClassTokens: [String]
    /// class/id tokens of elements that hold article text: such an element is never dropped for also
    /// carrying a boilerplate token ("main-nav" stays to be judged by its text, "article-share" does not).
    public var contentClassTokens: [String]
    /// Headings that open a comment thread ("Readers' comments (16)").
    public var commentHeadingPatterns: [String]
    /// class/id tokens that mark one comment, and a list of them.
    public var commentClassTokens: [String]
    public var commentListClassTokens: [String]
    /// Parts of class or id names that place an element in a page's comment area ("commentbody",
    /// "Blog1_comments-block-wrapper", "lf_comment_43398974"), matched inside the names, case-insensitively:
    /// themes spell comment containers in more ways than a token list can hold. Inside such an area, a run
    /// of repeated sibling elements with text is a run of comments. Optional (older configurations omit it).
    public var commentAreaNameParts: [String]?
    /// Element names of comments and of a thread's opening post where a platform renders them as web
    /// components (new Reddit's `shreddit-comment`, `shreddit-post`), and the `slot` names that hold a
    /// post's text there. Optional.
    public var commentElementNames: [String]?
    public var openingPostElementNames: [String]?
    public var postTextSlots: [String]?
    public var authorClassTokens: [String]
    /// class/id tokens of a quoted earlier post inside a reply ("bbcode_quote", "quoteheader"); optional.
    public var quoteClassTokens: [String]?
    /// The line a forum puts above a quote to name whose post it is ("bob wrote:", "Originally Posted by
    /// bob", "Quote from: bob on …"); group 1 is the name. Whole-line, case-insensitive; optional.
    public var quoteAttributionPatterns: [String]?
    /// A post's signature line that names its writer beside the date ("Posted by: DrNo at November 7,
    /// 2012 1:56 PM"); group 1 is the name. Read when no element marks the author. Optional.
    public var signaturePatterns: [String]?
    public var roleClassTokens: [String]
    public var timeClassTokens: [String]
    public var commentBodyClassTokens: [String]
    public var standfirstClassTokens: [String]
    public var bylineClassTokens: [String]
    /// Whole-block markers of a debate side, by side.
    public var sideMarkers: [String: [String]]
    /// Phrases that make a page a press release.
    public var pressReleaseCues: [String]
    /// Verbs that attach a person to a standfirst ("…, argues Dr X").
    public var reportingVerbs: [String]
    /// Titles that may precede a person's name.
    public var personTitles: [String]
    /// Phrases that open an author's closing biography ("X is professor of …").
    public var biographyVerbs: [String]
    /// First-person words: a page written in the first person with no other cue is a blog post.
    public var firstPersonWords: [String]
    /// Headline patterns that state a debated proposition; group 1 is the motion.
    public var motionPatterns: [String]
    /// URL or JSON-LD type fragments that mark a page's kind.
    public var kindHints: [String: [String]]

    /// Other languages' packs (paths inside the lexicon folder) whose words are added to these lists: a
    /// crawl mixes languages, and a German page's "Kommentare" or "bob hat geschrieben:" must be read
    /// without first guessing its language. Optional.
    public var languagePacks: [String]?
    /// The block classifier file (inside the lexicon folder) that decides which blocks of a page are its
    /// article, beside the hand rules; absent, the hand rules alone decide. Optional.
    public var blockClassifier: String?

    public static let defaultPath = "ingest/en.json"

    public static func load(from lexicons: LexiconDirectory, path: String = defaultPath) throws -> IngestConfiguration {
        var configuration = try lexicons.json(path, as: IngestConfiguration.self)
        for packPath in configuration.languagePacks ?? [] {
            configuration.add(try lexicons.json(packPath, as: IngestLanguagePack.self))
        }
        return configuration
    }

    /// This configuration with a language pack's words added after its own.
    mutating func add(_ pack: IngestLanguagePack) {
        boilerplatePatterns += pack.boilerplatePatterns ?? []
        boilerplateClassTokens += pack.boilerplateClassTokens ?? []
        contentClassTokens += pack.contentClassTokens ?? []
        commentHeadingPatterns += pack.commentHeadingPatterns ?? []
        commentClassTokens += pack.commentClassTokens ?? []
        commentListClassTokens += pack.commentListClassTokens ?? []
        commentAreaNameParts = (commentAreaNameParts ?? []) + (pack.commentAreaNameParts ?? [])
        authorClassTokens += pack.authorClassTokens ?? []
        bylineClassTokens += pack.bylineClassTokens ?? []
        roleClassTokens += pack.roleClassTokens ?? []
        timeClassTokens += pack.timeClassTokens ?? []
        commentBodyClassTokens += pack.commentBodyClassTokens ?? []
        quoteAttributionPatterns = (quoteAttributionPatterns ?? []) + (pack.quoteAttributionPatterns ?? [])
        signaturePatterns = (signaturePatterns ?? []) + (pack.signaturePatterns ?? [])
        for (side, markers) in pack.sideMarkers ?? [:] { sideMarkers[side, default: []] += markers }
        pressReleaseCues += pack.pressReleaseCues ?? []
        reportingVerbs += pack.reportingVerbs ?? []
        personTitles += pack.personTitles ?? []
        motionPatterns += pack.motionPatterns ?? []
    }
}

/// One language's additions to the ingest configuration (`languagePacks`): the same lists, each optional.
public struct IngestLanguagePack: Sendable, Codable {
    public var language: String
    public var boilerplatePatterns: [String]?
    public var boilerplateClassTokens: [String]?
    public var contentClassTokens: [String]?
    public var commentHeadingPatterns: [String]?
    public var commentClassTokens: [String]?
    public var commentListClassTokens: [String]?
    public var commentAreaNameParts: [String]?
    public var authorClassTokens: [String]?
    public var bylineClassTokens: [String]?
    public var roleClassTokens: [String]?
    public var timeClassTokens: [String]?
    public var commentBodyClassTokens: [String]?
    public var quoteAttributionPatterns: [String]?
    public var signaturePatterns: [String]?
    public var sideMarkers: [String: [String]]?
    public var pressReleaseCues: [String]?
    public var reportingVerbs: [String]?
    public var personTitles: [String]?
    public var motionPatterns: [String]?
}

/// The configuration compiled for matching: regular expressions built once per run.
struct IngestRules: @unchecked Sendable {
    let configuration: IngestConfiguration
    let commentHeadings: [NSRegularExpression]
    let motions: [NSRegularExpression]
    let quoteAttributions: [NSRegularExpression]
    let signatures: [NSRegularExpression]
    let sideByMarker: [String: Side]
    let vocabulary: MarkupVocabulary
    /// `commentAreaNameParts`, lower-cased, as bytes for the searches that run on every element.
    let commentAreaNamePartBytes: [[UInt8]]
    let commentElementNames: Set<String>
    let openingPostElementNames: Set<String>
    let postTextSlots: Set<String>
    /// All boilerplate patterns as one alternation, so each block is matched once.
    let boilerplateAlternation: NSRegularExpression
    let titles: Set<String>
    /// Cue lists lower-cased into bytes once per run, for the byte searches that rule most of them out.
    let reportingVerbBytes: [[UInt8]]
    let pressReleaseCueBytes: [[UInt8]]
    let firstPersonWords: Set<String>
    let blockClassifier: BlockClassifier?

    init(_ configuration: IngestConfiguration, blockClassifier: BlockClassifier? = nil) throws {
        self.configuration = configuration
        self.blockClassifier = blockClassifier
        func compile(_ patterns: [String]) throws -> [NSRegularExpression] {
            try patterns.map { try NSRegularExpression(pattern: "^(?:\($0))$", options: [.caseInsensitive]) }
        }
        commentHeadings = try compile(configuration.commentHeadingPatterns)
        motions = try compile(configuration.motionPatterns)
        quoteAttributions = try compile(configuration.quoteAttributionPatterns ?? [])
        signatures = try compile(configuration.signaturePatterns ?? [])
        var sides: [String: Side] = [:]
        for (side, markers) in configuration.sideMarkers {
            guard let value = Side(rawValue: side) else { continue }
            for marker in markers { sides[marker.lowercased()] = value }
        }
        sideByMarker = sides
        vocabulary = MarkupVocabulary(configuration)
        commentAreaNamePartBytes = (configuration.commentAreaNameParts ?? []).map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }
        commentElementNames = Set((configuration.commentElementNames ?? []).map { $0.lowercased() })
        openingPostElementNames = Set((configuration.openingPostElementNames ?? []).map { $0.lowercased() })
        postTextSlots = Set(configuration.postTextSlots ?? [])
        let alternatives = (configuration.boilerplatePatterns.map(Self.nonCapturing) + configuration.siteBoilerplate.map { NSRegularExpression.escapedPattern(for: $0.lowercased()) })
            .map { "(?:\($0))" }
        // Matched against lower-cased text without ICU's case-insensitive mode, which made every block's
        // test several times slower once the language packs tripled the alternation.
        boilerplateAlternation = try NSRegularExpression(pattern: "^(?:\(alternatives.joined(separator: "|")))$")
        titles = Set(configuration.personTitles.map { $0.lowercased() })
        reportingVerbBytes = configuration.reportingVerbs.map { Array($0.lowercased().utf8) }
        pressReleaseCueBytes = configuration.pressReleaseCues.map { Array($0.lowercased().utf8) }
        firstPersonWords = Set(configuration.firstPersonWords)
    }

    /// `pattern` with its capturing groups made non-capturing, for a pattern only asked whether it matches.
    /// ICU saves every capture slot of the whole alternation at each backtracking step, so the boilerplate
    /// alternation's forty groups made each block's test three times slower. Escapes, `\Q…\E` quotes and
    /// (nested) sets are copied as they are; `(?…)` constructs are already not plain groups. A pattern that
    /// refers back to a group (`\1`, `\k<name>`) keeps its groups.
    static func nonCapturing(_ pattern: String) -> String {
        let scalars = Array(pattern.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        var setDepth = 0
        func copy() {
            output.append(scalars[index])
            index += 1
        }
        while index < scalars.count {
            let scalar = scalars[index]
            copy()
            switch scalar {
            case "\\" where index < scalars.count:
                let escaped = scalars[index]
                if ("1"..."9").contains(escaped) || escaped == "k" { return pattern }
                copy()
                guard escaped == "Q" else { break }
                while index < scalars.count {
                    let closes = scalars[index] == "\\" && index + 1 < scalars.count && scalars[index + 1] == "E"
                    copy()
                    if closes {
                        copy()
                        break
                    }
                }
            case "[":
                setDepth += 1
                // A "]" first in a set, or first after its "^", is a member, not the set's end.
                if index < scalars.count, scalars[index] == "^" { copy() }
                if index < scalars.count, scalars[index] == "]" { copy() }
            case "]" where setDepth > 0:
                setDepth -= 1
            case "(" where setDepth == 0:
                if index == scalars.count || scalars[index] != "?" { output.append(contentsOf: "?:".unicodeScalars) }
            default:
                break
            }
        }
        return String(output)
    }

    /// Boilerplate patterns describe furniture lines, never paragraphs: longer blocks are not matched.
    static let boilerplateMaximumLength = 320

    func isBoilerplate(_ text: String) -> Bool {
        guard text.utf8.count <= Self.boilerplateMaximumLength else { return false }
        return matches([boilerplateAlternation], text.lowercased())
    }
    func isCommentHeading(_ text: String) -> Bool { matches(commentHeadings, text) }

    func side(ofMarker text: String) -> Side? {
        sideByMarker[text.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)).lowercased()]
    }

    /// The motion a headline states, if it matches a motion pattern.
    func motion(in headline: String) -> String? { firstGroup(of: motions, in: headline) }

    /// Whose post a quote's attribution line names ("bob wrote:" → "bob"); lines longer than 120 characters
    /// are text, not attributions.
    func quotedAuthor(inAttribution line: String) -> String? {
        guard line.utf8.count <= 120 else { return nil }
        return firstGroup(of: quoteAttributions, in: line.collapsingWhitespace).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The writer a signature line names ("Posted by: DrNo at …" → "DrNo"); lines over 200 characters are text.
    func signedAuthor(in line: String) -> String? {
        guard line.utf8.count <= 200 else { return nil }
        return firstGroup(of: signatures, in: line.collapsingWhitespace).flatMap { $0.isEmpty ? nil : $0 }
    }

    private func firstGroup(of patterns: [NSRegularExpression], in headline: String) -> String? {
        let range = NSRange(headline.startIndex..., in: headline)
        for pattern in patterns {
            guard let match = pattern.firstMatch(in: headline, range: range) else { continue }
            let group = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
            if let swiftRange = Range(group, in: headline) {
                return String(headline[swiftRange]).trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    private func matches(_ patterns: [NSRegularExpression], _ text: String) -> Bool {
        let needsTrim = text.first.map(\.isWhitespace) ?? false || text.last.map(\.isWhitespace) ?? false
        let trimmed = needsTrim ? text.trimmingCharacters(in: .whitespacesAndNewlines) : text
        let range = NSRange(trimmed.startIndex..., in: trimmed)
        return patterns.contains { $0.firstMatch(in: trimmed, range: range) != nil }
    }
}
