import CCGLearn
import CCGModel
import Foundation

/// What the zero-shot rules' confidence means: the chance their label is right, fit on labelled validation
/// data (`ccgtext train stance-confidence`), one calibration for a side (favor or against) and one for
/// `none`, each on the absolute score. Without it a confidence would be a squashed score, and a 0.7 would
/// not be right seven times in ten.
///
/// The file is data, not code: `lexicons/stance/confidence.en.json` names its data, splits and licence.
/// A lexicon folder without it keeps the squashed score.
public struct StanceConfidence: Codable, Sendable, Equatable {
    public static let formatName = "ccgtext-stance-confidence"
    public static let currentVersion = 1
    public static let path = "stance/confidence.en.json"

    public var format: String
    public var version: Int
    public var licence: String
    /// Labels favor or against, on the absolute score.
    public var side: ConfidenceCalibration
    /// Label none, on the absolute score; absent when the data had no none label.
    public var none: ConfidenceCalibration?

    public init(licence: String, side: ConfidenceCalibration, none: ConfidenceCalibration?) {
        format = Self.formatName
        version = Self.currentVersion
        self.licence = licence
        self.side = side
        self.none = none
    }

    /// The file in `lexicons`, nil when the folder has none; one of another format or version is refused.
    static func load(from lexicons: LexiconDirectory) throws -> StanceConfidence? {
        guard FileManager.default.fileExists(atPath: lexicons.root.appendingPathComponent(path).path) else { return nil }
        let file = try lexicons.json(path, as: StanceConfidence.self)
        guard file.format == formatName, file.version == currentVersion else {
            throw LexiconError.malformed(
                path: lexicons.root.appendingPathComponent(path).path, line: 0,
                reason: "format \(file.format) version \(file.version); this build reads \(formatName) version \(currentVersion)")
        }
        return file
    }

    /// The chance that `label`, given with this score, is right; nil when there is no calibration for it.
    func confidence(label: String, score: Double) -> Double? {
        (label == "none" ? none : side)?.confidence(abs(score))
    }
}
