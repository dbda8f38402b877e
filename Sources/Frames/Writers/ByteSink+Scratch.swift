extension ByteSink {
    /// A small in-memory byte buffer for escaping one value.
    struct Scratch {
        var bytes: [UInt8] = []
    }
}
