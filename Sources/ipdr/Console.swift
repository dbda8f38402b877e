import Foundation

/// Unbuffered writes to the terminal, in order with the session's output.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
