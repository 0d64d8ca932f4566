import CStemmer

/// A Snowball stemmer (libstemmer) for folded words: keyphrases and theme terms are grouped by stem so
/// that inflections and derivations ("practice"/"practices", "commissioning"/"commission") count as one.
///
/// One instance holds one libstemmer handle, which is not safe to share: use it from one task at a time
/// (see `ReusePool`). Stems are cached per instance, since the same words recur in every document.
public final class Stemmer: @unchecked Sendable {
    public enum StemmerError: Error, CustomStringConvertible {
        case unknownLanguage(String)

        public var description: String {
            switch self {
            case .unknownLanguage(let name):
                return "no Snowball stemmer for \"\(name)\"; libstemmer has: \(Stemmer.languages.joined(separator: ", "))"
            }
        }
    }

    /// The algorithms this libstemmer offers ("english", "porter", "french", …).
    public static var languages: [String] {
        guard let list = sb_stemmer_list() else { return [] }
        var names: [String] = []
        var index = 0
        while let name = list[index] {
            names.append(String(cString: name))
            index += 1
        }
        return names.sorted()
    }

    /// Nil only for `unstemmed(language:)`.
    private let handle: OpaquePointer?
    private var cache: [String: String] = [:]
    /// Beyond this many distinct words the cache is cleared rather than grown: memory stays bounded on a
    /// crawl with an open vocabulary.
    private static let cacheLimit = 50_000
    public let language: String

    public init(language: String = "english") throws {
        guard let handle = sb_stemmer_new(language, "UTF_8") else { throw StemmerError.unknownLanguage(language) }
        self.handle = handle
        self.language = language
    }

    private init(unstemmed language: String) {
        handle = nil
        self.language = language
    }

    /// A stand-in that returns words as they are, for when libstemmer cannot open another stemmer of a
    /// language it opened before (out of memory): a run degrades to unstemmed matching rather than stopping.
    public static func unstemmed(language: String) -> Stemmer { Stemmer(unstemmed: language) }

    deinit { if let handle { sb_stemmer_delete(handle) } }

    /// The stem of an already folded word (lower case); the word itself when libstemmer cannot stem it.
    public func stem(_ word: String) -> String {
        guard let handle else { return word }
        if let known = cache[word] { return known }
        var bytes = Array(word.utf8)
        let stemmed: String = bytes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress,
                let result = sb_stemmer_stem(handle, base, Int32(buffer.count))
            else { return word }
            // The result points into the stemmer's own buffer, valid until its next call: copied at once.
            let length = Int(sb_stemmer_length(handle))
            return String(decoding: UnsafeBufferPointer(start: result, count: length), as: UTF8.self)
        }
        if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[word] = stemmed
        return stemmed
    }
}
