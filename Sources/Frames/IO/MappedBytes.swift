/// A pointer into read-only mapped memory that outlives the workers using it.
struct MappedBytes: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
}
