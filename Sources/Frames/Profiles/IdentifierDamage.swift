/// Identifier columns a spreadsheet rounded into scientific notation
/// (`9.19834E+11`): the digits were lost before the file reached ipdr, so the
/// values are kept as written and the damage is reported, never guessed.
public enum IdentifierDamage {
    /// The damage line for one column, nil when it has none; `shown` names the
    /// column as the analyst should read it (`msisdn (MSISDN)`).
    public static func note(_ column: Column, shown: String) -> String? {
        let (count, example) = ValueRepair.scientificNotation(column)
        guard count > 0 else { return nil }
        return "\(shown): \(ProfileApplier.rows(count)) in scientific notation (e.g. \(example)): digits were lost at the source (a spreadsheet); kept as written"
    }

    /// The damage lines of a frame read without a profile: its identifier
    /// columns (`msisdn`, `imsi`, `imei`, `cell_id`, `lac`) read as text.
    public static func scan(_ frame: Frame) -> [String] {
        zip(frame.fields, frame.columns).compactMap { field, column in
            HeaderNames.isIdentifierColumn(field.name) ? note(column, shown: field.name) : nil
        }
    }
}
