/// UTF-8 strings in Arrow's `large_utf8` layout: `offsets` has `count + 1`
/// entries and string `i` is `bytes[offsets[i] ..< offsets[i + 1]]`.
public struct PlainStrings: Sendable, Equatable {
    /// Start offsets, one more than the number of strings.
    public var offsets: [Int64]
    /// The concatenated UTF-8 bytes.
    public var bytes: [UInt8]

    /// No strings.
    public init() {
        offsets = [0]
        bytes = []
    }

    /// Strings from existing buffers.
    public init(offsets: [Int64], bytes: [UInt8]) {
        precondition(!offsets.isEmpty, "offsets need a leading 0")
        self.offsets = offsets
        self.bytes = bytes
    }

    /// Strings from Swift strings.
    public init<S: Sequence>(_ strings: S) where S.Element == String {
        self.init()
        for s in strings { append(s) }
    }

    /// The number of strings.
    @inlinable public var count: Int { offsets.count - 1 }

    /// Appends a string.
    public mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { append(bytes: $0) }
    }

    /// Appends raw UTF-8 bytes.
    public mutating func append(bytes b: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: b)
        offsets.append(Int64(bytes.count))
    }

    /// Appends an empty string (used for null slots).
    public mutating func appendEmpty() {
        offsets.append(Int64(bytes.count))
    }

    /// String `i`.
    public subscript(i: Int) -> String {
        let start = Int(offsets[i]), end = Int(offsets[i + 1])
        return bytes.withUnsafeBufferPointer { p in
            String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self)
        }
    }

    /// Byte length of string `i`.
    @inlinable public func length(_ i: Int) -> Int { Int(offsets[i + 1] - offsets[i]) }
}

/// The storage of a string column: plain, or dictionary-encoded
/// (Arrow `dictionary<int32, large_utf8>`), used where cardinality is low.
///
/// Dictionary entries are distinct (grouping and joins use the indices as ids).
/// For a null row of a dictionary column the index is 0; a dictionary column
/// with rows always has at least one dictionary entry.
public enum StringStorage: Sendable {
    case plain(PlainStrings)
    case dictionary(indices: [Int32], dictionary: PlainStrings)

    /// The number of rows.
    public var count: Int {
        switch self {
        case .plain(let p): return p.count
        case .dictionary(let idx, _): return idx.count
        }
    }

    /// The string of row `i` (ignores validity).
    public subscript(i: Int) -> String {
        switch self {
        case .plain(let p): return p[i]
        case .dictionary(let idx, let d): return d[Int(idx[i])]
        }
    }

    /// The same strings as a plain array.
    public func flattened() -> PlainStrings {
        switch self {
        case .plain(let p): return p
        case .dictionary(let idx, let d):
            var out = PlainStrings()
            out.offsets.reserveCapacity(idx.count + 1)
            d.bytes.withUnsafeBufferPointer { bp in
                for i in idx {
                    let s = Int(d.offsets[Int(i)]), e = Int(d.offsets[Int(i) + 1])
                    out.append(bytes: UnsafeBufferPointer(rebasing: bp[s..<e]))
                }
            }
            return out
        }
    }
}
