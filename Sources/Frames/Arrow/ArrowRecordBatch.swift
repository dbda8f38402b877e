/// One record batch (or dictionary batch) message: its field nodes and
/// buffers, checked against the message body, handed out in schema order.
struct ArrowRecordBatch {
    let length: Int
    private let nodes: [(length: Int, nulls: Int)]
    private let buffers: [(offset: Int, length: Int)]
    private let body: UnsafeRawBufferPointer
    /// The decompressed buffers of a compressed batch (`body` points into it).
    private let decompressed: ArrowDecompressedBody?
    private var nextNode = 0
    private var nextBuffer = 0

    init(_ t: FlatBufferTable, body: UnsafeRawBufferPointer) throws(ArrowFormatError) {
        var codec: Compression?
        if let compression = try t.table(3) {
            let code: Int8 = try compression.scalar(0, 0)
            let method: Int8 = try compression.scalar(1, 0)
            switch code {
            case 0: codec = .lz4Frame
            case 1: codec = .zstd
            default: throw .unsupported("the file's buffers are compressed with codec \(code), which ipdr does not read (it reads LZ4_FRAME and ZSTD)")
            }
            guard method == 0 else { throw .unsupported("the file's buffers are compressed by method \(method), which ipdr does not read") }
        }
        let length: Int64 = try t.scalar(0, 0)
        // More rows than 2^32 in one batch is damage (and keeps byte counts from overflowing).
        guard length >= 0, length <= 1 << 32 else { throw .damaged("a batch length of \(length) rows") }
        self.length = Int(length)
        var nodes: [(Int, Int)] = []
        for p in try t.structs(1, size: 16) {
            let n = try t.int64(at: p), nulls = try t.int64(at: p + 8)
            guard n >= 0, nulls >= 0, nulls <= n else { throw .damaged("a field node with \(n) rows and \(nulls) nulls") }
            nodes.append((Int(n), Int(nulls)))
        }
        var buffers: [(Int, Int)] = []
        for p in try t.structs(2, size: 16) {
            let offset = try t.int64(at: p), count = try t.int64(at: p + 8)
            guard offset >= 0, count >= 0, offset <= Int64(body.count), count <= Int64(body.count) - offset else {
                throw .damaged("a buffer lies outside its message body")
            }
            buffers.append((Int(offset), Int(count)))
        }
        self.nodes = nodes
        if let codec {
            let box = try ArrowDecompressedBody(codec: codec, buffers: buffers, body: body)
            self.buffers = box.buffers
            self.body = UnsafeRawBufferPointer(box.storage)
            decompressed = box
        } else {
            self.buffers = buffers
            self.body = body
            decompressed = nil
        }
    }

    /// The next field node.
    mutating func node() throws(ArrowFormatError) -> (length: Int, nulls: Int) {
        guard nextNode < nodes.count else { throw .damaged("fewer field nodes than columns") }
        defer { nextNode += 1 }
        return nodes[nextNode]
    }

    /// The next buffer's bytes; `minimum` is the size the column needs.
    mutating func buffer(minimum: Int = 0) throws(ArrowFormatError) -> UnsafeRawBufferPointer {
        guard nextBuffer < buffers.count else { throw .damaged("fewer buffers than the columns need") }
        let b = buffers[nextBuffer]
        nextBuffer += 1
        guard b.length >= minimum else { throw .damaged("a buffer of \(b.length) bytes where \(minimum) are needed") }
        return UnsafeRawBufferPointer(rebasing: body[b.offset..<(b.offset + b.length)])
    }
}
