import CZlibBridge

/// gzip decompression through zlib, bounded so that a small hostile file cannot exhaust memory.
public enum Gzip {
    /// No page an analyst saves is anywhere near this; a decompression bomb is.
    public static let outputLimit = InputLimits.defaults.decompressedBytes

    public struct Decompressed: Sendable {
        public var bytes: [UInt8]
        /// Set when the stream ended early and only its beginning could be read.
        public var warning: String?
    }

    public static func decompress(_ bytes: [UInt8], limit: Int = outputLimit) throws -> Decompressed {
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = bytes.withUnsafeBufferPointer { buffer in
            ccg_gunzip(buffer.baseAddress, buffer.count, limit, &output, &length)
        }
        defer { ccg_gunzip_free(output) }
        let decoded = output.map { Array(UnsafeBufferPointer(start: $0, count: length)) } ?? []
        switch Int(status) {
        case Int(CCG_GUNZIP_OK): return Decompressed(bytes: decoded)
        case Int(CCG_GUNZIP_TRUNCATED):
            return Decompressed(bytes: decoded, warning: "gzip stream is truncated; read the first \(length) bytes")
        case Int(CCG_GUNZIP_TOO_LARGE):
            throw IngestError.overLimit("gzip content expands beyond \(InputLimits.megabytes(limit)), the limit (--max-decompressed-size); not read")
        case Int(CCG_GUNZIP_NO_MEMORY):
            throw IngestError.unreadable("out of memory while decompressing")
        default:
            throw IngestError.unparseable("damaged gzip stream")
        }
    }
}
