import Testing
@testable import Frames

@Suite struct ReaderBuffersTests {
    @Test func growableBufferGrowsAndHandsOver() {
        var b = GrowableBuffer<Int64>(capacity: 1)
        for i in 0..<10_000 { b.append(Int64(i)) }
        b.append(repeating: -1, count: 5)
        [Int64(7), 8, 9].withUnsafeBufferPointer { b.append($0.baseAddress!, count: 3) }
        b.removeLast(2)
        #expect(b.count == 10_006)
        #expect(b.last == 7)
        b[0] = 42
        let taken = b.take()
        #expect(b.count == 0)
        #expect(taken.count == 10_006)
        #expect(Array(taken.buffer.prefix(3)) == [42, 1, 2])
        #expect(Array(taken.buffer.suffix(6)) == [-1, -1, -1, -1, -1, 7])
        b.append(5)
        #expect(Array(b.buffer) == [5])
    }

    @Test func chunkBufferFromArray() {
        let c = ChunkBuffer([IPAddress(v4: 1), IPAddress(high: 2, low: 3)])
        #expect(c.count == 2)
        #expect(c[1] == IPAddress(high: 2, low: 3))
        #expect(ChunkBuffer<Int32>().buffer.isEmpty)
        #expect(ChunkBuffer<Int32>([]).count == 0)
    }
}
