import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The staging files this process has open beside its outputs (`.NAME.PID.tmp`), so that a run ended at
/// once by a second signal removes them before it exits, and a later run removes those a killed one left.
public enum TemporaryFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var open: Set<String> = []

    public static func register(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        open.insert(path)
    }

    /// The file was renamed into place or removed.
    public static func unregister(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        open.remove(path)
    }

    /// Removes every staging file still open (before an immediate exit).
    public static func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        for path in open { unlink(path) }
        open.removeAll()
    }

    /// Removes the staging files that runs no longer alive left beside `outputs` (killed with SIGKILL, or
    /// by a power cut): the names `Report.temporaryPath` gives (`.NAME.PID.tmp`, `.NAME.PID.PURPOSE.tmp`)
    /// for each output's NAME, whose PID is no running process. Those of a run still going are left alone.
    public static func removeStale(besides outputs: [String]) {
        for output in outputs {
            let url = URL(fileURLWithPath: output)
            let folder = url.deletingLastPathComponent().path
            let prefix = "." + url.lastPathComponent + "."
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names where name.hasPrefix(prefix) {
                let rest = name.dropFirst(prefix.count)
                guard let dot = rest.firstIndex(of: "."), let pid = Int32(rest[..<dot]), pid > 0,
                    rest[dot...].hasSuffix(".tmp")
                else { continue }
                if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH { unlink(folder + "/" + name) }
            }
        }
    }
}
