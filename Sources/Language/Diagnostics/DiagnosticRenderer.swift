/// Renders diagnostics as text with the source line and a caret underline:
///
/// ```
/// tour.ipdr:3:24: error: unknown column 'dst_prt'
///   ipdr | where dst_prt == 443
///                ^~~~~~~
///   did you mean 'dst_port'?
/// ```
///
/// The source line is shown without its leading blanks. ANSI colour is used
/// only when asked for.
public enum DiagnosticRenderer {
    /// One diagnostic as text, ending with a newline.
    public static func render(_ diagnostic: Diagnostic, in file: SourceFile, color: Bool) -> String {
        let style = Style(enabled: color)
        let offset = displayOffset(diagnostic.span.start, in: file)
        let location = file.location(of: offset)
        let severityStyle: String
        switch diagnostic.severity {
        case .error: severityStyle = Style.red
        case .warning: severityStyle = Style.yellow
        case .note: severityStyle = Style.cyan
        }
        var out = style.apply(Style.bold, "\(file.name):\(location.line):\(location.column):") + " "
            + style.apply(Style.bold + severityStyle, "\(diagnostic.severity.rawValue):") + " "
            + style.apply(Style.bold, diagnostic.message) + "\n"

        if let range = file.lineRange(location.line) {
            let line = Array(file.lineText(location.line))
            var indent = 0
            while indent < line.count, line[indent] == " " || line[indent] == "\t" { indent += 1 }
            let shown = String(line[indent...])
            if !shown.isEmpty {
                out += "  " + shown + "\n"
                let column = location.column - 1
                let spanEnd = min(max(diagnostic.span.end, offset), range.upperBound)
                let endColumn = file.location(of: max(spanEnd, offset)).column - 1
                let width = max(1, endColumn - column)
                var pad = ""
                if column > indent {
                    for ch in line[indent..<min(column, line.count)] { pad.append(ch == "\t" ? "\t" : " ") }
                    if column > line.count { pad += String(repeating: " ", count: column - line.count) }
                }
                let marker = "^" + String(repeating: "~", count: width - 1)
                out += "  " + pad + style.apply(Style.bold + Style.green, marker) + "\n"
            }
        }
        if let hint = diagnostic.hint {
            out += "  " + style.apply(Style.cyan, hint) + "\n"
        }
        return out
    }

    /// Several diagnostics, one after the other.
    public static func render(_ diagnostics: [Diagnostic], in file: SourceFile, color: Bool) -> String {
        diagnostics.map { render($0, in: file, color: color) }.joined()
    }

    /// Any error that has a diagnostic form.
    public static func render(_ error: any DiagnosticConvertible, in file: SourceFile, color: Bool) -> String {
        render(error.diagnostic, in: file, color: color)
    }

    /// An offset at the very end of a file that ends with a newline points
    /// just past the last line's text instead of at an empty line.
    static func displayOffset(_ offset: Int, in file: SourceFile) -> Int {
        var o = min(max(0, offset), file.bytes.count)
        while o > 0, o == file.bytes.count || file.bytes[o] == UInt8(ascii: "\n"),
              file.bytes[o - 1] == UInt8(ascii: "\n") || file.bytes[o - 1] == UInt8(ascii: "\r") {
            o -= 1
        }
        return o
    }

    /// ANSI escape sequences, applied only when enabled.
    struct Style {
        static let bold = "\u{1B}[1m"
        static let red = "\u{1B}[31m"
        static let green = "\u{1B}[32m"
        static let yellow = "\u{1B}[33m"
        static let cyan = "\u{1B}[36m"
        static let reset = "\u{1B}[0m"
        let enabled: Bool

        func apply(_ code: String, _ text: String) -> String {
            enabled ? code + text + Style.reset : text
        }
    }
}
