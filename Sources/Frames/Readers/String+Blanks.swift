import Foundation

extension String {
    /// The text without leading and trailing spaces, tabs and carriage returns.
    func trimmingBlanks() -> String {
        trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\n"))
    }
}
