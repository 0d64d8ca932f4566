#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A child process with pipes on its standard streams, exchanged with line by line under a deadline.
///
/// The one file in ccgtext that calls the C library directly (poll, read, write, kill). Reading and
/// writing are interleaved in one poll loop, so a plugin that answers while a large batch is still being
/// written cannot deadlock the two pipes; its standard error is drained in the same loop and the last
/// few kilobytes kept, for the message when it fails.
final class ChildProcess {
    enum Failure: Error, Equatable, CustomStringConvertible {
        case cannotStart(String)
        case timedOut(seconds: Double)
        /// The child closed its standard output (it exited or crashed).
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

    private let process: Process
    private let input: Int32
    private let output: Int32
    private let errors: Int32
    private var outputBuffer: [UInt8] = []
    private var errorTail: [UInt8] = []
    private let errorTailLimit = 4096
    private var inputClosed = false
    private var errorsOpen = true
    private var finished = false

    /// Starts `arguments[0]` (found on `PATH` unless it contains a slash, then relative to `directory`)
    /// in `directory`.
    init(arguments: [String], directory: URL) throws {
        ChildProcess.ignoreBrokenPipes
        guard let command = arguments.first, !command.isEmpty else { throw Failure.cannotStart("the manifest's command is empty") }
        guard let executable = Self.resolve(command, in: directory) else {
            throw Failure.cannotStart("'\(command)' is not an executable file (looked \(command.contains("/") ? "in \(directory.path)" : "on PATH"))")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = Array(arguments.dropFirst())
        process.currentDirectoryURL = directory
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw Failure.cannotStart("\(error)")
        }
        // The child holds its own copies; ours must not keep the pipes open after it exits.
        try? stdin.fileHandleForReading.close()
        try? stdout.fileHandleForWriting.close()
        try? stderr.fileHandleForWriting.close()
        let descriptors = (stdin.fileHandleForWriting.fileDescriptor, stdout.fileHandleForReading.fileDescriptor, stderr.fileHandleForReading.fileDescriptor)
        for descriptor in [descriptors.0, descriptors.1, descriptors.2] {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        self.process = process
        (input, output, errors) = descriptors
        pipes = (stdin, stdout, stderr)
    }

    /// Kept so the file handles (and their descriptors) live as long as the process.
    private let pipes: (Pipe, Pipe, Pipe)

    /// A write to a pipe whose reader has gone raises SIGPIPE, which would end ccgtext itself; with the
    /// signal ignored the write fails with EPIPE and the plugin alone is stopped.
    private static let ignoreBrokenPipes: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()

    /// Writes `data`, then hands each line the child prints to `onLine` until it returns true, the
    /// deadline passes, or the child closes its output. Lines printed after the last one wanted stay
    /// buffered for the next exchange. Without `onLine`, returns once `data` is written.
    func exchange(writing data: [UInt8], timeout: Double, maxLineBytes: Int, onLine: (([UInt8]) throws -> Bool)?) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var written = 0
        // Lines already buffered from an earlier exchange come first.
        var done = try onLine.map { try drainLines(maxLineBytes: maxLineBytes, onLine: $0) } ?? true
        if done && data.isEmpty { return }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw Failure.timedOut(seconds: timeout) }
            // A closed standard error keeps signalling POLLHUP: poll a negative descriptor instead (ignored).
            var descriptors = [pollfd(fd: output, events: Int16(POLLIN), revents: 0), pollfd(fd: errorsOpen ? errors : -1, events: Int16(POLLIN), revents: 0)]
            let writing = written < data.count
            if writing { descriptors.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0)) }
            let ready = poll(&descriptors, nfds_t(descriptors.count), Int32(min(remaining * 1000 + 1, 60_000)))
            if ready < 0 {
                if errno == EINTR { continue }
                throw Failure.writeFailed(String(cString: strerror(errno)))
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
                    if !done, let onLine { done = try drainLines(maxLineBytes: maxLineBytes, onLine: onLine) }
                    if done, written == data.count { return }
                } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    throw Failure.closed
                }
            }
        }
    }

    /// Hands complete buffered lines to `onLine`; true once it has said it is done.
    private func drainLines(maxLineBytes: Int, onLine: ([UInt8]) throws -> Bool) throws -> Bool {
        while let newline = outputBuffer.firstIndex(of: 0x0A) {
            let line = Array(outputBuffer[..<newline])
            outputBuffer.removeFirst(newline + 1)
            guard line.count <= maxLineBytes else { throw Failure.lineTooLong(limit: maxLineBytes) }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            if try onLine(line) { return true }
        }
        if outputBuffer.count > maxLineBytes { throw Failure.lineTooLong(limit: maxLineBytes) }
        return false
    }

    deinit { terminate() }

    /// Closes the child's input (a polite end), waits up to `grace` seconds for it to exit, then kills it.
    func stop(grace: Double) {
        closeInput()
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning, Date() < deadline { usleep(2_000) }
        terminate()
    }

    /// Kills the child at once (it hung, crashed or broke the protocol).
    func terminate() {
        guard !finished else { return }
        finished = true
        if process.isRunning { sendKill(process.processIdentifier) }
        closeInput()
        process.waitUntilExit()
        drainErrors()
        // Closed through their handles, which would otherwise close the same descriptors again later.
        try? pipes.1.fileHandleForReading.close()
        try? pipes.2.fileHandleForReading.close()
    }

    private func sendKill(_ pid: Int32) {
        #if canImport(Glibc)
        _ = Glibc.kill(pid, SIGKILL)
        #else
        _ = Darwin.kill(pid, SIGKILL)
        #endif
    }

    private func closeInput() {
        guard !inputClosed else { return }
        inputClosed = true
        try? pipes.0.fileHandleForWriting.close()
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
        guard !process.isRunning else { return nil }
        switch process.terminationReason {
        case .exit: return "exit status \(process.terminationStatus)"
        case .uncaughtSignal: return "killed by signal \(process.terminationStatus)"
        @unknown default: return "status \(process.terminationStatus)"
        }
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
