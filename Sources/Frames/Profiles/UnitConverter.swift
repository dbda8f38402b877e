/// Reads numbers in a profile's stated unit: epoch seconds or milliseconds as
/// timestamps, seconds or milliseconds as durations (a profile's `units` key).
///
/// A column already of the target type is left as it is (a Zeek TSV log's
/// `ts` is a timestamp when read; the same field in a Zeek JSON log is a
/// number). Text values are read as numbers in the unit, or as timestamps
/// (`2025-10-05T08:33:11.123456Z`) or durations (`00:02:29`) written out; a
/// value that is neither is left null and counted, never guessed.
enum UnitConverter {
    /// The units a profile may name.
    enum Unit: String, CaseIterable, Sendable {
        case epochSeconds = "epoch_seconds"
        case epochMilliseconds = "epoch_milliseconds"
        case seconds
        case milliseconds

        /// Microseconds in one of the unit.
        var micros: Double {
            switch self {
            case .epochSeconds, .seconds: return 1_000_000
            case .epochMilliseconds, .milliseconds: return 1_000
            }
        }

        /// The type the numbers become.
        var type: DataType {
            switch self {
            case .epochSeconds, .epochMilliseconds: return .timestamp
            case .seconds, .milliseconds: return .duration
            }
        }

        /// `epoch seconds`, for messages.
        var words: String { rawValue.replacingOccurrences(of: "_", with: " ") }
    }

    /// The column in `unit`'s type, and a damage line when some values could not be read.
    static func convert(_ c: Column, unit: Unit, zone: Zone, shown: String) -> (Column, String?) {
        if c.type == unit.type { return (c, nil) }
        let n = c.count
        var values = [Int64](repeating: 0, count: n)
        var validity = Bitmap(count: n, value: true)
        var bad = 0
        var example = ""
        for i in 0..<n {
            guard c.isValid(i) else { validity[i] = false; continue }
            if let v = micros(c, i, unit: unit, zone: zone) {
                values[i] = v
            } else {
                validity[i] = false
                if case .string(let s) = c.value(at: i), s.trimmingBlanks().isEmpty { continue }
                bad += 1
                if example.isEmpty { example = TimestampMerger.text(c, i) }
            }
        }
        let out = Column(unit.type == .timestamp ? .timestamp(values) : .duration(values), validity: validity)
        guard bad > 0 else { return (out, nil) }
        return (out, "\(shown): \(ProfileApplier.rows(bad)) not \(unit.words) (e.g. '\(example)'): left null")
    }

    /// Row `i` in microseconds (since the epoch, or long), nil when it cannot be read.
    static func micros(_ c: Column, _ i: Int, unit: Unit, zone: Zone) -> Int64? {
        switch c.values {
        case .int(let a): return scaled(Double(a[i]), unit)
        case .float(let a): return scaled(a[i], unit)
        case .string:
            guard case .string(let s) = c.value(at: i) else { return nil }
            let t = s.trimmingBlanks()
            if let d = Double(t), t.unicodeScalars.allSatisfy({ ($0.value >= 48 && $0.value <= 57) || $0 == "." || $0 == "-" || $0 == "+" }) {
                return scaled(d, unit)
            }
            return unit.type == .timestamp ? TimestampParser.parse(t, zone: zone) : DurationParser.parse(t)
        default:
            return nil
        }
    }

    /// A number of units as microseconds (rounded), nil when not finite or out of range.
    static func scaled(_ d: Double, _ unit: Unit) -> Int64? {
        let m = (d * unit.micros).rounded()
        guard m.isFinite, abs(m) < 9.2e18 else { return nil }
        return Int64(m)
    }
}
