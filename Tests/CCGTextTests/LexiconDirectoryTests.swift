import CCGModel
import CCGTestSupport
import Foundation
import Testing

@Suite struct LexiconDirectoryTests {
    /// Lines end at any line break Swift's `Character.isNewline` knows, CR LF counting once, so line
    /// numbers in error messages are the ones an editor shows; blank and `#` lines are left out.
    @Test func linesBreakWhereCharactersDo() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = "a\tone\r\nb\u{2028}# note\n\n  \rc\u{85}d\u{2029}e\u{B}f\u{C}g\r\r\nh é\n"
        try Data(text.utf8).write(to: folder.appendingPathComponent("list.txt"))
        let lines = try LexiconDirectory(root: folder).lines("list.txt")
        let expected = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated().compactMap { offset, line in
            line.allSatisfy(\.isWhitespace) || line.first == "#" ? nil : (offset + 1, String(line))
        }
        #expect(lines.map(\.line) == expected.map(\.0))
        #expect(lines.map(\.text) == expected.map(\.1))
        #expect(lines.map(\.text) == ["a\tone", "b", "c", "d", "e", "f", "g", "h é"])
    }
}
