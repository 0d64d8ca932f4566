import Foundation

/// Turns bytes into text: BOM, then a declared charset, then UTF-8, then Windows-1252 as the last resort
/// (with a note saying so, because a wrong guess changes what analysers read).
enum TextDecoding {
    struct Decoded {
        var text: String
        var encoding: String
        /// Set when the bytes were not what they claimed to be and a fallback was used.
        var note: String?
    }

    static func decode(_ bytes: [UInt8], declared: String? = nil) -> Decoded {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return utf8(Array(bytes.dropFirst(3)))
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let bigEndian = bytes[0] == 0xFE
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = 2
            while index + 1 < bytes.count {
                let pair = bigEndian ? (UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])) : (UInt16(bytes[index + 1]) << 8 | UInt16(bytes[index]))
                units.append(pair)
                index += 2
            }
            return Decoded(text: String(decoding: units, as: UTF16.self), encoding: bigEndian ? "UTF-16BE" : "UTF-16LE")
        }
        if let declared = declared?.lowercased(), windows1252Labels.contains(declared),
            !isValidUTF8(bytes)
        {
            return Decoded(text: windows1252(bytes), encoding: "windows-1252")
        }
        return utf8(bytes)
    }

    private static func utf8(_ bytes: [UInt8]) -> Decoded {
        if let firstBad = firstInvalidUTF8(bytes) {
            let evidence = utf8Evidence(bytes)
            // Mostly UTF-8 with a few stray bytes: keep it UTF-8 and replace those, rather than turn every
            // accented letter of the page into two wrong ones.
            if evidence.multibyte >= evidence.invalid {
                return Decoded(
                    text: String(decoding: bytes, as: UTF8.self), encoding: "UTF-8",
                    note: "not valid UTF-8 (first bad byte at offset \(firstBad)); \(evidence.invalid) invalid byte(s) replaced with U+FFFD")
            }
            return Decoded(
                text: windows1252(bytes), encoding: "windows-1252",
                note: "not valid UTF-8 (first bad byte at offset \(firstBad)); read as Windows-1252")
        }
        return Decoded(text: String(decoding: bytes, as: UTF8.self), encoding: "UTF-8")
    }

    /// Charsets that are Windows-1252 in practice (HTML treats ISO-8859-1 and ASCII labels so); decoded here
    /// rather than by libxml2, whose converter stops at the five bytes Windows-1252 leaves undefined.
    static let windows1252Labels: Set<String> = ["iso-8859-1", "iso8859-1", "latin1", "l1", "windows-1252", "cp1252", "us-ascii", "ascii"]

    /// Valid multi-byte UTF-8 sequences and bytes that fit no sequence, counted in one pass.
    static func utf8Evidence(_ bytes: [UInt8]) -> (multibyte: Int, invalid: Int) {
        bytes.withUnsafeBufferPointer { utf8Evidence($0) }
    }

    private static func utf8Evidence(_ bytes: UnsafeBufferPointer<UInt8>) -> (multibyte: Int, invalid: Int) {
        var multibyte = 0
        var invalid = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
            } else if let length = sequenceLength(bytes, at: index) {
                multibyte += 1
                index += length
            } else {
                invalid += 1
                index += 1
            }
        }
        return (multibyte, invalid)
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool { firstInvalidUTF8(bytes) == nil }

    /// Offset of the first byte that does not start or continue a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) }
    }

    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            // Most of a page is ASCII: skip eight ASCII bytes at a time.
            if index + 8 <= count {
                let chunk = UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if chunk & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
            }
            guard let length = sequenceLength(bytes, at: index) else { return index }
            index += length
        }
        return nil
    }

    /// The length of the well-formed UTF-8 sequence starting at `index`, or nil if there is none.
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let byte = bytes[index]
        let length: Int
        switch byte {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return nil
        }
        if index + length > bytes.count { return nil }
        for k in 1..<length where bytes[index + k] & 0xC0 != 0x80 { return nil }
        let second = bytes[index + 1]
        if length == 3, (byte == 0xE0 && second < 0xA0) || (byte == 0xED && second > 0x9F) { return nil }
        if length == 4, (byte == 0xF0 && second < 0x90) || (byte == 0xF4 && second > 0x8F) { return nil }
        return length
    }

    /// Windows-1252: Latin-1 with printable characters in 0x80–0x9F.
    static func windows1252(_ bytes: [UInt8]) -> String {
        let high: [UInt16] = [
            0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
            0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
        ]
        let units = bytes.map { byte -> UInt16 in
            (0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : UInt16(byte)
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// The charset an HTML page declares in its first bytes (`<meta charset>` or http-equiv).
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(4096).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        let key = Array("charset=".utf8)
        guard let start = ByteSearch.firstIndex(of: key, in: head) else { return nil }
        let rest = head[(start + key.count)...].drop { $0 == 0x22 || $0 == 0x27 || $0 == 0x20 }
        let name = rest.prefix { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F }
        return name.isEmpty ? nil : String(decoding: name, as: UTF8.self)
    }
}
