/// Typed-throws access to array memory (the standard library's closures rethrow untyped errors).
enum ParquetBytes {
    /// Runs `body` on the bytes of `a`.
    static func with<T>(_ a: [UInt8], _ body: (UnsafeRawBufferPointer) throws(ParquetFormatError) -> T) throws(ParquetFormatError) -> T {
        let r: Result<T, ParquetFormatError> = a.withUnsafeBytes { b in Result { () throws(ParquetFormatError) in try body(b) } }
        return try r.get()
    }

    /// Runs `body` on the mutable elements of `a`.
    static func withMutable<E, T>(_ a: inout [E], _ body: (UnsafeMutableBufferPointer<E>) throws(ParquetFormatError) -> T) throws(ParquetFormatError) -> T {
        let r: Result<T, ParquetFormatError> = a.withUnsafeMutableBufferPointer { b in Result { () throws(ParquetFormatError) in try body(b) } }
        return try r.get()
    }
}
