import Frames
import Language

/// What a script does after a failed statement.
public enum ScriptErrorMode: String, Sendable {
    case stop, `continue`
}

/// Session settings, changed with `set KEY = VALUE` and listed by `settings`.
public struct Settings: Sendable {
    /// Zone for naive timestamps on load, calendar functions and display.
    public var tz: Zone = .utc
    /// Rows printed for a pipeline in table output.
    public var displayRows: Int = 20
    /// `stop` or `continue` after a failed statement in a script.
    public var scriptOnError: ScriptErrorMode = .stop
    /// Folders searched by `plugin load NAME`.
    public var pluginsPath: String = "Plugins"
    /// Whether results taller than the terminal go through `$PAGER` in the shell.
    public var displayPager = false
    /// Entries the shell's history file keeps.
    public var historySize = 1000

    public init() {}

    /// Every key with its description, in listing order.
    public static let keys: [(key: String, help: String)] = [
        ("tz", "zone for naive timestamps on load, calendar functions and display (\"UTC\", \"+05:30\", \"Asia/Kolkata\")"),
        ("display.rows", "rows printed for a pipeline result"),
        ("display.pager", "on: results taller than the terminal go through $PAGER (default less -S) in the shell"),
        ("history.size", "entries kept in the shell's history file (~/.local/state/ipdr/history)"),
        ("script.on_error", "stop or continue after a failed statement in a script"),
        ("plugins.path", "folders searched by plugin load NAME"),
    ]

    /// The current value of a key as text.
    public func value(of key: String) -> String? {
        switch key {
        case "tz": return tz.name
        case "display.rows": return String(displayRows)
        case "display.pager": return displayPager ? "on" : "off"
        case "history.size": return String(historySize)
        case "script.on_error": return scriptOnError.rawValue
        case "plugins.path": return pluginsPath
        default: return nil
        }
    }

    /// Changes a setting; the error text says what is accepted.
    public mutating func set(_ key: String, to text: String) -> Result<Void, SettingError> {
        switch key {
        case "tz":
            guard let z = Zone(text) else { return .failure(.invalidValue(key: key, value: text, expected: "a zone such as \"UTC\", \"+05:30\" or \"Asia/Kolkata\"")) }
            tz = z
        case "display.rows":
            guard let n = Int(text), n >= 0 else { return .failure(.invalidValue(key: key, value: text, expected: "a whole number of rows, 0 or more")) }
            displayRows = n
        case "history.size":
            guard let n = Int(text), n >= 1 else { return .failure(.invalidValue(key: key, value: text, expected: "a whole number of entries, 1 or more")) }
            historySize = n
        case "display.pager":
            switch text.lowercased() {
            case "on", "true": displayPager = true
            case "off", "false": displayPager = false
            default: return .failure(.invalidValue(key: key, value: text, expected: "on or off"))
            }
        case "script.on_error":
            guard let m = ScriptErrorMode(rawValue: text) else { return .failure(.invalidValue(key: key, value: text, expected: "stop or continue")) }
            scriptOnError = m
        case "plugins.path":
            pluginsPath = text
        default:
            return .failure(.unknownKey(key, suggestion: closestKey(key)))
        }
        return .success(())
    }

    private func closestKey(_ key: String) -> String? {
        Suggest.closest(to: key, among: Self.keys.map(\.key))
    }
}

/// Why a `set` was refused.
public enum SettingError: Error, Sendable, CustomStringConvertible {
    case unknownKey(String, suggestion: String?)
    case invalidValue(key: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .unknownKey(let k, let s):
            return "unknown setting '\(k)'" + (s.map { "; did you mean '\($0)'?" } ?? "; `settings` lists them")
        case .invalidValue(let k, let v, let e):
            return "invalid value '\(v)' for \(k): expected \(e)"
        }
    }
}
