import Testing
@testable import Frames

/// Volumes repeated on every event row of an allocation: `dot-ipdr` warns,
/// `dot-ipdr-allocation` keeps each allocation's volume once, `auto` never
/// chooses the latter.
///
/// dot-allocation.csv has three allocations (msisdn, public_ip, public_port,
/// start_time): A with 3 event rows each carrying 5,120 up / 88,211 down, B with
/// 2 rows each carrying 812 / 1,500, C with 1 row of 100 / 200.
/// Plain sums: up 3×5,120 + 2×812 + 100 = 17,084; down 3×88,211 + 2×1,500 + 200 = 267,833.
/// Each allocation once: up 5,120 + 812 + 100 = 6,032; down 88,211 + 1,500 + 200 = 89,911.
@Suite struct ProfileAllocationTests {
    static func profile(_ name: String) throws -> Profile {
        let text = try #require(BuiltinProfiles.texts.first { $0.name == name }).text
        return try ProfileDecoder.decode(text, file: "built-in:" + name)
    }

    static func load(_ file: String, _ profile: Profile) throws -> ProfiledFrame {
        var o = ReadOptions(zone: profile.zone ?? .utc)
        o.skipLines = 2
        o.footers = profile.footers
        o.types = ["Landline/MSISDN/MDN/Leased Circuit ID for Internet Access": .string]
        let read = try FrameReader.read(path: ProfileTests.fixtures + "/" + file, options: o)
        return ProfileApplier.apply(profile, to: read.frame, zone: profile.zone ?? .utc)
    }

    static func sum(_ f: Frame, _ name: String) -> Int64 {
        guard let c = f.column(name) else { return -1 }
        return (0..<f.rowCount).reduce(0) { acc, i in if case .int(let v) = c.value(at: i) { return acc + v } else { return acc } }
    }

    @Test func plainProfileWarnsAndChangesNothing() throws {
        let r = try Self.load("dot-allocation.csv", try Self.profile("dot-ipdr"))
        #expect(r.frame.rowCount == 6)
        #expect(Self.sum(r.frame, "bytes_up") == 17_084)
        #expect(Self.sum(r.frame, "bytes_down") == 267_833)
        #expect(r.damage == ["bytes_up, bytes_down: 3 event rows repeat their allocation's volume (2 allocations): sum() counts each allocation's volume once per event row; load with profile=dot-ipdr-allocation to keep it once"])
    }

    @Test func allocationProfileKeepsEachVolumeOnce() throws {
        let r = try Self.load("dot-allocation.csv", try Self.profile("dot-ipdr-allocation"))
        #expect(r.frame.rowCount == 6)
        #expect(Self.sum(r.frame, "bytes_up") == 6_032)
        #expect(Self.sum(r.frame, "bytes_down") == 89_911)
        #expect(r.frame.column("bytes_up")?.value(at: 0) == .int(5120))
        #expect(r.frame.column("bytes_up")?.value(at: 1) == .null)
        #expect(r.frame.column("bytes_down")?.value(at: 4) == .null)
        #expect(r.damage == ["bytes_up, bytes_down: kept on the first row of each allocation (msisdn, public_ip, public_port, start_time): 3 repeats made null (2 allocations)"])
    }

    /// dot-allocation-mixed.csv: A repeats (3 rows of 5,120 / 88,211), D's two
    /// rows differ (1,000 / 2,000 and 3,000 / 4,000), C is one row (100 / 200).
    @Test func allocationsWithDifferentVolumesAreLeftAloneAndCounted() throws {
        let plain = try Self.load("dot-allocation-mixed.csv", try Self.profile("dot-ipdr"))
        #expect(plain.damage.isEmpty, "not every allocation repeats: no warning")
        let r = try Self.load("dot-allocation-mixed.csv", try Self.profile("dot-ipdr-allocation"))
        #expect(Self.sum(r.frame, "bytes_up") == 5_120 + 1_000 + 3_000 + 100)
        #expect(r.frame.column("bytes_up")?.value(at: 4) == .int(3000))
        #expect(r.damage == [
            "bytes_up, bytes_down: kept on the first row of each allocation (msisdn, public_ip, public_port, start_time): 2 repeats made null (1 allocation)",
            "bytes_up, bytes_down: 1 allocation of several rows left as they are: their rows carry different volumes",
        ])
    }

    @Test func nullKeysAndMissingColumnsAreNoAllocation() {
        let f = Frame([
            ("k", .from(.string, [.null, .null, .string("a")])),
            ("v", .from(.int, [.int(5), .int(5), .int(1)])),
        ])
        let warn = Profile.AllocationVolumeRule(key: ["k"], columns: ["v"], keepFirst: false)
        #expect(AllocationVolume.apply(warn, to: f).1.isEmpty)
        let missing = Profile.AllocationVolumeRule(key: ["k", "nope"], columns: ["v"], keepFirst: true)
        #expect(AllocationVolume.apply(missing, to: f).1.isEmpty)
        #expect(AllocationVolume.grouped(1_204) == "1,204" && AllocationVolume.grouped(12) == "12" && AllocationVolume.grouped(1_000_000) == "1,000,000")
    }

    @Test func autoNeverChoosesTheAllocationProfileButItCanBeNamed() throws {
        let profiles = try BuiltinProfiles.texts.map { try ProfileDecoder.decode($0.text, file: $0.name) }
        let header = ["Landline/MSISDN/MDN/Leased Circuit ID for Internet Access", "IMSI", "Source IP Address", "Source Port",
                      "Translated IP Address", "Translated Port", "Start Date", "Start Time", "Data Volume Up Link"]
        #expect(ProfileMatcher.choose(header: header, among: profiles) == .chosen(ProfileMatch(profile: "dot-ipdr", matched: 9, total: 9)))
        let alloc = try Self.profile("dot-ipdr-allocation")
        #expect(!alloc.auto)
        let text = try String(contentsOfFile: ProfileTests.fixtures + "/dot-allocation.csv", encoding: .utf8)
        let table = Array(text.utf8).withUnsafeBytes { TableLocator.locate(prefix: $0, profiles: profiles, forced: alloc) }
        #expect(table.headerLine == 2)
        #expect(table.choice == .chosen(ProfileMatch(profile: "dot-ipdr-allocation", matched: 19, total: 24)))
    }

    /// Apart from its name, description, `repeats` and `auto`, the allocation profile is dot-ipdr.
    @Test func allocationProfileIsDotIPDRPlusTheRule() throws {
        let dot = try Self.profile("dot-ipdr"), alloc = try Self.profile("dot-ipdr-allocation")
        #expect(dot.knownHeaderKeys == alloc.knownHeaderKeys)
        #expect(dot.columns.map(\.target) == alloc.columns.map(\.target))
        #expect(dot.columns.map(\.headers) == alloc.columns.map(\.headers))
        #expect(dot.footers == alloc.footers && dot.bannerQuery == alloc.bannerQuery && dot.zone?.name == alloc.zone?.name)
        #expect(dot.allocationVolume?.key == alloc.allocationVolume?.key)
        #expect(dot.allocationVolume?.keepFirst == false && alloc.allocationVolume?.keepFirst == true)
        #expect(dot.auto && !alloc.auto)
    }

    @Test(arguments: [
        ("{\"name\": \"x\",\n \"allocation_volume\": {\"key\": [\"a\"], \"columns\": [\"b\"], \"repeats\": \"drop\"}}", 2, 67, "repeats must be \"warn\" or \"keep_first\", got 'drop'"),
        ("{\"name\": \"x\",\n \"allocation_volume\": {\"key\": [\"a\"], \"repeats\": \"warn\"}}", 2, 23, "allocation_volume needs \"columns\""),
        ("{\"name\": \"x\",\n \"allocation_volume\": {\"key\": [\"a\"], \"columns\": \"b\", \"repeats\": \"warn\", \"once\": 1}}", 2, 73, "unknown key 'once' in allocation_volume"),
        ("{\"name\": \"x\",\n \"auto\": \"no\"}", 2, 10, "auto must be true or false, got a string"),
    ])
    func badAllocationKeysNameLineAndColumn(_ text: String, _ line: Int, _ column: Int, _ reason: String) {
        let e = ProfileTests.decodeError(text)
        #expect(e?.line == line, "\(e?.description ?? "no error")")
        #expect(e?.column == column, "\(e?.description ?? "no error")")
        #expect(e?.reason.hasPrefix(reason) == true, "\(e?.description ?? "no error")")
    }
}
