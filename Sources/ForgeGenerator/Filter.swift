/// Generate only part of a spec: operations chosen by operationId, tag or path, and the schemas they reach.
public struct SpecFilter: Sendable, Equatable {
    /// operationIds to keep.
    public var operations: [String] = []
    /// Keep operations carrying any of these tags.
    public var tags: [String] = []
    /// Keep operations on these paths; a trailing `*` matches a prefix (`/chatkit/*`).
    public var paths: [String] = []
    /// Component schemas to keep even when no kept operation reaches them.
    public var schemas: [String] = []

    public init() {}

    public var isEmpty: Bool { operations.isEmpty && tags.isEmpty && paths.isEmpty && schemas.isEmpty }

    func keeps(_ operation: Operation) -> Bool {
        if let id = operation.operationID, operations.contains(id) { return true }
        if operation.tags.contains(where: tags.contains) { return true }
        return paths.contains { pattern in
            pattern.hasSuffix("*") ? operation.path.hasPrefix(pattern.dropLast()) : operation.path == pattern
        }
    }

    /// The document with only the kept operations, and only the component schemas they (or `schemas`) reach.
    public func apply(to document: Document) -> Document {
        guard !isEmpty else { return document }
        var result = document
        result.operations = document.operations.filter(keeps)
        var reached: Set<SchemaID> = []
        var queue: [SchemaID] = []
        func visit(_ schema: Schema?) {
            guard let schema else { return }
            if let target = schema.ref?.target, reached.insert(target).inserted { queue.append(target) }
            schema.properties.forEach { visit($0.schema) }
            visit(schema.items)
            visit(schema.propertyNames)
            visit(schema.not)
            if case .schema(let value)? = schema.additionalProperties { visit(value) }
            for list in [schema.oneOf, schema.anyOf, schema.allOf] { list?.forEach(visit) }
            for mapping in schema.discriminator?.mapping ?? [] where reached.insert(mapping.target).inserted {
                queue.append(mapping.target)
            }
        }
        for operation in result.operations {
            operation.parameters.forEach { visit($0.schema) }
            operation.requestBody?.content.forEach { visit($0.schema) }
            for response in operation.responses {
                response.content.forEach { visit($0.schema) }
                response.headers.forEach { visit($0.schema) }
            }
        }
        for id in document.componentSchemas where schemas.contains(id.pointer.last ?? "") {
            if reached.insert(id).inserted { queue.append(id) }
        }
        while let id = queue.popLast() {
            visit(document.schemas[id])
        }
        result.componentSchemas = document.componentSchemas.filter(reached.contains)
        return result
    }
}
