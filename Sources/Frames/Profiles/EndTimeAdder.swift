/// Computes an end time as a start timestamp plus a duration.
///
/// The duration column may be a duration, or a number of seconds (int or
/// float), or text holding either (`149.5`, `00:02:29`). A row whose start or
/// duration is null gets a null end; a negative duration or one that cannot be
/// read is damage: the end is left null and the rows are counted, never guessed.
enum EndTimeAdder {
    struct Result {
        /// The end times, or nil when the start column is not a timestamp column.
        var column: Column?
        var damage: [String]
    }

    /// How one row's duration was read.
    enum Reading {
        case null
        case micros(Int64)
        case bad
    }

    /// `start + duration` per row; `shown` names the rule in damage lines
    /// (`end_time = start_time + duration`).
    static func add(start: Column, duration: Column, shown: String) -> Result {
        guard case .timestamp(let starts) = start.values else {
            return Result(column: nil, damage: ["\(shown): not computed: the start column is \(start.type.rawValue), not a timestamp"])
        }
        let n = start.count
        var values = [Int64](repeating: 0, count: n)
        var validity = Bitmap(count: n, value: true)
        var negative = 0, unreadable = 0
        var negativeExample = "", unreadableExample = ""
        for i in 0..<n {
            guard start.isValid(i) else { validity[i] = false; continue }
            switch reading(duration, i) {
            case .null:
                validity[i] = false
            case .bad:
                validity[i] = false
                unreadable += 1
                if unreadableExample.isEmpty { unreadableExample = TimestampMerger.text(duration, i) }
            case .micros(let d):
                let (sum, overflow) = starts[i].addingReportingOverflow(d)
                if d < 0 {
                    validity[i] = false
                    negative += 1
                    if negativeExample.isEmpty { negativeExample = TimestampMerger.text(duration, i) }
                } else if overflow {
                    validity[i] = false
                    unreadable += 1
                    if unreadableExample.isEmpty { unreadableExample = TimestampMerger.text(duration, i) }
                } else {
                    values[i] = sum
                }
            }
        }
        var damage: [String] = []
        if negative > 0 {
            damage.append("\(shown): \(ProfileApplier.rows(negative)) with a negative duration (e.g. '\(negativeExample)'): left null")
        }
        if unreadable > 0 {
            damage.append("\(shown): \(ProfileApplier.rows(unreadable)) with a duration that is not seconds or hh:mm:ss (e.g. '\(unreadableExample)'): left null")
        }
        return Result(column: Column(.timestamp(values), validity: validity), damage: damage)
    }

    /// Row `i`'s duration in microseconds.
    static func reading(_ c: Column, _ i: Int) -> Reading {
        guard c.isValid(i) else { return .null }
        switch c.values {
        case .duration(let a): return .micros(a[i])
        case .int(let a):
            let (m, overflow) = a[i].multipliedReportingOverflow(by: 1_000_000)
            return overflow ? .bad : .micros(m)
        case .float(let a): return seconds(a[i])
        case .string:
            guard case .string(let s) = c.value(at: i) else { return .null }
            let t = s.trimmingBlanks()
            if t.isEmpty { return .null }
            if let d = Double(t), t.unicodeScalars.allSatisfy({ ($0.value >= 48 && $0.value <= 57) || $0 == "." || $0 == "-" || $0 == "+" }) {
                return seconds(d)
            }
            return DurationParser.parse(t).map(Reading.micros) ?? .bad
        default:
            return .bad
        }
    }

    /// Seconds as microseconds (rounded); not finite or out of range is bad.
    static func seconds(_ d: Double) -> Reading {
        guard d.isFinite, abs(d) < 9.2e12 else { return .bad }
        return .micros(Int64((d * 1_000_000).rounded()))
    }
}
