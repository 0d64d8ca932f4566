import Foundation

/// Recognises a person's name in a short line ("Prof Azeem Majeed", "Dr Amanda Doyle-new-330px") and
/// cleans scrape artefacts from it.
struct PersonName {
    let titles: Set<String>

    /// The name if `text` is one: an optional title then two to four capitalised words, at most one of
    /// them an initial, none an acronym ("NHS England" is not a person).
    func name(in text: String) -> String? {
        let cleaned = Self.removingImageArtefact(text).trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ",;:")))
        let words = cleaned.split(separator: " ").map(String.init)
        guard (2...6).contains(words.count) else { return nil }
        var index = 0
        while index < words.count - 1, titles.contains(words[index].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))) {
            index += 1
        }
        let nameWords = words[index...]
        guard (2...4).contains(nameWords.count) || (index > 0 && nameWords.count == 1) else { return nil }
        for word in nameWords {
            if Self.functionWords.contains(word.lowercased()) { return nil }
            guard let first = word.unicodeScalars.first, CharacterSet.uppercaseLetters.contains(first) else { return nil }
            guard word.unicodeScalars.allSatisfy({ CharacterSet.letters.contains($0) || "'’-.".unicodeScalars.contains($0) }) else { return nil }
            let letters = word.filter(\.isLetter)
            if letters.count >= 2, letters.allSatisfy(\.isUppercase) { return nil }
        }
        return words.joined(separator: " ")
    }

    /// The longest name at the start of `text` (for "Chris Naylor is a fellow …").
    func leadingName(in text: String, maximumWords: Int = 6) -> String? {
        let words = text.split(separator: " ").prefix(maximumWords).map(String.init)
        var count = words.count
        while count >= 2 {
            if let name = name(in: words.prefix(count).joined(separator: " ")) { return name }
            count -= 1
        }
        return nil
    }

    /// The longest name at the end of `text` (for "…, argues Dr Charles Alessi").
    func trailingName(in text: String, maximumWords: Int = 6) -> String? {
        let words = text.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)).split(separator: " ").map(String.init)
        var count = min(maximumWords, words.count)
        while count >= 2 {
            if let name = name(in: words.suffix(count).joined(separator: " ")) { return name }
            count -= 1
        }
        return nil
    }

    /// Words that start organisation names and headings but never a person's name.
    static let functionWords: Set<String> = ["the", "a", "an", "this", "that", "our", "your", "their", "of", "and", "for", "to", "in", "on", "at", "by", "with"]

    /// Drops an image-file suffix that scrapers copy from `alt` or file names ("Doyle-new-330px").
    static func removingImageArtefact(_ text: String) -> String {
        guard let range = text.range(of: #"[-_ ](?:[a-z]+[-_])*\d+(?:px|x\d+)$"#, options: .regularExpression) else { return text }
        return String(text[..<range.lowerBound])
    }
}
