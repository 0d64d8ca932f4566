/// A text with the result an analyser must give for it: documentation that is also a test.
///
/// `expect` holds paths into the unit result's JSON and the value each must have (`"label": "negative"`);
/// a path through an array (`"themes[].id"`) passes when any element has the value, and a path written
/// with a leading `!` (`"!themes[].id"`) passes when none has it. `evidence` lists
/// strings that must each be the text of some evidence item (at the right offsets).
public struct AnalyserExample: Sendable {
    public var text: String
    public var expect: [String: String]
    public var evidence: [String]
    /// For analysers that read a debate: the motion the unit is judged against.
    public var motion: String?
    /// For replies: the parent comment's text.
    public var parent: String?
    /// Where the example was written, so a failing example points at itself.
    public var file: String
    public var line: Int

    public init(
        _ text: String, expect: [String: String], evidence: [String] = [], motion: String? = nil,
        parent: String? = nil, file: String = #filePath, line: Int = #line
    ) {
        self.text = text
        self.expect = expect
        self.evidence = evidence
        self.motion = motion
        self.parent = parent
        self.file = file
        self.line = line
    }
}
