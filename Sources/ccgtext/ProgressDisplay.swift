import CCGModel
import CCGPipeline
import Foundation

/// How `analyze` reports its progress on standard error.
enum ProgressMode: Equatable {
    /// A bar redrawn in place: stderr is a terminal.
    case bar
    /// A line every `interval` seconds (and at the start and end): `--progress` when stderr is not a terminal.
    case lines(interval: Double)
    case silent

    /// The bar on a terminal unless `--quiet`; lines elsewhere only when asked for with `--progress`.
    static func choose(quiet: Bool, progress: Bool, interval: Double, terminal: Bool = isatty(STDERR_FILENO) == 1) -> ProgressMode {
        if quiet { return .silent }
        if terminal { return .bar }
        return progress ? .lines(interval: interval) : .silent
    }
}

/// Draws `analyze`'s progress: files done of the total, throughput in MB/s and the time left, estimated
/// from the bytes still to read at the rate so far. With `verbose`, also one line per file with its time.
final class ProgressDisplay: ProgressObserver, @unchecked Sendable {
    private let mode: ProgressMode
    private let verbose: Bool
    private let lock = NSLock()
    private let clock = Stopwatch()
    private var files = 0
    private var bytes: UInt64 = 0
    private var filesDone = 0
    private var bytesDone: UInt64 = 0
    private var failed = 0
    private var lastDrawn = -Double.infinity
    private let output: (String) -> Void

    init(mode: ProgressMode, verbose: Bool, output: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.mode = mode
        self.verbose = verbose
        self.output = output
    }

    func started(files: Int, bytes: UInt64) {
        lock.lock()
        defer { lock.unlock() }
        self.files = files
        self.bytes = bytes
        draw(force: true)
    }

    func finished(_ file: FileProgress) {
        lock.lock()
        defer { lock.unlock() }
        filesDone += 1
        bytesDone += file.bytes
        failed += file.failed
        if verbose {
            let outcome = file.fromCache ? "from the cache" : file.failed > 0 ? "\(file.failed) of \(file.documents) documents failed" : "\(file.documents) document\(file.documents == 1 ? "" : "s")"
            let line = "ccgtext: \(TerminalText.safe(file.path)): \(String(format: "%.1f", file.seconds * 1000)) ms, \(Self.size(file.bytes)), \(outcome)\n"
            output(mode == .bar ? "\r\u{1B}[K" + line : line)
            if mode == .bar { lastDrawn = -Double.infinity }
        }
        // The last file's line is the one `writing()` prints.
        draw(force: mode == .bar && filesDone == files)
    }

    func writing() {
        lock.lock()
        defer { lock.unlock() }
        switch mode {
        case .bar: output("\r\u{1B}[K" + status + "; writing the report\n")
        case .lines: output("ccgtext: " + status + "; writing the report\n")
        case .silent: break
        }
    }

    /// Redraws at most ten times a second (a bar) or once per interval (lines), and always when `force`.
    private func draw(force: Bool) {
        let now = clock.seconds
        switch mode {
        case .silent: return
        case .bar:
            guard force || now - lastDrawn >= 0.1 else { return }
            lastDrawn = now
            output("\r\u{1B}[K" + bar + " " + status)
        case .lines(let interval):
            guard force || now - lastDrawn >= interval else { return }
            lastDrawn = now
            output("ccgtext: " + status + "\n")
        }
    }

    private var fraction: Double {
        bytes > 0 ? Double(bytesDone) / Double(bytes) : files > 0 ? Double(filesDone) / Double(files) : 1
    }

    private var bar: String {
        let width = 28
        let filled = min(width, Int((fraction * Double(width)).rounded(.down)))
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
    }

    private var status: String {
        let elapsed = clock.seconds
        var parts = ["\(filesDone)/\(files) files (\(String(format: "%.0f", fraction * 100))%)"]
        if elapsed > 0, bytesDone > 0 { parts.append(String(format: "%.1f MB/s", Double(bytesDone) / 1_000_000 / elapsed)) }
        if filesDone < files {
            if fraction > 0 { parts.append("about \(Self.duration(elapsed / fraction - elapsed)) left") }
        } else {
            parts.append("done in \(Self.duration(elapsed))")
        }
        if failed > 0 { parts.append("\(failed) failed") }
        return parts.joined(separator: ", ")
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }

    static func size(_ bytes: UInt64) -> String {
        bytes < 1_000_000 ? String(format: "%.1f kB", Double(bytes) / 1000) : String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
