/// Why a worksheet part could not be turned into rows.
struct XlsxSheetFailure: Error {
    var reason: String
}
