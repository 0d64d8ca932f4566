import CCGModel

/// The order analysers run in: each after every analyser whose results it needs, otherwise in the order
/// given (built-ins in registry order, then external plugins, then dictionaries), so reports do not
/// depend on how the list was assembled.
public enum AnalyserOrder {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case duplicate(id: String)
        case missing(analyser: String, needs: String)
        case cycle([String])

        public var description: String {
            switch self {
            case .duplicate(let id):
                return "two analysers have the id '\(id)'; rename one (a plugin manifest's \"id\", a dictionary's file name)"
            case .missing(let analyser, let needs):
                return "\(analyser) needs the results of \(needs), which is not selected or not found (add it to the analysers, or check its manifest)"
            case .cycle(let ids):
                return "analysers need each other's results in a cycle: \((ids + [ids[0]]).joined(separator: " → "))"
            }
        }
    }

    public static func sorted(_ analysers: [AnyAnalyser]) throws -> [AnyAnalyser] {
        var byID: [String: Int] = [:]
        for (index, analyser) in analysers.enumerated() {
            guard byID.updateValue(index, forKey: analyser.id) == nil else { throw Problem.duplicate(id: analyser.id) }
        }
        let needs = analysers.map { $0.description.needs.compactMap(\.analyser) }
        for (index, list) in needs.enumerated() {
            for id in list where byID[id] == nil { throw Problem.missing(analyser: analysers[index].id, needs: id) }
        }
        var placed = Array(repeating: false, count: analysers.count)
        var order: [AnyAnalyser] = []
        while order.count < analysers.count {
            // The first analyser in the given order whose needs are all placed.
            guard let next = analysers.indices.first(where: { !placed[$0] && needs[$0].allSatisfy { placed[byID[$0] ?? 0] } }) else {
                throw Problem.cycle(cycle(needs: needs, byID: byID, among: analysers.indices.filter { !placed[$0] }).map { analysers[$0].id })
            }
            placed[next] = true
            order.append(analysers[next])
        }
        return order
    }

    /// One cycle among the unplaced analysers, for the message: follow unplaced needs until one repeats.
    private static func cycle(needs: [[String]], byID: [String: Int], among unplaced: [Int]) -> [Int] {
        let open = Set(unplaced)
        var path: [Int] = []
        var current = unplaced[0]
        while !path.contains(current) {
            path.append(current)
            guard let next = needs[current].compactMap({ byID[$0] }).first(where: open.contains) else { return path }
            current = next
        }
        return Array(path[(path.firstIndex(of: current) ?? 0)...])
    }
}
