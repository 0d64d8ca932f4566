import CCGTokenize
import Foundation

/// Reads the dates and times pages show ("19 June 2015 2:58pm", "2015-06-19T14:58:00Z", "June 19, 2015",
/// "15. Januar 2021, 17:00", "15 janvier 2021 à 17h00", "15 de enero de 2021") into ISO 8601, keeping only
/// what the page states (no invented time zone).
enum DateParser {
    /// English month names by their first three letters ("sept", "sept." and "September" alike).
    private static let englishMonths = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ]

    /// The languages whose month names are read, besides English: the European languages that web pages
    /// and forums are most often written in. The names come from ICU's locale data (CLDR), in every form a
    /// date writes them (wide and abbreviated, formatting and standalone: "januar", "jan", "janv",
    /// "stycznia", "styczeń"), lower-cased and without a trailing full stop.
    static let monthLocales = ["de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "ca", "ro", "hu", "tr"]

    private static let localisedMonths: [String: Int] = {
        var table: [String: Int] = [:]
        for locale in monthLocales {
            for form in ICU.monthNames(locale: locale) {
                for (index, name) in form.enumerated() {
                    var key = name.lowercased()
                    while key.hasSuffix(".") { key.removeLast() }
                    // The first language to name a month keeps the word (none of these clash on the month).
                    if !key.isEmpty, table[key] == nil { table[key] = index + 1 }
                }
            }
        }
        return table
    }()

    /// The month a word names, in English or one of `monthLocales`.
    private static func month(named word: String) -> Int? {
        var key = word
        while key.hasSuffix(".") { key.removeLast() }
        guard !key.isEmpty, key.allSatisfy(\.isLetter) else { return nil }
        if let month = localisedMonths[key] { return month }
        return englishMonths[String(key.prefix(3))]
    }

    /// `YYYY-MM-DD` for any date this parser understands.
    static func isoDate(_ text: String) -> String? {
        timestamp(text).map { String($0.prefix(10)) }
    }

    /// ISO 8601 date, or date and time (`YYYY-MM-DDTHH:MM`, with the offset when the text has one).
    static func timestamp(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let iso = isoForm(trimmed) { return iso }
        let words = trimmed.lowercased().replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        var day: Int?
        var month: Int?
        var year: Int?
        var time: (hour: Int, minute: Int)?
        /// Words that name a month; a short one can be a word of the text too (Polish "sie" for August is
        /// German "Sie"), so the one with a day beside it is the date's.
        var monthWords: [(index: Int, month: Int)] = []
        /// A day or year number ("15", "15th", "2021"); not a count ("#1") or a number glued to letters.
        func number(_ word: String) -> Int? {
            guard !word.hasPrefix("#") else { return nil }
            return Int(word.trimmingCharacters(in: CharacterSet(charactersIn: "stndrdth").union(.punctuationCharacters)))
        }
        var index = 0
        while index < words.count {
            let word = words[index]
            if let parsed = clock(word, next: index + 1 < words.count ? words[index + 1] : nil) {
                time = (parsed.hour, parsed.minute)
                if parsed.consumedNext { index += 1 }
            } else if let value = Self.month(named: word) {
                monthWords.append((index, value))
            } else if let value = number(word), value > 31, year == nil {
                year = value
            } else if word.contains("/") || word.contains(".") || word.contains("-") {
                if let numeric = numericDate(word) { (day, month, year) = numeric }
            }
            index += 1
        }
        // With a month name, the day is the number beside it ("15 January", "January 15", "15th of January",
        // "15 de enero"), not the first small number of the line ("Reply #1 on: January 15, 2021").
        if day == nil || month == nil {
            func dayBeside(_ monthWord: Int) -> Int? {
                for position in [monthWord + 1, monthWord - 1, monthWord - 2] where words.indices.contains(position) {
                    if position == monthWord - 2, !(words[monthWord - 1].count <= 3 && words[monthWord - 1].allSatisfy(\.isLetter)) { continue }
                    if let value = number(words[position]), (1...31).contains(value) { return value }
                }
                return nil
            }
            if let dated = monthWords.lazy.compactMap({ word in dayBeside(word.index).map { (word.month, $0) } }).first {
                (month, day) = dated
            } else if let first = monthWords.first {
                month = first.month
            }
        }
        guard let day, let month, let year, (1...31).contains(day), (1...12).contains(month), (1000...9999).contains(year) else { return nil }
        let date = String(format: "%04d-%02d-%02d", year, month, day)
        guard let time else { return date }
        return date + String(format: "T%02d:%02d", time.hour, time.minute)
    }

    /// A date written in numbers: `15/01/2021` (day first, as in Britain), `15.01.2021` (day first, as in
    /// Germany), `01-15-2021` or `15-01-2021` (vBulletin's and others' dashes, read only when one part is
    /// above 12, since either order is in use). Two-digit years are this century's.
    private static func numericDate(_ word: String) -> (Int, Int, Int)? {
        for separator: Character in ["/", ".", "-"] where word.contains(separator) {
            let texts = word.split(separator: separator, omittingEmptySubsequences: false)
            let parts = texts.map { Int($0) }
            // A year of two or four digits: "4.2.5" is a version number.
            guard parts.count == 3 || (parts.count == 4 && separator == "." && word.hasSuffix(".")), [2, 4].contains(texts[2].count) || texts[0].count == 4,
                let first = parts[0], let second = parts[1], let third = parts[2]
            else { return nil }
            // Year first ("2013/12/28", "2013.12.28"), as East Asian and ISO-like pages write dates.
            if texts[0].count == 4, separator != "-" { return (third, second, first) }
            let year = third < 100 ? 2000 + third : third
            switch separator {
            case "-":
                if first > 12, second <= 12 { return (first, second, year) }
                if second > 12, first <= 12 { return (second, first, year) }
                return nil
            default:
                return (first, second, year)
            }
        }
        return nil
    }

    private static func clock(_ word: String, next: String?) -> (hour: Int, minute: Int, consumedNext: Bool)? {
        // "17h00", "17h" (French and others write the hour with an h).
        var body = word
        if let h = body.firstIndex(of: "h"), h != body.startIndex, body[..<h].allSatisfy(\.isNumber), body[body.index(after: h)...].allSatisfy(\.isNumber) {
            body = body[..<h] + ":" + (body[body.index(after: h)...].isEmpty ? "00" : body[body.index(after: h)...])
        }
        var suffix: String?
        var consumed = false
        for marker in ["am", "pm"] where body.hasSuffix(marker) {
            suffix = marker
            body.removeLast(2)
        }
        if suffix == nil, let next, next == "am" || next == "pm" {
            suffix = next
            consumed = true
        }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2 || (suffix != nil && parts.count == 1), let hour = Int(parts[0]) else { return nil }
        let minute = parts.count >= 2 ? Int(parts[1]) : 0
        guard let minute, hour <= 23, minute <= 59 else { return nil }
        var hour24 = hour
        if suffix == "pm", hour < 12 { hour24 += 12 }
        if suffix == "am", hour == 12 { hour24 = 0 }
        return (hour24, minute, consumed)
    }

    /// Already ISO 8601 (`2015-06-19`, `2015-06-19T14:58:00+01:00`): keep date, minutes and offset.
    private static func isoForm(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 10, scalars[4] == "-", scalars[7] == "-",
            Int(String(String.UnicodeScalarView(scalars[0..<4]))) != nil,
            Int(String(String.UnicodeScalarView(scalars[5..<7]))) != nil,
            Int(String(String.UnicodeScalarView(scalars[8..<10]))) != nil
        else { return nil }
        let date = String(String.UnicodeScalarView(scalars[0..<10]))
        guard scalars.count >= 16, scalars[10] == "T" || scalars[10] == " ", scalars[13] == ":" else { return date }
        var result = date + "T" + String(String.UnicodeScalarView(scalars[11..<16]))
        let rest = String(String.UnicodeScalarView(scalars[16...]))
        if rest.hasSuffix("Z") {
            result += "Z"
        } else if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let offset = rest[sign...]
            if offset.count == 6 || offset.count == 5 { result += offset }
        }
        return result
    }
}
