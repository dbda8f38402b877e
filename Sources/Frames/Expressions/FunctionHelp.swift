/// One line of `help` for a function, operator or aggregate.
public struct FunctionHelp: Sendable, Hashable {
    /// The name as written (`hour`, `+`, `contains~`, `count`).
    public let name: String
    /// The call shape (`hour(t [, zone])`).
    public let signature: String
    /// A one-line description.
    public let summary: String
    /// An example expression.
    public let example: String
    /// True for operators, false for named functions.
    public let isOperator: Bool

    public init(name: String, signature: String, summary: String, example: String, isOperator: Bool = false) {
        self.name = name
        self.signature = signature
        self.summary = summary
        self.example = example
        self.isOperator = isOperator
    }
}
