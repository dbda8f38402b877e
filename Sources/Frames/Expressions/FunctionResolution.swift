/// The outcome of resolving a function or operator against argument types.
public struct FunctionResolution: Sendable, Hashable {
    /// The function to call.
    public let function: ScalarFunction
    /// The type of the result.
    public let resultType: DataType
    /// The type each argument must have; where it differs from the argument's
    /// own type the caller inserts a conversion (`toFloat`, `toString`).
    public let argumentTypes: [DataType]

    public init(function: ScalarFunction, resultType: DataType, argumentTypes: [DataType]) {
        self.function = function
        self.resultType = resultType
        self.argumentTypes = argumentTypes
    }
}
