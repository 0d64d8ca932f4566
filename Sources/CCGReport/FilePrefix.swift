import Foundation

/// Reading what an output path holds, to tell one of ccgtext's own earlier outputs from a user's file.
public enum FilePrefix {
    /// The bytes up to the first line feed (without it), or all of `prefix` if it has none.
    public static func firstLine(_ prefix: [UInt8]) -> ArraySlice<UInt8> {
        prefix[..<(prefix.firstIndex(of: 0x0A) ?? prefix.endIndex)]
    }

    /// Whether `prefix`, past leading white space, starts with `expected`.
    public static func starts(_ prefix: [UInt8], with expected: String, skippingSpace: Bool = true) -> Bool {
        var index = prefix.startIndex
        if skippingSpace {
            while index < prefix.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(prefix[index]) { index += 1 }
        }
        return prefix[index...].starts(with: expected.utf8)
    }
}
