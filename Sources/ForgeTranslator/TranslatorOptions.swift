/// Choices the user makes about names (from the configuration file).
public struct TranslatorOptions: Sendable, Equatable {
    /// Trailing words dropped from every operationId before it becomes a method name (`Method`: `ListThreadsMethod`
    /// → `listThreads`).
    public var dropOperationSuffixes: [String]
    /// operationId → Swift method name, winning over every rule.
    public var operationNames: [String: String]
    /// Component schema name (`ThreadResource`) → Swift type name, winning over the derived name.
    public var typeNames: [String: String]
    /// Top-level names the rest of the output uses (the client's name), which no schema may take.
    public var reservedNames: Set<String> = []

    public init(
        dropOperationSuffixes: [String] = [], operationNames: [String: String] = [:], typeNames: [String: String] = [:]
    ) {
        self.dropOperationSuffixes = dropOperationSuffixes
        self.operationNames = operationNames
        self.typeNames = typeNames
    }
}
