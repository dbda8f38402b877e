/// One buffer of an Arrow message body, kept as the engine's own array so it
/// is written straight from memory.
enum ArrowBodyBuffer {
    case none
    case bitmap(Bitmap)
    case int64([Int64])
    case int32([Int32])
    case double([Double])
    case bytes([UInt8])
    case ips([IPAddress])

    /// The buffer's length in bytes (before padding to 8).
    var length: Int {
        switch self {
        case .none: return 0
        case .bitmap(let b): return b.words.count * 8
        case .int64(let a): return a.count * 8
        case .int32(let a): return a.count * 4
        case .double(let a): return a.count * 8
        case .bytes(let a): return a.count
        case .ips(let a): return a.count * 16
        }
    }

    /// The length rounded up to Arrow's 8-byte alignment.
    var paddedLength: Int { (length + 7) & ~7 }

    /// Writes the buffer and its padding.
    func write(to sink: inout ByteSink) {
        switch self {
        case .none: break
        case .bitmap(let b): b.words.withUnsafeBytes { sink.block($0) }
        case .int64(let a): a.withUnsafeBytes { sink.block($0) }
        case .int32(let a): a.withUnsafeBytes { sink.block($0) }
        case .double(let a): a.withUnsafeBytes { sink.block($0) }
        case .bytes(let a): a.withUnsafeBytes { sink.block($0) }
        case .ips(let a): a.withUnsafeBytes { sink.block($0) }
        }
        for _ in length..<paddedLength { sink.byte(0) }
    }
}
