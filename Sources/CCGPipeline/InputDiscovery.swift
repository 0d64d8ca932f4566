import CCGModel
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Expands the paths a user gives into the files to read, in a stable order.
///
/// A file named explicitly is always read (its format is sniffed); inside a directory only files with
/// a document extension are, so READMEs, licences and hidden files next to a corpus are left alone, and
/// `plugins/` folders (external analysers and their data, docs/plugins.md) are not searched.
///
/// A folder is untrusted (a crawl, an unpacked archive), so its listing is read entry by entry with
/// `lstat`, never through a link: a symbolic link that leaves the folder (`x.txt -> /etc/shadow`) is named
/// and not read unless `followLinks`; a named pipe, socket or device is named and never opened (opening a
/// FIFO blocks); a dangling link and a folder with a document's name are named, not dropped in silence.
/// Names are compared and sorted as bytes: two names that are canonically equivalent Unicode (NFC and NFD
/// "café.txt") are two files.
public enum InputDiscovery {
    public static let documentExtensions: Set<String> = ["html", "htm", "xhtml", "txt", "text", "json", "jsonl", "ndjson", "csv", "tsv"]

    /// Whether a directory entry is a document: a document extension, optionally gzip-compressed
    /// ("page.html.gz").
    public static func isDocument(_ name: String) -> Bool {
        var fileExtension = (name as NSString).pathExtension.lowercased()
        if fileExtension == "gz" { fileExtension = ((name as NSString).deletingPathExtension as NSString).pathExtension.lowercased() }
        return documentExtensions.contains(fileExtension)
    }

    public struct Options: Sendable, Equatable {
        /// Read links in input folders that point outside them (`--follow-links`), and walk linked folders.
        public var followLinks: Bool
        public init(followLinks: Bool = false) { self.followLinks = followLinks }
        public static let defaults = Options()
    }

    /// An input that is not read, or read with a caveat.
    public struct Problem: Sendable, Equatable {
        public var path: String
        public var message: String
        /// A warning is a caveat about an input whose files are read all the same (a folder named like a page).
        public var isWarning: Bool
        public init(path: String, message: String, isWarning: Bool = false) {
            self.path = path
            self.message = message
            self.isWarning = isWarning
        }
    }

    public struct Found: Sendable {
        public var files: [String]
        /// Inputs that are not read (a path that does not exist, a named pipe, a link out of the folder), with the reason.
        public var problems: [Problem]
        public init(files: [String], problems: [Problem]) {
            self.files = files
            self.problems = problems
        }
    }

    public static func find(_ paths: [String], options: Options = .defaults) -> Found {
        var walk = Walk(options: options)
        for raw in paths {
            let path = raw.count > 1 && raw.hasSuffix("/") ? String(raw.dropLast()) : raw
            guard let status = FileStatus(path, followingLink: true) else {
                walk.problems.append(Problem(path: path, message: FileStatus(path, followingLink: false) == nil ? "no such file or directory" : "a symbolic link to nothing (\(FileStatus.linkTarget(path) ?? "?")); not read"))
                continue
            }
            guard status.kind == .directory else {
                // A file named on the command line is read whatever its name; only a regular file can be read
                // without blocking.
                if status.kind == .regular { walk.files.append(path) } else { walk.problems.append(Problem(path: path, message: status.kind.notRead)) }
                continue
            }
            guard let root = FileStatus.realPath(path) else {
                walk.problems.append(Problem(path: path, message: "cannot resolve the folder's path"))
                continue
            }
            walk.visited.insert(status.identity)
            var found: [String] = []
            walk.list(folder: path, root: root, into: &found)
            walk.files += found.sorted { $0.precedesBytewise($1) }
        }
        var seen: Set<[UInt8]> = []
        return Found(files: walk.files.filter { seen.insert(Array($0.utf8)).inserted }, problems: walk.problems)
    }

    private struct Walk {
        let options: Options
        var files: [String] = []
        var problems: [Problem] = []
        /// Folders entered, by device and inode, so a followed link cannot lead round in a loop.
        var visited: Set<FileStatus.Identity> = []

        init(options: Options) { self.options = options }

        mutating func list(folder: String, root: String, into found: inout [String]) {
            guard let names = FileStatus.names(in: folder) else {
                problems.append(Problem(path: folder, message: "cannot list directory"))
                return
            }
            for bytes in names {
                guard let name = String(validating: bytes, as: UTF8.self) else {
                    let shown = bytes.map { $0 < 0x80 && $0 >= 0x20 ? String(UnicodeScalar($0)) : String(format: "\\x%02X", $0) }.joined()
                    problems.append(Problem(path: folder == "." ? shown : "\(folder)/\(shown)", message: "a file name that is not UTF-8 cannot be named in a report; rename it to UTF-8 to read it"))
                    continue
                }
                // Hidden entries, plugin folders and manifests are never inputs (docs/plugins.md).
                if name.hasPrefix(".") || name.hasSuffix(".plugin.json") { continue }
                let full = folder == "." ? name : "\(folder)/\(name)"
                guard let entry = FileStatus(full, followingLink: false) else {
                    if isDocument(name) { problems.append(Problem(path: full, message: "listed in the folder but gone when looked at (removed while listing)")) }
                    continue
                }
                switch entry.kind {
                case .directory:
                    if name == "plugins" { continue }
                    if isDocument(name) {
                        problems.append(Problem(path: full, message: "a folder with a document's name: the files in it are searched, it is not read as one", isWarning: true))
                    }
                    if visited.insert(entry.identity).inserted { list(folder: full, root: root, into: &found) }
                case .regular:
                    // Copied to a string of its own length: interpolation leaves room to grow, and a crawl's
                    // list of paths is kept for the whole run.
                    if isDocument(name) { found.append(String(decoding: Array(full.utf8), as: UTF8.self)) }
                case .link:
                    link(full, name: name, root: root, into: &found)
                default:
                    if isDocument(name) { problems.append(Problem(path: full, message: entry.kind.notRead)) }
                }
            }
        }

        /// A link is read when it stays inside the folder given (or `followLinks`); a link to a folder is
        /// walked only with `followLinks` (inside the folder, its files are found where they are).
        mutating func link(_ full: String, name: String, root: String, into found: inout [String]) {
            let target = FileStatus.linkTarget(full) ?? "?"
            guard let resolved = FileStatus.realPath(full), let status = FileStatus(full, followingLink: true) else {
                if isDocument(name) { problems.append(Problem(path: full, message: "a symbolic link to nothing (\(target)); not read")) }
                return
            }
            let inside = resolved == root || resolved.utf8.starts(with: (root == "/" ? root : root + "/").utf8)
            switch status.kind {
            case .directory:
                guard options.followLinks else {
                    if !inside && name != "plugins" {
                        problems.append(Problem(path: full, message: "a symbolic link to a folder outside the input (\(target)); not searched (--follow-links searches it)"))
                    } else if isDocument(name) {
                        problems.append(Problem(path: full, message: "a symbolic link to a folder inside the input (\(target)): its files are read where they are, not through the link", isWarning: true))
                    }
                    return
                }
                if name != "plugins", visited.insert(status.identity).inserted { list(folder: full, root: root, into: &found) }
            case .regular:
                guard isDocument(name) else { return }
                if inside || options.followLinks {
                    found.append(full)
                } else {
                    problems.append(Problem(path: full, message: "a symbolic link that leaves the input folder (\(target)); not read (--follow-links reads it)"))
                }
            default:
                if isDocument(name) { problems.append(Problem(path: full, message: status.kind.notRead)) }
            }
        }
    }
}

/// What `lstat` or `stat` says of a path: enough to walk a folder without opening anything in it.
struct FileStatus {
    enum Kind {
        case regular, directory, link, fifo, socket, device, other

        /// Why an entry of this kind is not read.
        var notRead: String {
            switch self {
            case .fifo: return "a named pipe (FIFO), not a regular file; not read (opening it would wait for a writer)"
            case .socket: return "a socket, not a regular file; not read"
            case .device: return "a device, not a regular file; not read"
            case .directory: return "is a directory"
            default: return "not a regular file; not read"
            }
        }
    }

    struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    var kind: Kind
    var identity: Identity

    init?(_ path: String, followingLink: Bool) {
        var information = stat()
        guard (followingLink ? stat(path, &information) : lstat(path, &information)) == 0 else { return nil }
        kind = Self.kind(of: information.st_mode)
        identity = Identity(device: UInt64(information.st_dev), inode: UInt64(information.st_ino))
    }

    static func kind(of mode: mode_t) -> Kind {
        switch mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .link
        case S_IFIFO: return .fifo
        case S_IFSOCK: return .socket
        case S_IFCHR, S_IFBLK: return .device
        default: return .other
        }
    }

    /// The entries of a folder as bytes (a name need not be UTF-8), without "." and "..", in byte order.
    static func names(in folder: String) -> [[UInt8]]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var names: [[UInt8]] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        return names.sorted { $0.lexicographicallyPrecedes($1) }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(validatingCString: resolved)
    }

    static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length >= 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
