import Testing
@testable import Frames

/// `Selection.gather` of strings: a plain column taken many times over (the small
/// side of a join) comes back dictionary-encoded with distinct entries and the
/// same values; nulls stay null with index 0.
struct SelectionGatherTests {
    @Test func repeatedPlainStringsBecomeADictionaryOfDistinctEntries() throws {
        let c = Column.from(.string, [.string("CASE-1"), .null, .string("CASE-2"), .string("CASE-1"), .string("")])
        let idx: [Int32] = [0, 1, 2, 3, 4, 0, 2, 2, 1, 3, 4, 4]
        let g = Selection.gather(c, idx)
        guard case .string(.dictionary(let indices, let dict)) = g.values else {
            Issue.record("expected a dictionary column, got \(g.values)")
            return
        }
        let entries = (0..<dict.count).map { dict[$0] }
        #expect(Set(entries).count == entries.count, "entries are distinct: \(entries)")
        #expect((0..<idx.count).map { g.value(at: $0) } == idx.map { c.value(at: Int($0)) })
        for k in idx.indices where !g.isValid(k) { #expect(indices[k] == 0) }
        // Grouping uses dictionary indices as ids: equal strings must share one.
        let groups = GroupIds([g], rowCount: g.count)
        #expect(groups.ids[0] == groups.ids[3] && groups.ids[0] == groups.ids[5])
    }

    @Test func fewRepeatsKeepPlainStorage() {
        let c = Column.from(.string, [.string("a"), .string("b"), .string("c")])
        let g = Selection.gather(c, [2, 0])
        guard case .string(.plain) = g.values else {
            Issue.record("expected plain storage")
            return
        }
        #expect(g.value(at: 0) == .string("c") && g.value(at: 1) == .string("a"))
    }
}
