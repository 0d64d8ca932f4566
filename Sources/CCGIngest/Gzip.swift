import CZlibBridge

/// gzip decompression through zlib, bounded so that a small hostile file cannot exhaust memory.
public enum Gzip {
    /// No page an analyst saves is anywhere near this; a decompression bomb is.
    public static let outputLimit = InputLimits.defaults.decompressedBytes

    public struct Decompressed: Sendable {
        public var bytes: [UInt8]
        /// Set when the stream ended early and only its beginning could be read.
        public var warning: String?
        /// The size of the whole content: more than `bytes.count` when only its first `keep` bytes were kept.
        public var total = 0
    }

    /// The content of a gzip stream, refused when it expands beyond `limit`; only the first `keep` bytes
    /// are kept (the rest is inflated and counted, not stored), so memory is bounded by `keep`.
    public static func decompress(_ bytes: [UInt8], limit: Int = outputLimit, keep: Int? = nil) throws -> Decompressed {
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        var total = 0
        let status = bytes.withUnsafeBufferPointer { buffer in
            ccg_gunzip_keep(buffer.baseAddress, buffer.count, limit, min(keep ?? limit, limit), &output, &length, &total)
        }
        defer { ccg_gunzip_free(output) }
        let decoded = output.map { Array(UnsafeBufferPointer(start: $0, count: length)) } ?? []
        switch Int(status) {
        case Int(CCG_GUNZIP_OK): return Decompressed(bytes: decoded, total: total)
        case Int(CCG_GUNZIP_TRUNCATED):
            return Decompressed(bytes: decoded, warning: "gzip stream is truncated; read the first \(total) bytes", total: total)
        case Int(CCG_GUNZIP_TOO_LARGE):
            throw IngestError.overLimit("gzip content expands beyond \(InputLimits.megabytes(limit)), the limit (--max-decompressed-size); not read")
        case Int(CCG_GUNZIP_NO_MEMORY):
            throw IngestError.unreadable("out of memory while decompressing")
        default:
            throw IngestError.unparseable("damaged gzip stream")
        }
    }
}
