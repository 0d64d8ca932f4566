import CCGModel
import CCGTokenize
import Foundation

/// Reads comment exports (JSON Lines, a JSON array or document object, CSV or TSV with a header row) into
/// documents of kind `comments`, one per document id in the export, each comment a unit that keeps its
/// author, role, time, its id in the export (`sourceId`) and the comment it answers.
///
/// Fields are found by `CommentFieldConvention`. A record that cannot be used (no text, a line that is not
/// JSON) is skipped with a warning naming its line; the rest of the file is still read.
struct CommentImporter {
    let names: CommentFieldNames
    let rules: IngestRules

    enum Syntax {
        case json
        case csv(separator: UInt8?)
    }

    struct Imported {
        var documents: [Document]
        var warnings: [String]
    }

    /// The file is not JSON at all (as opposed to a JSON file with some bad lines).
    struct NotJSON: Error {
        var reason: String
    }

    /// One comment as the export gives it, before documents are assembled.
    struct Record {
        var position: String
        var fields: [String: String]
        /// Index of the record whose reply list held this one (nested JSON exports).
        var nestedUnder: Int?
        /// The document fields of an enclosing `{"title": …, "comments": [...]}` object.
        var context: DocumentContext
    }

    struct DocumentContext: Equatable {
        var id: String?
        var title: String?
        var url: String?
    }

    func read(_ bytes: [UInt8], source: String, syntax: Syntax) throws -> Imported {
        let decoded = TextDecoding.decode(bytes)
        var warnings = WarningTally()
        if let note = decoded.note { warnings.add("encoding", note, at: nil) }
        let records: [Record]
        let format: DocumentFormat
        switch syntax {
        case .json:
            records = try jsonRecords(decoded.text, warnings: &warnings)
            format = .json
        case .csv(let separator):
            records = try csvRecords(decoded.text, separator: separator, warnings: &warnings)
            format = .csv
        }
        let documents = assemble(records, source: source, format: format, warnings: &warnings)
        guard !documents.isEmpty else {
            let looked = names.convention.text.prefix(6).joined(separator: ", ")
            throw IngestError.noComments(
                records.isEmpty
                    ? "no comment records found (expected JSON objects, one per line or in an array, or CSV rows under a header)"
                    : "no comment has any text (looked for a field named \(looked), … as listed in lexicons/\(CommentFieldConvention.defaultPath))")
        }
        return Imported(documents: documents, warnings: warnings.messages)
    }

    // MARK: JSON

    private func jsonRecords(_ text: String, warnings: inout WarningTally) throws -> [Record] {
        var records: [Record] = []
        if let whole = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) {
            switch whole {
            case let array as [Any]:
                for (index, element) in array.enumerated() {
                    visit(element, position: "item \(index + 1)", context: DocumentContext(), nestedUnder: nil, into: &records, warnings: &warnings)
                }
            case is [String: Any]:
                visit(whole, position: "the top-level object", context: DocumentContext(), nestedUnder: nil, into: &records, warnings: &warnings)
            default:
                throw IngestError.noComments("the JSON holds a single \(Self.describe(whole)), not comment objects")
            }
            return records
        }
        // JSON Lines: one value per line; a bad line is skipped, not the file.
        var parsedLines = 0
        var firstError: String?
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            let position = "line \(offset + 1)"
            do {
                let value = try JSONSerialization.jsonObject(with: Data(trimmed.utf8), options: [.fragmentsAllowed])
                parsedLines += 1
                visit(value, position: position, context: DocumentContext(), nestedUnder: nil, into: &records, warnings: &warnings)
            } catch {
                let reason = Self.jsonErrorReason(Data(trimmed.utf8))
                firstError = firstError ?? "\(position): \(reason.prefix(80))"
                warnings.add("badLine", "lines skipped, not valid JSON", at: "\(position) (\(reason.prefix(80)))")
            }
        }
        if parsedLines == 0 { throw NotJSON(reason: firstError ?? "no JSON value found") }
        return records
    }

    /// A comment object, a document object holding comments, or an array of either.
    private func visit(_ value: Any, position: String, context: DocumentContext, nestedUnder: Int?, into records: inout [Record], warnings: inout WarningTally) {
        if let array = value as? [Any] {
            for element in array { visit(element, position: position, context: context, nestedUnder: nestedUnder, into: &records, warnings: &warnings) }
            return
        }
        guard let object = value as? [String: Any] else {
            warnings.add("notObject", "values skipped, not comment objects", at: position)
            return
        }
        let keyed = Self.normalisedKeys(object)
        let hasText = names.text.contains { keyed[$0].flatMap(Self.scalarString) != nil }
        if !hasText, let listKey = names.comments.first(where: { keyed[$0] is [Any] }), let list = keyed[listKey] as? [Any] {
            // A document: its own id, title and URL apply to the comments it holds.
            var inner = context
            inner.id = first(names.documentId + names.id, in: keyed) ?? inner.id
            inner.title = first(names.documentTitle, in: keyed) ?? inner.title
            inner.url = first(names.documentURL + ["url"], in: keyed) ?? inner.url
            for element in list { visit(element, position: position, context: inner, nestedUnder: nil, into: &records, warnings: &warnings) }
            return
        }
        let fields = commentFields(keyed)
        let index = records.count
        records.append(Record(position: nestedUnder == nil ? position : "\(position) (a nested reply)", fields: fields, nestedUnder: nestedUnder, context: context))
        for key in names.replies {
            guard let replies = keyed[key] as? [Any] else { continue }
            for reply in replies { visit(reply, position: position, context: context, nestedUnder: index, into: &records, warnings: &warnings) }
        }
    }

    /// A record's fields by the convention, from its normalised keys (a JSON object or a CSV row). An author
    /// may be an object ({"name": …, "username": …}), looked into with the same names.
    private func commentFields(_ keyed: [String: Any]) -> [String: String] {
        var fields: [String: String] = [:]
        for (field, aliases) in [
            ("text", names.text), ("role", names.role), ("time", names.time), ("id", names.id),
            ("parentId", names.parentId), ("documentId", names.documentId), ("documentTitle", names.documentTitle),
            ("documentURL", names.documentURL),
        ] {
            if let value = first(aliases, in: keyed) { fields[field] = value }
        }
        for alias in names.author {
            guard let raw = keyed[alias] else { continue }
            if let value = Self.scalarString(raw) {
                fields["author"] = value
                break
            }
            if let nested = raw as? [String: Any], let value = first(names.author, in: Self.normalisedKeys(nested)) {
                fields["author"] = value
                break
            }
        }
        return fields
    }

    private func first(_ aliases: [String], in keyed: [String: Any]) -> String? {
        for alias in aliases {
            if let value = keyed[alias].flatMap(Self.scalarString) { return value }
        }
        return nil
    }

    /// Keys normalised as the convention's names are; where two keys normalise alike the one that sorts
    /// first wins, so the result never depends on dictionary order.
    private static func normalisedKeys(_ object: [String: Any]) -> [String: Any] {
        var result: [String: Any] = [:]
        for key in object.keys.sorted() {
            let name = CommentFieldConvention.normalised(key)
            if result[name] == nil { result[name] = object[key] }
        }
        return result
    }

    /// A string or number as text; nil for null, empty strings, objects and arrays.
    private static func scalarString(_ value: Any) -> String? {
        if let string = value as? String {
            let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : string
        }
        if let number = value as? NSNumber {
            // JSON's true and false come as NSNumber too (`"thread": true` would join thread "1"): they
            // are no id, name or text.
            if String(cString: number.objCType) == "c" { return nil }
            let double = number.doubleValue
            if double.isFinite, double == double.rounded(), abs(double) < 9.0e15 { return String(Int64(double)) }
            return number.stringValue
        }
        return nil
    }

    private static func describe(_ value: Any) -> String {
        switch value {
        case is String: return "string"
        case is NSNumber: return "number"
        case is NSNull: return "null"
        default: return "value"
        }
    }

    /// Why a line is not JSON, in ccgtext's own words: the platform parser's messages differ between
    /// systems, and quote whichever bad number it met first in hash order, so a report quoting them would
    /// change from run to run.
    private static func jsonErrorReason(_ line: Data) -> String {
        do {
            let value = try JSONValueParser.parse(line)
            return value.containsNonFiniteNumber ? "a number too large to represent (such as 1e999)" : "not valid JSON"
        } catch {
            return "\(error)"
        }
    }

    // MARK: CSV

    private func csvRecords(_ text: String, separator: UInt8?, warnings: inout WarningTally) throws -> [Record] {
        let table = CSVReader.read(text, separator: separator)
        guard let header = table.rows.first else { throw IngestError.noComments("the CSV file has no header row") }
        let columns = header.fields.map(CommentFieldConvention.normalised)
        guard names.text.contains(where: columns.contains) else {
            let shown = header.fields.prefix(12).map { "\"\($0)\"" }.joined(separator: ", ")
            let looked = names.convention.text.prefix(6).joined(separator: ", ")
            throw IngestError.noComments(
                "no text column: the header row has \(shown); name the column holding each comment \(looked), … or add its name to lexicons/\(CommentFieldConvention.defaultPath)")
        }
        if let line = table.unterminatedQuoteFrom {
            warnings.add("quote", "a quoted field opened on line \(line) is never closed; the rest of the file was read as that one field", at: nil)
        }
        var records: [Record] = []
        for row in table.rows.dropFirst() {
            let position = "line \(row.line)"
            if row.fields.count != columns.count {
                warnings.add("width", "rows with a different number of fields than the header, read as far as they go", at: position)
            }
            var keyed: [String: Any] = [:]
            for (column, value) in zip(columns, row.fields) where keyed[column] == nil { keyed[column] = value }
            let fields = commentFields(keyed)
            records.append(Record(position: position, fields: fields, nestedUnder: nil, context: DocumentContext()))
        }
        return records
    }

    // MARK: Documents

    private struct Comment {
        var record: Int
        var unit: TextUnit
        var parentId: String?
    }

    private func assemble(_ records: [Record], source: String, format: DocumentFormat, warnings: inout WarningTally) -> [Document] {
        // Documents in order of first appearance; comments in file order within each.
        var order: [String] = []
        var groups: [String: [Int]] = [:]
        var recordDocument: [String] = []
        for record in records {
            let key = record.fields["documentId"] ?? record.context.id ?? ""
            recordDocument.append(key)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(recordDocument.count - 1)
        }
        let namesDocuments = order.contains { !$0.isEmpty }
        var documents: [Document] = []
        for key in order {
            guard let members = groups[key] else { continue }
            var comments: [Comment] = []
            var unitOfRecord: [Int: Int] = [:]
            var title: String?
            var url: String?
            for recordIndex in members {
                let record = records[recordIndex]
                title = title ?? (record.fields["documentTitle"] ?? record.context.title)?.nilIfEmpty
                url = url ?? record.fields["documentURL"] ?? record.context.url
                let text = cleanText(record.fields["text"] ?? "")
                guard !text.isEmpty else {
                    warnings.add("noText", "records skipped, no text", at: record.position)
                    continue
                }
                var timestamp: String?
                if let raw = record.fields["time"] {
                    timestamp = Self.timestamp(raw)
                    if timestamp == nil { warnings.add("time", "times not understood, left empty", at: "\(record.position) (\"\(raw.prefix(40))\")") }
                }
                unitOfRecord[recordIndex] = comments.count
                let unit = TextUnit(
                    id: "u\(comments.count + 1)", type: .comment, author: record.fields["author"]?.nilIfEmpty,
                    role: record.fields["role"]?.nilIfEmpty, timestamp: timestamp, text: text,
                    sourceId: record.fields["id"]?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty)
                comments.append(Comment(record: recordIndex, unit: unit, parentId: record.fields["parentId"]?.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
            guard !comments.isEmpty else { continue }
            link(&comments, records: records, unitOfRecord: unitOfRecord, documentId: key, warnings: &warnings)
            markRepeats(&comments)
            var document = Document(
                source: namesDocuments && !key.isEmpty ? "\(source)#\(key)" : source, format: format, title: title, url: url,
                kind: .comments, units: comments.map(\.unit))
            if title != nil { document.metadataSources["title"] = "export" }
            if url != nil { document.metadataSources["url"] = "export" }
            documents.append(document)
        }
        return documents
    }

    /// `replyTo` from the export: the record a nested reply sits in, else the named parent id. A parent id
    /// that is empty, "0" or the document's own id marks a top-level comment (WordPress, Reddit).
    private func link(_ comments: inout [Comment], records: [Record], unitOfRecord: [Int: Int], documentId: String, warnings: inout WarningTally) {
        var byId: [String: Int] = [:]
        for (index, comment) in comments.enumerated() {
            guard let id = comment.unit.sourceId else { continue }
            if let earlier = byId[id] {
                warnings.add("duplicateId", "comment ids used twice, replies go to the first", at: "\(records[comment.record].position) repeats \(records[comments[earlier].record].position)")
            } else {
                byId[id] = index
            }
        }
        for index in comments.indices {
            let record = records[comments[index].record]
            if let nested = record.nestedUnder, let parent = unitOfRecord[nested] {
                comments[index].unit.replyTo = comments[parent].unit.id
                comments[index].unit.replyEvidence = .nesting
            } else if let parentId = comments[index].parentId, !parentId.isEmpty, parentId != "0", parentId != documentId,
                parentId.lowercased() != "null", parentId != comments[index].unit.sourceId
            {
                if let parent = byId[parentId] {
                    comments[index].unit.replyTo = comments[parent].unit.id
                    comments[index].unit.replyEvidence = .parentId
                } else {
                    warnings.add("orphan", "parent ids not found in their document, comments kept as top-level", at: "\(record.position) (parent \"\(parentId.prefix(40))\")")
                }
            }
        }
        // A loop of parent ids (a answers b answers a) has no top: it is cut at its earliest comment. Each
        // comment is walked through once (a chain of replies 20,000 deep costs 20,000 steps, not their square).
        let indexOfUnit = Dictionary(uniqueKeysWithValues: comments.enumerated().map { ($0.element.unit.id, $0.offset) })
        let parentOf = comments.map { $0.unit.replyTo.flatMap { indexOfUnit[$0] } }
        var cut: [Int] = []
        for index in Self.loopStarts(parents: parentOf) {
            cut.append(index)
            comments[index].unit.replyTo = nil
            comments[index].unit.replyEvidence = nil
        }
        for index in cut { warnings.add("cycle", "parent ids forming a loop, cut (the comment kept as top-level)", at: records[comments[index].record].position) }
    }

    /// The earliest member of each loop in a parent graph (`parents[i]`, nil for a top-level comment), in
    /// ascending order: cutting their parent links leaves a forest. Linear: each node is walked once,
    /// marked as on the current walk, then as done.
    static func loopStarts(parents: [Int?]) -> [Int] {
        enum Mark { case unseen, onWalk, done }
        var marks = Array(repeating: Mark.unseen, count: parents.count)
        var starts: [Int] = []
        var walk: [Int] = []
        for first in parents.indices where marks[first] == .unseen {
            walk.removeAll(keepingCapacity: true)
            var current: Int? = first
            while let node = current, marks[node] == .unseen {
                marks[node] = .onWalk
                walk.append(node)
                current = parents[node]
            }
            if let node = current, marks[node] == .onWalk, let entry = walk.firstIndex(of: node) {
                // The walk came back to itself: the loop is the walk from `node` on.
                if let earliest = walk[entry...].min() { starts.append(earliest) }
            }
            for node in walk { marks[node] = .done }
        }
        return starts.sorted()
    }

    /// `duplicateOf` for a comment posted again word for word (ignoring case and punctuation): exports
    /// keep double submissions. Exact matching keeps this linear in the size of the thread.
    private func markRepeats(_ comments: inout [Comment]) {
        var firstWith: [[String]: String] = [:]
        for index in comments.indices {
            let words = CommentThreadLinker.words(comments[index].unit.text)
            guard words.count >= 4 else { continue }
            if let original = firstWith[words] {
                comments[index].unit.duplicateOf = original
            } else {
                firstWith[words] = comments[index].unit.id
            }
        }
    }

    // MARK: Text and times

    /// Plain text with one paragraph per non-empty line; HTML (tags or entities) is read through libxml2 first.
    func cleanText(_ raw: String) -> String {
        let paragraphs: [String]
        if Self.looksLikeHTML(raw), let root = HTMLParser.parse(Array(raw.utf8), encoding: "UTF-8", vocabulary: rules.vocabulary) {
            paragraphs = HTMLBlocks.fragmentParagraphs(root, rules: rules)
        } else {
            paragraphs = raw.split(whereSeparator: \.isNewline).map { String($0).collapsingWhitespace }.filter { !$0.isEmpty }
        }
        return ICU.nfc(paragraphs.joined(separator: "\n\n").replacingOccurrences(of: "\u{0}", with: ""))
    }

    private static let markup = try? NSRegularExpression(
        pattern: #"</?(p|br|a|i|b|u|s|em|strong|blockquote|div|span|ul|ol|li|code|pre|del|ins|sup|sub|h[1-6]|img|hr|q|cite|small|font)\b[^<>]*>|&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});"#,
        options: [.caseInsensitive])

    static func looksLikeHTML(_ text: String) -> Bool {
        guard text.contains("<") || text.contains("&"), let markup else { return false }
        return markup.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// ISO 8601 from an export's time: Unix seconds or milliseconds (as UTC), ISO 8601 as given (seconds
    /// kept, fractions dropped), or any form `DateParser` reads.
    static func timestamp(_ raw: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        // Unix time has nine digits or more after 1973; a shorter number ("2019") is not one.
        if let seconds = Double(trimmed), seconds.isFinite, seconds >= 1.0e8, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            // Ten digits are seconds (until 2286); thirteen are milliseconds.
            let value = seconds >= 1.0e11 ? seconds / 1000 : seconds
            guard value >= 0, value < 1.0e10 else { return nil }
            let parts = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: value.rounded(.down)))
            guard let year = parts.year, let month = parts.month, let day = parts.day, let hour = parts.hour, let minute = parts.minute, let second = parts.second else { return nil }
            return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hour, minute, second)
        }
        if let match = isoPattern?.firstMatch(in: trimmed, range: NSRange(trimmed.startIndex..., in: trimmed)) {
            func group(_ index: Int) -> String? {
                Range(match.range(at: index), in: trimmed).map { String(trimmed[$0]) }
            }
            guard let date = group(1) else { return nil }
            guard let time = group(2) else { return date }
            var zone = group(3) ?? ""
            if zone.count == 5 { zone.insert(":", at: zone.index(zone.startIndex, offsetBy: 3)) }
            return "\(date)T\(time)\(zone == "+00:00" ? "Z" : zone)"
        }
        return DateParser.timestamp(trimmed)
    }

    private static let isoPattern = try? NSRegularExpression(
        pattern: #"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?$"#)

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()
}

/// Warnings of one kind gathered into one message with the first few places they occur, so a file with
/// ten thousand bad rows gives one readable line, not ten thousand.
struct WarningTally {
    private var kinds: [String] = []
    private var entries: [String: (message: String, places: [String], count: Int)] = [:]

    mutating func add(_ kind: String, _ message: String, at place: String?) {
        if entries[kind] == nil {
            kinds.append(kind)
            entries[kind] = (message, [], 0)
        }
        entries[kind]?.count += 1
        if let place, let count = entries[kind]?.places.count, count < 5 { entries[kind]?.places.append(place) }
    }

    var messages: [String] {
        kinds.compactMap { kind in
            guard let entry = entries[kind] else { return nil }
            guard !entry.places.isEmpty else { return entry.message }
            let more = entry.count > entry.places.count ? ", …" : ""
            return "\(entry.message) (\(entry.count)): \(entry.places.joined(separator: "; "))\(more)"
        }
    }
}
