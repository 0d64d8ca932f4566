/// How many elements two ascending arrays of distinct elements share, by one merge: for small sets of
/// numbers (a phrase's stems, a comment's word triples) it beats building sets. Inlinable, so each caller
/// gets it specialised for its element type.
@inlinable
public func sortedOverlap<Element: Comparable>(_ lhs: [Element], _ rhs: [Element]) -> Int {
    var (i, j, shared) = (0, 0, 0)
    while i < lhs.count && j < rhs.count {
        if lhs[i] == rhs[j] {
            shared += 1
            i += 1
            j += 1
        } else if lhs[i] < rhs[j] {
            i += 1
        } else {
            j += 1
        }
    }
    return shared
}
