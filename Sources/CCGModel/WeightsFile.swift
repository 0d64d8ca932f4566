import Foundation

/// A small fitted model shipped as a lexicon file (the stance argument lean, the keyphrase ranker): named
/// features and their weights under a format name and version, so that a file from another build or
/// another model is refused with its reason instead of being misread.
public protocol WeightsFile: Decodable {
    static var formatName: String { get }
    static var currentVersion: Int { get }
    /// Feature names, in value order; a file with another list is refused.
    static var featureNames: [String] { get }
    /// What the file is, for messages ("argument-lean weights").
    static var kind: String { get }
    var format: String { get }
    var version: Int { get }
    var features: [String] { get }
    var weights: [Double] { get }
    /// The file, once its header and any checks of the type's own hold.
    func validated() throws -> Self
}

/// Why a weights file cannot be used by this build.
public struct IncompatibleWeights: Error, CustomStringConvertible, Equatable {
    public var kind: String
    public var reason: String
    public init(kind: String, reason: String) {
        self.kind = kind
        self.reason = reason
    }
    public var description: String { "\(kind): \(reason)" }
}

extension WeightsFile {
    /// Format, version and feature list are what this build computes.
    public func checkHeader() throws {
        func refuse(_ reason: String) -> IncompatibleWeights { IncompatibleWeights(kind: Self.kind, reason: reason) }
        guard format == Self.formatName else { throw refuse("format \"\(format)\" is not \(Self.formatName)") }
        guard version == Self.currentVersion else { throw refuse("version \(version); this build reads \(Self.currentVersion)") }
        guard features == Self.featureNames, weights.count == features.count else {
            throw refuse("features \(features) with \(weights.count) weights; this build computes \(Self.featureNames)")
        }
    }

    public func validated() throws -> Self {
        try checkHeader()
        return self
    }
}

extension LexiconDirectory {
    /// A weights file, decoded and validated; one this build cannot use is a malformed lexicon naming its path.
    public func weights<T: WeightsFile>(_ relativePath: String, as type: T.Type) throws -> T {
        do {
            return try json(relativePath, as: T.self).validated()
        } catch let error as IncompatibleWeights {
            throw LexiconError.malformed(path: root.appendingPathComponent(relativePath).path, line: 0, reason: error.description)
        }
    }
}
