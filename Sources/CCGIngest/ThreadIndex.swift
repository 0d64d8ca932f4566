import CCGModel
import Foundation

/// The phrases of a thread's comments, indexed so that `CommentThreadLinker` finds earlier comments that
/// share a phrase without comparing every pair: a page of 10,000 comments costs time linear in its words.
///
/// Where one index entry is shared by many comments (a stock phrase, a spammed line), only the most recent
/// `candidateLimit` comments under it are looked at: a reply's parent and a re-post's original are near
/// it in the thread, and the bound is what keeps a hostile thread linear.
struct ThreadIndex {
    static let candidateLimit = 256
    /// Re-posts are looked for among fewer: a re-post follows its original closely, and every comment is checked.
    static let duplicateCandidateLimit = 64
    /// A re-post shares at least this share of its word triples with its original (Jaccard similarity).
    static let duplicateSimilarity = (numerator: 3, denominator: 5)
    /// Fewer triples than this and a comment is too short to call a re-post.
    static let duplicateMinimumShingles = 8

    let wordLists: [[String]]
    /// Each comment's distinct word triples as ascending numbers, one number per distinct triple of the
    /// thread, given in reading order (so the same thread numbers the same way in every run): two comments'
    /// overlap is then a merge of two sorted arrays, not a set intersection of strings.
    private var numbered: [[Int]] = []
    /// Triple number → the comments holding it, ascending.
    private var postings: [[Int]] = []
    /// Triple number → the comments whose rarest triples (their prefix, see `init`) hold it, ascending.
    private var prefixPostings: [[Int]] = []
    private var prefixes: [[Int]] = []
    /// Four words (hashed) → the comments holding them, ascending; built when a quoted passage is first looked for.
    private var fourWords: [UInt64: [Int]]?

    init(wordLists: [[String]]) {
        self.wordLists = wordLists
        var numbers: [String: Int] = [:]
        for (index, words) in wordLists.enumerated() {
            var own: [Int] = []
            if words.count >= 3 {
                own.reserveCapacity(words.count - 2)
                for start in 0...(words.count - 3) {
                    let triple = words[start..<(start + 3)].joined(separator: " ")
                    if let number = numbers[triple] {
                        own.append(number)
                    } else {
                        numbers[triple] = postings.count
                        own.append(postings.count)
                        postings.append([])
                    }
                }
            }
            own = Array(Set(own)).sorted()
            for number in own { postings[number].append(index) }
            numbered.append(own)
        }
        // Prefix filtering (Chaudhuri et al. 2006; Bayardo et al. 2007): with every set's triples ordered
        // rarest first, two sets whose Jaccard similarity reaches t share a triple among the first
        // |A| - ⌈t·|A|⌉ + 1 of each. So only comments whose prefixes meet need comparing.
        let postings = postings
        prefixPostings = Array(repeating: [], count: postings.count)
        for (index, own) in numbered.enumerated() {
            let ordered = own.sorted { a, b in postings[a].count != postings[b].count ? postings[a].count < postings[b].count : a < b }
            let prefix = Array(ordered.prefix(Self.prefixLength(ordered.count)))
            for number in prefix { prefixPostings[number].append(index) }
            prefixes.append(prefix)
        }
    }

    /// |A| - ⌈(3/5)·|A|⌉ + 1, in integers.
    static func prefixLength(_ count: Int) -> Int {
        let (numerator, denominator) = duplicateSimilarity
        return count - (numerator * count + denominator - 1) / denominator + 1
    }

    /// The earliest comment before `current` that `current` re-posts, as far as the bounded look-up sees:
    /// Jaccard similarity of their word triples at least 3/5, `current` having
    /// `duplicateMinimumShingles` or more.
    func earliestNearDuplicate(of current: Int) -> Int? {
        let mine = numbered[current]
        guard mine.count >= Self.duplicateMinimumShingles else { return nil }
        var candidates: [Int] = []
        for number in prefixes[current] {
            let list = prefixPostings[number]
            let before = Self.countBefore(current, in: list)
            candidates += list[max(0, before - Self.duplicateCandidateLimit)..<before]
        }
        let (numerator, denominator) = Self.duplicateSimilarity
        var checked = 0
        var previous = -1
        for candidate in candidates.sorted() where candidate != previous {
            previous = candidate
            let other = numbered[candidate]
            // Sizes alone can rule a pair out: the overlap is at most the smaller set.
            let smaller = min(mine.count, other.count), larger = max(mine.count, other.count)
            guard smaller * denominator >= larger * numerator else { continue }
            checked += 1
            if checked > Self.duplicateCandidateLimit { break }
            let shared = sortedOverlap(mine, other)
            let union = mine.count + other.count - shared
            if union > 0, shared * denominator >= union * numerator { return candidate }
        }
        return nil
    }

    /// For each comment before `current` that shares a word triple with it and passes `eligible`, how many
    /// triples they share (from the most recent `candidateLimit` comments under each triple), by index.
    func sharedShingles(with current: Int, eligible: (Int) -> Bool) -> [(index: Int, shared: Int)] {
        var counts: [Int: Int] = [:]
        for number in numbered[current] {
            let list = postings[number]
            let before = Self.countBefore(current, in: list)
            for other in list[max(0, before - Self.candidateLimit)..<before] { counts[other, default: 0] += 1 }
        }
        return counts.filter { eligible($0.key) }.map { (index: $0.key, shared: $0.value) }.sorted { $0.index < $1.index }
    }

    /// The most recent comment before `current` that contains one of `passages` (4 words or more) word for
    /// word, the passages tried in order.
    mutating func latestContaining(_ passages: [String], before current: Int) -> Int? {
        for passage in passages {
            let needle = CommentThreadLinker.words(passage)
            guard needle.count >= 4 else { continue }
            if fourWords == nil { fourWords = Self.fourWordIndex(wordLists) }
            // Every comment holding the passage holds each of its four-word runs: the rarest one's list suffices.
            let lists = (0...(needle.count - 4)).map { fourWords?[Self.hash(needle[$0..<($0 + 4)])] ?? [] }
            guard let rarest = lists.min(by: { $0.count < $1.count }) else { continue }
            let before = Self.countBefore(current, in: rarest)
            var checked = 0
            var previous = -1
            for candidate in rarest[max(0, before - Self.candidateLimit)..<before].reversed() where candidate != previous {
                previous = candidate
                checked += 1
                if checked > Self.candidateLimit { break }
                if CommentThreadLinker.contains(wordLists[candidate], needle) { return candidate }
            }
        }
        return nil
    }

    private static func fourWordIndex(_ wordLists: [[String]]) -> [UInt64: [Int]] {
        var index: [UInt64: [Int]] = [:]
        for (comment, words) in wordLists.enumerated() where words.count >= 4 {
            for start in 0...(words.count - 4) {
                let key = hash(words[start..<(start + 4)])
                if index[key]?.last != comment { index[key, default: []].append(comment) }
            }
        }
        return index
    }

    /// FNV-1a over the words and a separator: the same in every process (Swift's `Hasher` is seeded per
    /// run), so which candidates a bounded look-up sees never varies. A collision only adds a candidate,
    /// which the word-for-word check then turns down.
    static func hash(_ words: ArraySlice<String>) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for word in words {
            for byte in word.utf8 {
                value ^= UInt64(byte)
                value = value &* 0x0000_0100_0000_01B3
            }
            value ^= 0x20
            value = value &* 0x0000_0100_0000_01B3
        }
        return value
    }

    /// How many entries of the ascending `list` are below `value`.
    static func countBefore(_ value: Int, in list: [Int]) -> Int {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// Earlier comments by author, and by author and time, kept up to date as replies attribute names and
/// times to the comments they quote: the latest comment a quoted "Name | Role | time" header can name is
/// found without scanning the thread.
struct AuthorIndex {
    /// Folded author → comments, ascending.
    private var all: [String: [Int]] = [:]
    /// Folded author → comments without a time, ascending.
    private var untimed: [String: [Int]] = [:]
    /// Folded author and time → comments, ascending.
    private var timed: [String: [Int]] = [:]

    private static func key(_ author: String) -> String { author.folding(options: [.caseInsensitive], locale: nil) }
    private static func key(_ author: String, _ time: String) -> String { key(author) + "\u{0}" + time }

    mutating func add(_ comment: Int, author: String, timestamp: String?) {
        Self.insert(comment, into: &all[Self.key(author), default: []])
        if let timestamp {
            Self.insert(comment, into: &timed[Self.key(author, timestamp), default: []])
        } else {
            Self.insert(comment, into: &untimed[Self.key(author), default: []])
        }
    }

    /// `comment`, by `author`, has been given `timestamp` (it had none).
    mutating func retime(_ comment: Int, author: String, timestamp: String) {
        if var list = untimed[Self.key(author)] {
            let position = ThreadIndex.countBefore(comment, in: list)
            if position < list.count, list[position] == comment { list.remove(at: position) }
            untimed[Self.key(author)] = list
        }
        Self.insert(comment, into: &timed[Self.key(author, timestamp), default: []])
    }

    /// The latest comment by `name` (any case) whose time is `time`, or unknown; any time when `time` is nil.
    func latest(named name: String, at time: String?) -> Int? {
        guard let time else { return all[Self.key(name)]?.last }
        let sameTime = timed[Self.key(name, time)]?.last, noTime = untimed[Self.key(name)]?.last
        switch (sameTime, noTime) {
        case let (a?, b?): return max(a, b)
        case let (a?, nil): return a
        case let (nil, b?): return b
        default: return nil
        }
    }

    private static func insert(_ comment: Int, into list: inout [Int]) {
        if list.last.map({ $0 < comment }) ?? true {
            list.append(comment)
            return
        }
        let position = ThreadIndex.countBefore(comment, in: list)
        if position < list.count, list[position] == comment { return }
        list.insert(comment, at: position)
    }
}
