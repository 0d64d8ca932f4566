import CCGModel
import CCGTestSupport
import Foundation
import Testing

@testable import CCGIngest

/// The boilerplate alternation is compiled with its groups made non-capturing (for speed); these hold
/// that rewriting to the syntax it must respect and to the same matches as the patterns as written.
@Suite struct BoilerplatePatternTests {
    @Test(arguments: [
        ("(a|b)c", "(?:a|b)c"),
        ("((a)b)", "(?:(?:a)b)"),
        ("(?:a)(?i)b(?=c)(?<n>d)", "(?:a)(?i)b(?=c)(?<n>d)"),
        (#"\(x\)"#, #"\(x\)"#),
        ("[(]a", "[(]a"),
        ("[]()]x", "[]()]x"),
        ("[^](]x(y)", "[^](]x(?:y)"),
        ("[a[(]]b(c)", "[a[(]]b(?:c)"),
        (#"\Q(a)\E(b)"#, #"\Q(a)\E(?:b)"#),
        (#"\Q(a)"#, #"\Q(a)"#),
        (#"(a)\1"#, #"(a)\1"#),
        (#"(?<w>a)\k<w>"#, #"(?<w>a)\k<w>"#),
        ("(", "(?:"),
        (#"a\"#, #"a\"#),
        ("(é|ü)", "(?:é|ü)"),
    ])
    func nonCapturingRewrite(pattern: String, expected: String) {
        #expect(IngestRules.nonCapturing(pattern) == expected)
    }

    /// Every shipped boilerplate pattern, rewritten, accepts exactly the blocks the original accepts, on
    /// every line of the sample corpus and on furniture lines each pattern is meant for.
    @Test func rewrittenPatternsMatchAsWritten() throws {
        let configuration = try IngestConfiguration.load(from: Fixtures.lexicons)
        var lines = [
            "We use cookies to improve your browsing experience. By continuing you agree", "Cookies: policy", "cookie notice",
            "Our cookies policy", "cookiesconsent", "Report this comment", "Unsuitable or offensive? Report this comment", "Share this article",
            "Image 3 of 12", "Photo credit: A. N. Other", "(Photo credit: X)", "4 stars out of 5", "© 2024 Somebody", "Log in to comment",
            "Previous article", "Sign up to our daily newsletter", "Related stories", "you are here: Home > News",
        ]
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.corpus.path).sorted()
        for file in files where file.hasSuffix(".txt") {
            let text = try String(contentsOf: Fixtures.corpus.appendingPathComponent(file), encoding: .utf8)
            lines += text.split(whereSeparator: \.isNewline).map { String($0.prefix(IngestRules.boilerplateMaximumLength)) }
        }
        #expect(lines.count > 150)
        for pattern in configuration.boilerplatePatterns {
            let original = try NSRegularExpression(pattern: "^(?:\(pattern))$", options: [.caseInsensitive])
            let rewritten = try NSRegularExpression(pattern: "^(?:\(IngestRules.nonCapturing(pattern)))$", options: [.caseInsensitive])
            #expect(rewritten.numberOfCaptureGroups == 0, "\(pattern)")
            for line in lines {
                let range = NSRange(line.startIndex..., in: line)
                let expected = original.firstMatch(in: line, range: range) != nil
                #expect((rewritten.firstMatch(in: line, range: range) != nil) == expected, "\(pattern) on \(line)")
            }
        }
    }
}
