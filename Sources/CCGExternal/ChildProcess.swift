import CProcessBridge
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process with pipes on its standard streams, exchanged with line by line under a deadline.
///
/// The one file in ccgtext that calls the C library directly (poll, read, write, kill, waitpid; the
/// process is started by `ccg_spawn` in `Sources/CShims/CProcessBridge`).
/// Reading and writing are interleaved in one poll loop, so a plugin that answers while a large batch is
/// still being written cannot deadlock the two pipes; its standard error is drained in the same loop and
/// the last few kilobytes kept, for the message when it fails.
///
/// The child is started in a process group of its own, and ending it ends the group: a plugin that starts
/// helpers (`sleep 300`, a server) leaves none running. Its exit is the end of its answers even when a
/// helper still holds its output open.
final class ChildProcess {
    enum Failure: Error, Equatable, CustomStringConvertible {
        case cannotStart(String)
        case timedOut(seconds: Double)
        /// The child closed its standard output, or exited (or crashed).
        case closed
        case lineTooLong(limit: Int)
        case writeFailed(String)

        var description: String {
            switch self {
            case .cannotStart(let reason): return "cannot start: \(reason)"
            case .timedOut(let seconds): return "no answer within \(Self.seconds(seconds))"
            case .closed: return "closed its output before answering"
            case .lineTooLong(let limit): return "printed a line over \(limit) bytes"
            case .writeFailed(let reason): return "stopped reading its input (\(reason))"
            }
        }

        private static func seconds(_ value: Double) -> String {
            value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
        }
    }

    /// The child's process id, which is also its process group's.
    private let pid: pid_t
    private let input: Int32
    private let output: Int32
    private let errors: Int32
    /// The wait status once the child has been reaped.
    private var status: Int32?
    private var outputBuffer: [UInt8] = []
    private var errorTail: [UInt8] = []
    private let errorTailLimit = 4096
    private var inputClosed = false
    private var errorsOpen = true
    private var finished = false

    /// Starts `arguments[0]` (found on `PATH` unless it contains a slash, then relative to `directory`)
    /// in `directory`, in a new process group, with the default dispositions of the signals ccgtext itself
    /// ignores (SIGPIPE, SIGINT, SIGTERM): ignored dispositions would otherwise pass to the plugin.
    init(arguments: [String], directory: URL) throws {
        ChildProcess.ignoreBrokenPipes
        guard let command = arguments.first, !command.isEmpty else { throw Failure.cannotStart("the manifest's command is empty") }
        guard let executable = Self.resolve(command, in: directory) else {
            throw Failure.cannotStart("'\(command)' is not an executable file (looked \(command.contains("/") ? "in \(directory.path)" : "on PATH"))")
        }
        let argv = [executable.path] + Array(arguments.dropFirst())
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var child: pid_t = 0
        var descriptors: [Int32] = [-1, -1, -1]
        let spawned = ccg_spawn(executable.path, &cArguments, directory.path, &descriptors, &child)
        guard spawned == 0 else { throw Failure.cannotStart(String(cString: strerror(spawned))) }
        pid = child
        (input, output, errors) = (descriptors[0], descriptors[1], descriptors[2])
    }

    /// A write to a pipe whose reader has gone raises SIGPIPE, which would end ccgtext itself; with the
    /// signal ignored the write fails with EPIPE and the plugin alone is stopped.
    private static let ignoreBrokenPipes: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()

    /// Whether the child is still running; reaps it (once) when it has ended.
    private var isRunning: Bool {
        guard status == nil else { return false }
        var raw: Int32 = 0
        let reaped = waitpid(pid, &raw, WNOHANG)
        if reaped == pid {
            status = raw
            return false
        }
        if reaped < 0 && errno == ECHILD { status = 0 }
        return status == nil
    }

    /// Writes `data`, then hands each line the child prints to `onLine` until it returns true, the
    /// deadline passes, or the child closes its output. Lines printed after the last one wanted stay
    /// buffered for the next exchange. Without `onLine`, returns once `data` is written.
    func exchange(writing data: [UInt8], timeout: Double, maxLineBytes: Int, onLine: (([UInt8]) throws -> Bool)?) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var written = 0
        // Lines already buffered from an earlier exchange come first.
        var done = try onLine.map { try drainLines(maxLineBytes: maxLineBytes, deadline: deadline, timeout: timeout, onLine: $0) } ?? true
        if done && data.isEmpty { return }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw Failure.timedOut(seconds: timeout) }
            // A closed standard error keeps signalling POLLHUP: poll a negative descriptor instead (ignored).
            var descriptors = [pollfd(fd: output, events: Int16(POLLIN), revents: 0), pollfd(fd: errorsOpen ? errors : -1, events: Int16(POLLIN), revents: 0)]
            let writing = written < data.count
            if writing { descriptors.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0)) }
            // In slices, so that the child's exit is seen even while a helper it started holds its output open.
            let ready = poll(&descriptors, nfds_t(descriptors.count), Int32(min(remaining * 1000 + 1, 100)))
            if ready < 0 {
                if errno == EINTR { continue }
                throw Failure.writeFailed(String(cString: strerror(errno)))
            }
            if ready == 0 {
                guard !isRunning else { continue }
                // Exited: what it printed before exiting is still read; then its answers are over.
                let count = chunk.withUnsafeMutableBufferPointer { read(output, $0.baseAddress, $0.count) }
                if count > 0 {
                    outputBuffer += chunk[0..<count]
                    if !done, let onLine { done = try drainLines(maxLineBytes: maxLineBytes, deadline: deadline, timeout: timeout, onLine: onLine) }
                    if done, written == data.count { return }
                    continue
                }
                throw Failure.closed
            }
            if writing, descriptors[2].revents != 0 {
                if descriptors[2].revents & Int16(POLLOUT) != 0 {
                    let count = data.withUnsafeBufferPointer { buffer -> Int in
                        guard let base = buffer.baseAddress else { return 0 }
                        return write(input, base + written, min(buffer.count - written, 65_536))
                    }
                    if count > 0 {
                        written += count
                    } else if count < 0, errno != EAGAIN, errno != EINTR {
                        throw Failure.writeFailed(String(cString: strerror(errno)))
                    }
                } else {
                    throw Failure.writeFailed("its input was closed")
                }
            }
            if descriptors[1].revents != 0 {
                let count = chunk.withUnsafeMutableBufferPointer { read(errors, $0.baseAddress, $0.count) }
                if count > 0 {
                    errorTail += chunk[0..<count]
                    if errorTail.count > errorTailLimit { errorTail.removeFirst(errorTail.count - errorTailLimit) }
                } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    errorsOpen = false
                }
            }
            if done, written == data.count { return }
            if descriptors[0].revents != 0 {
                let count = chunk.withUnsafeMutableBufferPointer { read(output, $0.baseAddress, $0.count) }
                if count > 0 {
                    outputBuffer += chunk[0..<count]
                    if !done, let onLine { done = try drainLines(maxLineBytes: maxLineBytes, deadline: deadline, timeout: timeout, onLine: onLine) }
                    if done, written == data.count { return }
                } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    throw Failure.closed
                }
            }
        }
    }

    /// Hands complete buffered lines to `onLine`; true once it has said it is done. The lines handed on
    /// are removed from the buffer once, at the end (removing each line from the front would copy the rest
    /// of the buffer per line: 13 MB of blank lines cost 40 s), and the deadline holds inside the loop.
    private func drainLines(maxLineBytes: Int, deadline: Date, timeout: Double, onLine: ([UInt8]) throws -> Bool) throws -> Bool {
        var start = outputBuffer.startIndex
        defer { outputBuffer.removeSubrange(outputBuffer.startIndex..<start) }
        var lines = 0
        while let newline = outputBuffer[start...].firstIndex(of: 0x0A) {
            let line = outputBuffer[start..<newline]
            start = newline + 1
            guard line.count <= maxLineBytes else { throw Failure.lineTooLong(limit: maxLineBytes) }
            lines += 1
            if lines % 4096 == 0, deadline.timeIntervalSinceNow <= 0 { throw Failure.timedOut(seconds: timeout) }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            if try onLine(Array(line)) { return true }
        }
        if outputBuffer.count - (start - outputBuffer.startIndex) > maxLineBytes { throw Failure.lineTooLong(limit: maxLineBytes) }
        return false
    }

    deinit { terminate() }

    /// Closes the child's input (a polite end), waits up to `grace` seconds for it to exit, then ends its
    /// process group.
    func stop(grace: Double) {
        closeInput()
        let deadline = Date().addingTimeInterval(grace)
        while isRunning, Date() < deadline { usleep(2_000) }
        terminate()
    }

    /// Kills the child and everything it started, at once (it hung, crashed or broke the protocol, or the
    /// run is over), and reaps it.
    func terminate() {
        guard !finished else { return }
        finished = true
        // The whole group: helpers the plugin started die with it, even when the plugin has exited.
        _ = kill(-pid, SIGKILL)
        closeInput()
        while status == nil {
            var raw: Int32 = 0
            let reaped = waitpid(pid, &raw, 0)
            if reaped == pid { status = raw } else if reaped < 0 && errno != EINTR { status = 0 }
        }
        drainErrors()
        close(output)
        close(errors)
    }

    private func closeInput() {
        guard !inputClosed else { return }
        inputClosed = true
        close(input)
    }

    /// Whatever is left in the standard error pipe, read without blocking.
    private func drainErrors() {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBufferPointer { read(errors, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            errorTail += chunk[0..<count]
            if errorTail.count > errorTailLimit { errorTail.removeFirst(errorTail.count - errorTailLimit) }
        }
    }

    /// How the process ended, once it has ("exit status 1", "killed by signal 9"), else nil.
    var ending: String? {
        guard !isRunning, let status else { return nil }
        // The wait status: the low seven bits are the signal that ended it (0 for an exit), the next byte
        // the exit status.
        let signal = status & 0x7F
        return signal == 0 ? "exit status \((status >> 8) & 0xFF)" : "killed by signal \(signal)"
    }

    /// The last lines the child wrote to standard error, trimmed, for error messages.
    var errorOutput: String {
        let text = String(decoding: errorTail, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let lines = text.split(whereSeparator: \.isNewline).suffix(3)
        return lines.joined(separator: " | ")
    }

    private static func resolve(_ command: String, in directory: URL) -> URL? {
        let manager = FileManager.default
        if command.contains("/") {
            let url = command.hasPrefix("/") ? URL(fileURLWithPath: command) : directory.appendingPathComponent(command)
            return manager.isExecutableFile(atPath: url.path) ? url : nil
        }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(command)
            if manager.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }
}
