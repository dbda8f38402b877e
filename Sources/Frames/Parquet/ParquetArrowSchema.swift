import Foundation

/// The Arrow schema kept in a Parquet file's metadata under `ARROW:schema`
/// (base64 of an Arrow IPC schema message), as pyarrow writes and reads it.
/// It carries what Parquet's own types cannot say: durations, time zones,
/// dictionary encoding and the `ipdr.ip` extension of address columns.
enum ParquetArrowSchema {
    static let key = "ARROW:schema"

    /// The metadata value for a frame's columns; `metadata` is repeated in the
    /// schema, where pyarrow looks for a table's metadata.
    static func encode(_ frame: Frame, metadata: [(String, String)]) -> String {
        let fields = ArrowSchemaEncoding.fields(of: frame)
        let message = FlatBufferEncoder.encode(
            ArrowSchemaEncoding.message(tag: ArrowSchemaEncoding.headerSchema,
                                        header: ArrowSchemaEncoding.schema(fields, metadata: metadata), bodyLength: 0))
        var bytes: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF]
        withUnsafeBytes(of: Int32(message.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: message)
        return Data(bytes).base64EncodedString()
    }

    /// The fields of a stored schema, or nil when there is none or it does not decode
    /// (the Parquet types are then used alone).
    static func fields(_ value: String?) -> [ArrowField]? {
        guard let value, let data = Data(base64Encoded: value, options: .ignoreUnknownCharacters) else { return nil }
        let bytes = [UInt8](data)
        return bytes.withUnsafeBytes { raw -> [ArrowField]? in
            guard raw.count >= 8 else { return nil }
            var start = 4
            if raw.loadUnaligned(as: UInt32.self) == 0xFFFF_FFFF { start = 8 }
            do {
                let message = try FlatBufferTable(root: UnsafeRawBufferPointer(rebasing: raw[start...]))
                guard try message.scalar(1, UInt8(0)) == ArrowSchemaEncoding.headerSchema,
                      let schema = try message.table(2) else { return nil }
                return try schema.tables(1).map { (t: FlatBufferTable) throws(ArrowFormatError) in try ArrowField(t) }
            } catch {
                return nil
            }
        }
    }
}
