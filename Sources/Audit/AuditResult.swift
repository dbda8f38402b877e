/// The result of a statement: the frame it named (if any), its shape and its
/// content fingerprint (`FrameFingerprint`).
public struct AuditResult: Sendable, Equatable {
    /// The frame the result was stored as (`load`, `let`), or nil (a printed or saved pipeline).
    public var frame: String?
    public var rows: Int
    public var columns: Int
    /// `FrameFingerprint` of the result.
    public var fingerprint: String

    public init(frame: String?, rows: Int, columns: Int, fingerprint: String) {
        self.frame = frame
        self.rows = rows
        self.columns = columns
        self.fingerprint = fingerprint
    }

    var value: AuditValue {
        .object([
            AuditField("frame", .string(frame)), AuditField("rows", .int(rows)),
            AuditField("columns", .int(columns)), AuditField("fingerprint", .string(fingerprint)),
        ])
    }

    init?(_ v: AuditValue?) {
        guard let v, let rows = v["rows"]?.intValue, let columns = v["columns"]?.intValue,
              let fp = v["fingerprint"]?.stringValue else { return nil }
        self.init(frame: v["frame"]?.stringValue, rows: Int(rows), columns: Int(columns), fingerprint: fp)
    }
}
