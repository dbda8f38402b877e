/// Enumerations of the Parquet format (parquet.thrift), as their wire values.
enum ParquetConstants {
    // Physical types (`Type`).
    static let boolean: Int64 = 0, int32: Int64 = 1, int64: Int64 = 2, int96: Int64 = 3
    static let float: Int64 = 4, double: Int64 = 5, byteArray: Int64 = 6, fixedLenByteArray: Int64 = 7

    // Encodings (`Encoding`).
    static let plain: Int64 = 0, plainDictionary: Int64 = 2, rle: Int64 = 3, bitPacked: Int64 = 4
    static let deltaBinaryPacked: Int64 = 5, deltaLengthByteArray: Int64 = 6, deltaByteArray: Int64 = 7
    static let rleDictionary: Int64 = 8, byteStreamSplit: Int64 = 9

    // Page types (`PageType`).
    static let dataPage: Int64 = 0, indexPage: Int64 = 1, dictionaryPage: Int64 = 2, dataPageV2: Int64 = 3

    // Repetition (`FieldRepetitionType`).
    static let required: Int64 = 0, optional: Int64 = 1, repeated: Int64 = 2

    // Converted types (`ConvertedType`) ipdr reads or writes.
    static let convertedUTF8: Int64 = 0, convertedEnum: Int64 = 4, convertedDecimal: Int64 = 5, convertedDate: Int64 = 6
    static let convertedTimeMillis: Int64 = 7, convertedTimeMicros: Int64 = 8
    static let convertedTimestampMillis: Int64 = 9, convertedTimestampMicros: Int64 = 10
    static let convertedUInt8: Int64 = 11, convertedUInt64: Int64 = 14, convertedInt64: Int64 = 18
    static let convertedJSON: Int64 = 19, convertedInterval: Int64 = 21

    /// The codec of a `CompressionCodec` value, nil for `UNCOMPRESSED`; unknown codecs are an error.
    static func codec(_ value: Int64) throws(ParquetFormatError) -> Compression? {
        switch value {
        case 0: return nil
        case 1: return .snappy
        case 2: return .gzip
        case 5: return .lz4Hadoop
        case 6: return .zstd
        case 7: return .lz4Raw
        case 3: throw .unsupported("the file is compressed with LZO, which ipdr does not read; rewrite it with zstd or snappy")
        case 4: throw .unsupported("the file is compressed with Brotli, which ipdr does not read; rewrite it with zstd or snappy")
        default: throw .damaged("an unknown compression codec \(value)")
        }
    }

    /// The `CompressionCodec` value of a codec ipdr writes.
    static func codecValue(_ codec: Compression?) -> Int32 {
        switch codec {
        case nil: return 0
        case .snappy?: return 1
        case .zstd?: return 6
        case .gzip?: return 2
        case .lz4Hadoop?: return 5
        case .lz4Raw?, .lz4Frame?: return 7
        }
    }

    /// A physical type's name for messages.
    static func typeName(_ t: Int64) -> String {
        switch t {
        case boolean: return "BOOLEAN"
        case int32: return "INT32"
        case int64: return "INT64"
        case int96: return "INT96"
        case float: return "FLOAT"
        case double: return "DOUBLE"
        case byteArray: return "BYTE_ARRAY"
        case fixedLenByteArray: return "FIXED_LEN_BYTE_ARRAY"
        default: return "type \(t)"
        }
    }
}
