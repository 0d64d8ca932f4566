/// Text from documents, reports and plugins made safe to print on a terminal: it cannot move the cursor,
/// recolour, retitle the window, write the clipboard (OSC 52) or reorder what follows it.
///
/// Every control character but tab and line feed is shown as an escape (`\x1B`, `\r`, `\u{9B}`), and so
/// are the bidirectional overrides and isolates that make text display in another order than it is read
/// (U+202A–U+202E, U+2066–U+2069). Anything else, every letter of every script included, is unchanged.
public enum TerminalText {
    public static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                output.append(scalar)
                continue
            }
            output.append(contentsOf: escape(scalar).unicodeScalars)
        }
        return String(output)
    }

    /// As `safe`, for a piece of one line (a file name, a message quoted in a line of its own): a line feed
    /// or tab in it is shown escaped too, so that a file named "a\nccgtext: error: …" cannot forge a line.
    public static func line(_ text: String) -> String {
        safe(text).replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t")
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x0D: return "\\r"
        case 0x00...0x7F:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "\\x" + (hex.count < 2 ? "0" + hex : hex)
        default: return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }
}
