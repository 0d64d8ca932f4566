import Foundation

/// Told how a run is going, so a command line can show a bar or log lines. Called from the workers,
/// concurrently: an observer keeps its own lock.
public protocol ProgressObserver: Sendable {
    /// Once, when the input has been listed: the files this run (or shard) takes and their total size.
    func started(files: Int, bytes: UInt64)
    /// After each file, whatever became of it.
    func finished(_ file: FileProgress)
    /// Once every file is done and the report is being assembled and written.
    func writing()
}

/// One file's passage through the pipeline.
public struct FileProgress: Sendable {
    public var path: String
    public var bytes: UInt64
    /// Documents it gave (a comment export can give many) and how many of them failed.
    public var documents: Int
    public var failed: Int
    public var seconds: Double
    public var fromCache: Bool
}
