import Foundation

/// A time zone used to read naive timestamps and to compute calendar fields.
///
/// Either a fixed UTC offset (`"+05:30"`, `"UTC"`) or an IANA zone
/// (`"Asia/Kolkata"`). IANA zones are turned into a table of offset changes
/// once, so per-row lookups are a binary search with no Foundation calls.
public struct Zone: Sendable, Hashable, CustomStringConvertible {
    /// The name as given (`UTC`, `+05:30`, `Asia/Kolkata`).
    public let name: String
    /// Instants (seconds since the epoch, UTC) at which the offset changes, ascending.
    private let transitions: [Int64]
    /// `offsets[i]` is the offset in seconds before `transitions[i]`; the last
    /// element is the offset after the final transition.
    private let offsets: [Int64]

    /// Coordinated Universal Time.
    public static let utc = Zone(name: "UTC", fixedOffset: 0)

    /// A zone with a constant offset east of UTC, in seconds.
    public init(name: String, fixedOffset seconds: Int64) {
        self.init(name: name, transitions: [], offsets: [seconds])
    }

    private init(name: String, transitions: [Int64], offsets: [Int64]) {
        self.name = name
        self.transitions = transitions
        self.offsets = offsets
    }

    /// Parses `UTC`, `Z`, `GMT`, `+05:30`, `-0800`, `+5`, `UTC+05:30`, or an IANA name.
    /// Returns nil for an unknown zone.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let upper = t.uppercased()
        if upper == "UTC" || upper == "Z" || upper == "GMT" || upper == "ETC/UTC" {
            self.init(name: "UTC", fixedOffset: 0)
            return
        }
        var body = Substring(t)
        if upper.hasPrefix("UTC") || upper.hasPrefix("GMT") { body = body.dropFirst(3) }
        if let s = Zone.parseOffset(body) {
            self.init(name: t, fixedOffset: s)
            return
        }
        guard t.contains("/"), let tz = TimeZone(identifier: t) else { return nil }
        var trans: [Int64] = []
        var offs: [Int64] = []
        var date = Date(timeIntervalSince1970: -2_208_988_800) // 1900-01-01
        let end = Date(timeIntervalSince1970: 4_102_444_800) // 2100-01-01
        offs.append(Int64(tz.secondsFromGMT(for: date)))
        while let next = tz.nextDaylightSavingTimeTransition(after: date), next < end {
            let after = Int64(tz.secondsFromGMT(for: next))
            let at = Int64(next.timeIntervalSince1970.rounded())
            if after != offs[offs.count - 1] {
                trans.append(at)
                offs.append(after)
            }
            date = next
            if trans.count > 2000 { break }
        }
        // Zones whose rules changed without DST (e.g. historical LMT) still get
        // their current offset right.
        let now = Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: 1_700_000_000)))
        if trans.isEmpty && offs[0] != now { offs[0] = now }
        self.init(name: t, transitions: trans, offsets: offs)
    }

    /// Parses `+05:30`, `-08:00`, `+0530`, `+05`, `+5`; nil otherwise.
    public static func parseOffset<S: StringProtocol>(_ s: S) -> Int64? {
        let u = Array(s.utf8)
        guard let first = u.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else { return nil }
        let sign: Int64 = first == UInt8(ascii: "-") ? -1 : 1
        let digits = u.dropFirst().filter { $0 != UInt8(ascii: ":") }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let colonCount = u.filter { $0 == UInt8(ascii: ":") }.count
        guard colonCount <= 1 else { return nil }
        let d = digits.map { Int64($0 - 48) }
        let h: Int64, m: Int64
        switch d.count {
        case 1: h = d[0]; m = 0
        case 2: h = d[0] * 10 + d[1]; m = 0
        case 3 where colonCount == 1: h = d[0]; m = d[1] * 10 + d[2]
        case 4: h = d[0] * 10 + d[1]; m = d[2] * 10 + d[3]
        default: return nil
        }
        guard h <= 18, m < 60 else { return nil }
        return sign * (h * 3600 + m * 60)
    }

    /// True when the offset never changes.
    public var isFixed: Bool { transitions.isEmpty }

    /// The fixed offset in seconds, when the zone has one.
    public var fixedOffset: Int64? { transitions.isEmpty ? offsets[0] : nil }

    /// Offset east of UTC, in seconds, at the instant `utcSeconds`.
    @inlinable
    public func offset(atUTCSeconds utcSeconds: Int64) -> Int64 {
        offsetImpl(utcSeconds)
    }

    @usableFromInline
    func offsetImpl(_ t: Int64) -> Int64 {
        if transitions.isEmpty { return offsets[0] }
        var lo = 0, hi = transitions.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if transitions[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return offsets[lo]
    }

    /// Offset to subtract from a wall-clock time (seconds since the epoch as if
    /// it were UTC) to get the instant. In a gap the earlier offset is used; in
    /// an overlap the first (daylight) reading wins.
    public func offset(forLocalSeconds local: Int64) -> Int64 {
        if transitions.isEmpty { return offsets[0] }
        let guess = offsetImpl(local - offsets[0])
        let second = offsetImpl(local - guess)
        return second
    }

    /// Microseconds since the epoch for a wall-clock reading in this zone.
    @inlinable
    public func instant(fromLocalMicros local: Int64) -> Int64 {
        let secs = local >= 0 ? local / 1_000_000 : (local - 999_999) / 1_000_000
        return local - offset(forLocalSeconds: secs) * 1_000_000
    }

    /// Wall-clock microseconds (as if UTC) for an instant.
    @inlinable
    public func localMicros(fromInstant micros: Int64) -> Int64 {
        let secs = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        return micros + offset(atUTCSeconds: secs) * 1_000_000
    }

    public var description: String { name }

    public static func == (a: Zone, b: Zone) -> Bool { a.name == b.name }
    public func hash(into h: inout Hasher) { h.combine(name) }
}
