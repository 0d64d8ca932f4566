/// Splits comma- (or tab-, or semicolon-) separated text into rows as RFC 4180 defines them: fields in
/// double quotes may hold the separator, line breaks and doubled quotes. Spreadsheet exports of comment
/// threads are full of all three, so splitting on lines and commas would cut comments apart.
struct CSVReader {
    struct Row: Equatable {
        /// 1-based line of the file where the row starts (a quoted field can span several lines).
        var line: Int
        var fields: [String]
    }

    /// The rows, and whether the file ended inside a quoted field (its last row then runs to the end).
    struct Result {
        var rows: [Row]
        var unterminatedQuoteFrom: Int?
        var separator: UInt8
    }

    /// `separator` nil: chosen from the header line (the most frequent of comma, tab and semicolon outside
    /// quotes; comma when none occurs).
    static func read(_ text: String, separator: UInt8? = nil) -> Result {
        let bytes = Array(text.utf8)
        let separator = separator ?? guessSeparator(bytes)
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var quoteOpenedOn = 1
        var index = 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRow() {
            endField()
            // A blank line is not a row of one empty field.
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(line: rowLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
            } else if byte == separator {
                endField()
            } else if byte == 0x0A || byte == 0x0D {
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                endRow()
                line += 1
                rowLine = line
            } else if byte == UInt8(ascii: "\"") && field.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                // A quote opens a quoted field only at its start (spaces before it are dropped).
                field.removeAll(keepingCapacity: true)
                inQuotes = true
                quoteOpenedOn = line
            } else {
                field.append(byte)
            }
            index += 1
        }
        if !field.isEmpty || !fields.isEmpty || inQuotes { endRow() }
        return Result(rows: rows, unterminatedQuoteFrom: inQuotes ? quoteOpenedOn : nil, separator: separator)
    }

    static func guessSeparator(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, 0x09: 0, UInt8(ascii: ";"): 0]
        var inQuotes = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes, byte == 0x0A || byte == 0x0D { break }
            if !inQuotes, counts[byte] != nil { counts[byte, default: 0] += 1 }
        }
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard let best = ranked.first, best.value > 0 else { return UInt8(ascii: ",") }
        return best.key
    }
}
