/// The date layout of a timestamp text; a column's values are read with one
/// layout so that a date such as `01/02/2025` means the same in every row.
public enum TimestampLayout: UInt8, Sendable, Hashable {
    /// `yyyy-MM-dd[(T| )HH:mm[:ss[.f]]][Z|±hh:mm]`
    case iso
    /// `dd/MM/yyyy[ HH:mm[:ss[.f]]]`
    case daySlash
    /// `dd-MM-yyyy[ HH:mm[:ss[.f]]]`
    case dayDash
    /// `dd-MMM-yyyy[ HH:mm[:ss[.f]]]` with an English month abbreviation.
    case dayMonthName
}
