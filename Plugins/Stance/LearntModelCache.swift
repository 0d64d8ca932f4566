import CCGLearn
import CCGModel
import Foundation

extension NGramLinearModel {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var decoded: [Int: NGramLinearModel] = [:]

    /// The model in `file` (of the format named), decoded once per process for the same bytes: every analyser of a run (one per
    /// worker, and again in each test) would otherwise parse the same megabytes of JSON. Read through the
    /// lexicon folder when it lives there, so that the report names it with its hash like any lexicon.
    static func cached(file: URL, name: String, lexicons: LexiconDirectory? = nil, format: String = motionStanceFormat) throws -> NGramLinearModel {
        let data: Data
        if let lexicons {
            data = Data(try lexicons.text(name).utf8)
        } else {
            guard let bytes = RegularFile.contents(of: file.path) else {
                throw StanceModel.ModelError.unreadable(path: name, reason: "no such file, not a regular file, or not readable")
            }
            data = Data(bytes)
        }
        var hasher = Hasher()
        hasher.combine(format)
        hasher.combine(data)
        let key = hasher.finalize()
        lock.lock()
        let known = decoded[key]
        lock.unlock()
        if let known { return known }
        let model = try load(data, path: name, format: format)
        lock.lock()
        decoded[key] = model
        lock.unlock()
        return model
    }

    /// The learnt model a setting names (a file, or `none` for no model), else the lexicon folder's own
    /// when it has one (nil when it has none). A file the setting names is read as it is; the folder's own is
    /// read through the folder, so that the report lists it with its hash. A model whose dense features are
    /// not the ones this build computes reads other numbers: it is refused rather than misread.
    static func learnt(
        setting: String?, shipped path: String, lexicons: LexiconDirectory, format: String, dense: [String], trainer: String
    ) throws -> NGramLinearModel? {
        let shipped = lexicons.root.appendingPathComponent(path)
        if setting == "none" || (setting == nil && !FileManager.default.fileExists(atPath: shipped.path)) { return nil }
        let model = try setting.map { try cached(file: URL(fileURLWithPath: $0), name: $0, format: format) }
            ?? cached(file: shipped, name: path, lexicons: lexicons, format: format)
        guard model.dense == dense else {
            throw StanceModel.ModelError.unreadable(
                path: setting ?? path, reason: "it reads the features \(model.dense) and this version computes \(dense); retrain it with ccgtext train \(trainer)")
        }
        return model
    }
}
