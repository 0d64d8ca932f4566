/// Comparing names as bytes. `String`'s `==` and `<` take canonically equivalent text as equal (NFC "café"
/// and NFD "café"), but a file system does not: two such file names are two files, and ordering them as
/// equal would let worker scheduling choose their order in a report.
extension String {
    /// Whether `self` comes before `other` in the order of their UTF-8 bytes.
    public func precedesBytewise(_ other: String) -> Bool { utf8.lexicographicallyPrecedes(other.utf8) }

    /// Whether `self` and `other` are the same UTF-8 bytes.
    public func equalsBytewise(_ other: String) -> Bool { utf8.elementsEqual(other.utf8) }
}

/// Orders by `first` bytewise, then by `then` (ties on the name broken by an index or sequence number).
public func bytewiseOrder<T: Comparable>(_ a: (String, T), _ b: (String, T)) -> Bool {
    a.0.equalsBytewise(b.0) ? a.1 < b.1 : a.0.precedesBytewise(b.0)
}
