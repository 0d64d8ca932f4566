import CCGModel
import CICUBridge

/// The one Swift wrapper over the ICU bridge: everything else in the project calls these, never C.
public enum ICU {
    /// The ICU library version in use, for the report's run metadata.
    public static var version: String {
        var buffer = [CChar](repeating: 0, count: 32)
        ccg_icu_version(&buffer, Int32(buffer.count))
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The twelve month names of `locale` as its dates write them, wide and abbreviated, in formatting and
    /// standalone forms ("januar", "jan." and "Januar" for German), from ICU's locale data (CLDR); empty
    /// when ICU has no such locale.
    public static func monthNames(locale: String) -> [[String]] {
        var forms: [[String]] = []
        var buffer = [UInt16](repeating: 0, count: 1_024)
        var ends = [Int32](repeating: 0, count: 12)
        for form in 0..<4 {
            var error: Int32 = 0
            let count = ccg_month_names(locale, Int32(form), &buffer, Int32(buffer.count), &ends, &error)
            guard count == 12 else { continue }
            var start = 0
            forms.append(ends.map { end in
                defer { start = Int(end) }
                return String(decoding: buffer[start..<Int(end)], as: UTF16.self)
            })
        }
        return forms
    }

    /// NFKC case folding: the form every lexicon lookup uses ("Ｃａｆé", "CAFÉ" → "café").
    public static func fold(_ text: String) -> String {
        // For ASCII, NFKC_Casefold is plain lower-casing: skip the round trip through UTF-16, and return
        // a word with no capital as it is (most words), without building a new string.
        var hasCapital = false
        for byte in text.utf8 {
            if byte >= 0x80 { return normalize(text, with: ccg_fold) }
            if byte >= 65 && byte <= 90 { hasCapital = true }
        }
        guard hasCapital else { return text }
        return String(unsafeUninitializedCapacity: text.utf8.count) { buffer in
            var count = 0
            for byte in text.utf8 {
                buffer[count] = byte >= 65 && byte <= 90 ? byte + 32 : byte
                count += 1
            }
            return count
        }
    }

    /// NFC normalisation (composed characters), applied to every unit's text at ingest.
    public static func nfc(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        // Nearly all text is NFC already: a quick check spares building a new string.
        let units = Array(text.utf16)
        if ccg_is_nfc(units, Int32(units.count)) == 1 { return text }
        return normalize(text, with: ccg_nfc)
    }

    /// The form a search matches on: NFKC case-folded, then decomposed (NFD) with the combining marks
    /// dropped, so "Café", "CAFE" and "café" meet; typographic apostrophes are straightened.
    public static func searchKey(_ text: String) -> String {
        let folded = fold(text).straighteningApostrophes
        if folded.utf8.allSatisfy({ $0 < 0x80 }) { return folded }
        var scalars = String.UnicodeScalarView()
        for scalar in normalize(folded, with: ccg_nfd).unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    private typealias Normalizer = (
        UnsafePointer<UInt16>?, Int32, UnsafeMutablePointer<UInt16>?, Int32, UnsafeMutablePointer<Int32>?
    ) -> Int32

    private static func normalize(_ text: String, with normalizer: Normalizer) -> String {
        let source = Array(text.utf16)
        var capacity = source.count * 2 + 16
        while true {
            var destination = [UInt16](repeating: 0, count: capacity)
            var error: Int32 = 0
            let needed = normalizer(source, Int32(source.count), &destination, Int32(capacity), &error)
            if error > 0 { return text }  // ICU failures are positive codes; keep the text as it was.
            if Int(needed) <= capacity { return String(decoding: destination.prefix(Int(needed)), as: UTF16.self) }
            capacity = Int(needed)
        }
    }
}

/// ICU word and sentence break iterators for one locale. Opening them is costly, so one is kept per
/// worker and reused; it must not be used from two threads at once (the pool hands it out).
final class BreakIterators {
    private let handle: OpaquePointer

    init(locale: String) throws {
        var error: Int32 = 0
        guard let handle = ccg_breaker_open(locale, &error) else {
            throw TokenizerError.icu(String(cString: ccg_icu_error_name(error)))
        }
        self.handle = handle
    }

    deinit { ccg_breaker_close(handle) }

    /// ICU's boundaries for one text, as UTF-16 offsets: each word piece's end with its rule status
    /// (which tells words, numbers and the rest apart), and each sentence's end.
    struct Breaks {
        var wordEnds: [Int32] = []
        var wordStatuses: [Int32] = []
        var sentenceEnds: [Int] = []
    }

    /// With `oneSentence` (the caller knows ICU would find no sentence boundary inside, see
    /// `Tokenizer.readASCII`), the sentence iterator is not run and the text is one sentence.
    func breaks(_ text: [UInt16], oneSentence: Bool = false) -> Breaks {
        if text.isEmpty { return Breaks() }
        return text.withUnsafeBufferPointer { buffer in
            // The iterators keep a pointer to `buffer`; all iteration happens inside this closure.
            _ = ccg_breaker_set_text(handle, buffer.baseAddress, Int32(buffer.count))
            let capacity = buffer.count + 1
            var ends = [Int32](repeating: 0, count: capacity)
            var statuses = [Int32](repeating: 0, count: capacity)
            let wordCount = Int(ccg_breaker_words(handle, &ends, &statuses, Int32(capacity)))
            ends.removeLast(capacity - wordCount)
            statuses.removeLast(capacity - wordCount)
            if oneSentence { return Breaks(wordEnds: ends, wordStatuses: statuses, sentenceEnds: [buffer.count]) }
            var sentences = [Int32](repeating: 0, count: capacity)
            let sentenceCount = Int(ccg_breaker_sentences(handle, &sentences, Int32(capacity)))
            return Breaks(wordEnds: ends, wordStatuses: statuses, sentenceEnds: sentences.prefix(sentenceCount).map(Int.init))
        }
    }
}

public enum TokenizerError: Error, CustomStringConvertible {
    case icu(String)
    public var description: String {
        switch self {
        case .icu(let name): return "ICU could not open its break iterators (\(name))"
        }
    }
}
