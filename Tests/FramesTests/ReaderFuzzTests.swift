import Testing
import TestSupport
@testable import Frames

/// Seeded fuzzing of the readers: damaged CSV, JSON and NDJSON never crash the
/// reader, every outcome is either a frame or a typed error, a skipped load
/// accounts for every line it rejects, and parsing in parallel gives exactly
/// what one thread gives.
@Suite struct ReaderFuzzTests {
    let dir = TempFolder()

    static let csvSeed = """
    msisdn,start_time,bytes_up,dst_ip,apn,note
    +919800000001,2025-10-05 09:00:00,1200,157.240.1.35,jionet,"a ""quoted"" note"
    +919800000002,05/10/2025 09:10:00,,2401:4900::1,ims,"two
    lines"
    919800000003,2025-10-05T09:20:00+05:30,77,8.8.8.8,"wap, gprs",plain

    """

    static let ndjsonSeed = """
    {"msisdn":"+919800000001","start_time":"2025-10-05 09:00:00","bytes_up":1200,"dst_ip":"157.240.1.35","tags":["a","b"]}
    {"msisdn":"+919800000002","start_time":"2025-10-05 09:10:00","bytes_up":null,"dst_ip":"2401:4900::1","tags":{"k":1}}
    {"msisdn":"919800000003","start_time":"2025-10-05T09:20:00Z","bytes_up":77.5,"dst_ip":"8.8.8.8"}

    """

    /// Applies a few random byte-level damages: insert, delete, replace, duplicate a span.
    /// Loads 80 damaged copies of `text` as `format` under both error policies:
    /// each gives a frame whose columns and rejects are consistent, or an error
    /// (passed to `check`).
    static func loadDamaged(_ text: String, format: FileFormat, seed: UInt64, in dir: TempFolder, name: String,
                            check: (LoadError) -> Void = { _ in }) {
        var rng = SplitMix(seed: seed)
        for k in 0..<80 {
            let p = dir.file("\(name)-\(k)", bytes: damage(text, &rng))
            for policy in [ErrorPolicy.fail, .skip] {
                do {
                    let r = try load(p) { $0.format = format; $0.onError = policy }
                    for c in r.frame.columns { #expect(c.count == r.frame.rowCount) }
                    if let rejects = r.rejects { #expect(rejects.rowCount == r.rejectedCount) }
                } catch {
                    #expect(!error.description.isEmpty)
                    check(error)
                }
            }
        }
    }

    static func damage(_ text: String, _ rng: inout SplitMix) -> [UInt8] {
        var b = Array(text.utf8)
        let nasty: [UInt8] = [34, 44, 10, 13, 0, 0xFF, 0xC3, 59, 124, 9, 123, 125, 91, 93, 58, 92, 32]
        let edits = 1 + Int(rng.next() % 4)
        for _ in 0..<edits where !b.isEmpty {
            let at = Int(rng.next() % UInt64(b.count))
            switch rng.next() % 5 {
            case 0: b.insert(nasty[Int(rng.next() % UInt64(nasty.count))], at: at)
            case 1: b.remove(at: at)
            case 2: b[at] = nasty[Int(rng.next() % UInt64(nasty.count))]
            case 3:
                let end = min(b.count, at + Int(rng.next() % 40))
                b.insert(contentsOf: b[at..<end], at: at)
            default: b.removeSubrange(at..<b.count)
            }
        }
        if rng.next() % 3 == 0 {
            // Many copies, so that parallel chunks exist.
            b = Array(repeating: b.dropFirst(0), count: 40).flatMap { $0 }
        }
        return b
    }

    enum Outcome: Equatable {
        case frame(rows: Int, rejected: Int, types: [DataType])
        case error(String)
    }

    func outcome(_ path: String, _ format: FileFormat, threads: Int, policy: ErrorPolicy) -> (Outcome, ReadResult?) {
        do {
            let r = try load(path) {
                $0.format = format
                $0.threads = threads
                $0.onError = policy
            }
            for c in r.frame.columns { #expect(c.count == r.frame.rowCount) }
            if let rejects = r.rejects { #expect(rejects.rowCount == r.rejectedCount) }
            return (.frame(rows: r.frame.rowCount, rejected: r.rejectedCount, types: r.frame.fields.map(\.type)), r)
        } catch {
            #expect(!error.description.isEmpty)
            return (.error(error.description), nil)
        }
    }

    @Test(arguments: [FileFormat.csv, .ndjson], Array(UInt64(1)...6))
    func damagedInputIsHandled(_ format: FileFormat, _ seed: UInt64) throws {
        var rng = SplitMix(seed: seed &* 7919 &+ (format == .csv ? 0 : 1))
        let base = format == .csv ? Self.csvSeed : Self.ndjsonSeed
        for case_ in 0..<60 {
            let bytes = Self.damage(base, &rng)
            let path = dir.file("f\(seed)-\(case_).\(format.rawValue)", bytes: bytes)
            for policy in [ErrorPolicy.fail, .skip] {
                let (single, one) = outcome(path, format, threads: 1, policy: policy)
                let (parallel, two) = outcome(path, format, threads: 2, policy: policy)
                #expect(single == parallel, "threads change the outcome for case \(case_) (\(policy))")
                if let one, let two {
                    #expect(sameContent(one.frame, two.frame), "case \(case_): parallel frame differs")
                }
            }
        }
    }

    @Test(arguments: Array(UInt64(1)...4))
    func randomBytesNeverCrash(_ seed: UInt64) {
        var rng = SplitMix(seed: seed)
        for k in 0..<80 {
            let n = Int(rng.next() % 600)
            let bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            for format in [FileFormat.csv, .json, .ndjson] {
                let path = dir.file("r\(seed)-\(k).\(format.rawValue)", bytes: bytes)
                _ = outcome(path, format, threads: 1, policy: .skip)
            }
        }
    }
}
