import Session

/// Tab completion over a live session: each Tab asks a `CompletionEngine`
/// built from the session's current frames and settings.
public final class SessionCompletion: CompletionProvider {
    private unowned let session: Session

    /// Completion for `session` (which must outlive this object).
    public init(session: Session) {
        self.session = session
    }

    public func complete(_ text: String, cursor: Int) -> (replaceFrom: Int, candidates: [String]) {
        let answer = CompletionEngine(context: CompletionContext(session: session)).complete(text, cursor: cursor)
        return (answer.replaceFrom, answer.candidates)
    }
}
