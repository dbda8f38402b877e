import Foundation
import Frames

/// Turns cell values into display text: thousands separators for numbers,
/// timestamps in the session zone, durations as `[Nd ]HH:MM:SS[.f]`.
public struct ValueFormatter: Sendable {
    /// Zone timestamps are shown in.
    public var zone: Zone
    /// Whether integers get thousands separators (table output) or not (csv/json).
    public var groupDigits: Bool

    public init(zone: Zone, groupDigits: Bool) {
        self.zone = zone
        self.groupDigits = groupDigits
    }

    /// Display text of a cell; nil for null.
    public func text(_ column: Column, _ row: Int) -> String? {
        if !column.isValid(row) { return nil }
        switch column.values {
        case .int(let a): return groupDigits ? Self.grouped(a[row]) : String(a[row])
        case .float(let a): return formatFloat(a[row])
        case .bool(let b): return b[row] ? "true" : "false"
        case .timestamp(let a):
            return groupDigits ? TimeFormat.display(micros: a[row], zone: zone) : TimeFormat.iso8601(micros: a[row], zone: zone)
        case .duration(let a): return TimeFormat.duration(micros: a[row])
        case .ip(let a): return a[row].description
        case .string(let s): return s[row]
        }
    }

    /// Floats: table output rounds to 6 significant decimals with separators;
    /// machine output uses the shortest text that reads back to the same value.
    public func formatFloat(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        guard groupDigits else {
            if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) + ".0" }
            return String(v)
        }
        if abs(v) >= 1e15 || (abs(v) < 1e-4 && v != 0) { return String(v) }
        var text = String(format: "%.6f", v)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let parts = text.split(separator: ".", maxSplits: 1)
        let whole = Int64(parts[0]) ?? 0
        var out = (negative ? "-" : "") + Self.grouped(whole)
        if parts.count == 2 { out += "." + parts[1] }
        return out == "-0" ? "0" : out
    }

    /// `1234567` → `1,234,567`.
    public static func grouped(_ v: Int64) -> String {
        let raw = String(v.magnitude)
        if raw.count <= 3 { return v < 0 ? "-" + raw : raw }
        var out = ""
        out.reserveCapacity(raw.count + raw.count / 3 + 1)
        for (i, ch) in raw.enumerated() {
            if i > 0 && (raw.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return v < 0 ? "-" + out : out
    }
}
