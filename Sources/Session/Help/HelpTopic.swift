/// One entry of `help`: a name, what it does in one line, and an example.
public struct HelpTopic: Sendable {
    public enum Kind: String, Sendable {
        case statement, stage, function, `operator`, aggregate, setting, option
    }

    public var kind: Kind
    public var name: String
    public var synopsis: String
    public var summary: String
    public var example: String

    public init(_ kind: Kind, _ name: String, _ synopsis: String, _ summary: String, _ example: String) {
        self.kind = kind
        self.name = name
        self.synopsis = synopsis
        self.summary = summary
        self.example = example
    }
}
