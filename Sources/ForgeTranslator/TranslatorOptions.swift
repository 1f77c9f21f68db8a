/// Choices the user makes about names (from the configuration file).
public struct TranslatorOptions: Sendable, Equatable {
    /// Trailing words dropped from every operationId before it becomes a method name (`Method`: `ListThreadsMethod`
    /// → `listThreads`).
    public var dropOperationSuffixes: [String]
    /// operationId → Swift method name, winning over every rule.
    public var operationNames: [String: String]

    public init(dropOperationSuffixes: [String] = [], operationNames: [String: String] = [:]) {
        self.dropOperationSuffixes = dropOperationSuffixes
        self.operationNames = operationNames
    }
}
