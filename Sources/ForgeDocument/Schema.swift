/// Where a schema is defined: a file and a JSON pointer inside it. Unique per schema in a loaded spec.
public struct SchemaID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var file: String
    public var pointer: JSONPointer

    public init(file: String, pointer: JSONPointer) {
        self.file = file
        self.pointer = pointer
    }

    /// `file#/pointer`, as a `$ref` would name it from another file.
    public var description: String { "\(file)#\(pointer)" }

    public static func < (lhs: SchemaID, rhs: SchemaID) -> Bool { lhs.description < rhs.description }
}

/// A JSON value written in the spec (`enum`, `const`, `default`, `example`), numbers kept as their text.
public indirect enum JSONLiteral: Hashable, Sendable, Codable {
    case null
    case bool(Bool)
    /// An integer, as written (it may exceed `Int64`).
    case integer(String)
    /// A non-integer number, as written.
    case number(String)
    case string(String)
    case array([JSONLiteral])
    case object([Member])

    public struct Member: Hashable, Sendable, Codable {
        public var key: String
        public var value: JSONLiteral

        public init(key: String, value: JSONLiteral) {
            self.key = key
            self.value = value
        }
    }

    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}

/// The JSON Schema primitive types.
public enum JSONType: String, Hashable, Sendable, Codable, CaseIterable {
    case string, integer, number, boolean, object, array, null
}

/// A Schema Object (JSON Schema 2020-12 subset used by OpenAPI 3.0 and 3.1), with `$ref`s resolved to IDs.
public struct Schema: Hashable, Sendable, Codable {
    /// Where this schema is written.
    public var id: SchemaID
    public var location: SourceLocation

    /// A `$ref` (3.1 allows sibling keywords beside it).
    public var ref: Reference?
    /// `type`, without `null`; empty when unconstrained.
    public var types: [JSONType] = []
    /// `null` allowed: `type: [X, 'null']`, 3.0's `nullable: true`, `const: null` or an `enum` holding `null`.
    public var nullable = false
    /// `false` as a schema: nothing validates.
    public var isFalse = false

    public var title: String?
    public var description: String?
    public var format: String?
    public var deprecated = false
    public var readOnly = false
    public var writeOnly = false

    public var enumValues: [JSONLiteral]?
    public var constValue: JSONLiteral?
    public var defaultValue: JSONLiteral?

    public var properties: [Property] = []
    public var required: [String] = []
    public var additionalProperties: AdditionalProperties?
    private var boxedItems: [Schema] = []
    private var boxedPropertyNames: [Schema] = []
    private var boxedNot: [Schema] = []

    public var oneOf: [Schema]?
    public var anyOf: [Schema]?
    public var allOf: [Schema]?
    public var discriminator: Discriminator?

    public var minimum: String?
    public var maximum: String?
    public var exclusiveMinimum: String?
    public var exclusiveMaximum: String?
    public var minLength: Int?
    public var maxLength: Int?
    public var pattern: String?
    public var minItems: Int?
    public var maxItems: Int?
    public var minProperties: Int?
    public var maxProperties: Int?

    /// `x-…` keys kept for the translator (as literals).
    public var extensions: [String: JSONLiteral] = [:]

    public init(id: SchemaID, location: SourceLocation) {
        self.id = id
        self.location = location
    }

    public var items: Schema? {
        get { boxedItems.first }
        set { boxedItems = newValue.map { [$0] } ?? [] }
    }

    public var propertyNames: Schema? {
        get { boxedPropertyNames.first }
        set { boxedPropertyNames = newValue.map { [$0] } ?? [] }
    }

    public var not: Schema? {
        get { boxedNot.first }
        set { boxedNot = newValue.map { [$0] } ?? [] }
    }

    /// A `$ref` with nothing else that changes the shape (annotations such as `description` are allowed).
    public var isPureReference: Bool {
        ref != nil && types.isEmpty && !nullable && enumValues == nil && constValue == nil && properties.isEmpty
            && additionalProperties == nil && items == nil && oneOf == nil && anyOf == nil && allOf == nil
    }

    public struct Property: Hashable, Sendable, Codable {
        public var name: String
        private var boxed: [Schema]
        public var schema: Schema {
            get { boxed[0] }
            set { boxed = [newValue] }
        }

        public init(name: String, schema: Schema) {
            self.name = name
            self.boxed = [schema]
        }
    }

    public indirect enum AdditionalProperties: Hashable, Sendable, Codable {
        case allowed(Bool)
        case schema(Schema)
    }

    public struct Discriminator: Hashable, Sendable, Codable {
        public var propertyName: String
        /// Explicit `mapping`, in source order: wire value → target schema.
        public var mapping: [Mapping]
        public var location: SourceLocation

        public struct Mapping: Hashable, Sendable, Codable {
            public var value: String
            public var target: SchemaID
        }
    }
}

/// A resolved `$ref`: its target and where the `$ref` was written.
public struct Reference: Hashable, Sendable, Codable {
    public var target: SchemaID
    public var location: SourceLocation

    public init(target: SchemaID, location: SourceLocation) {
        self.target = target
        self.location = location
    }
}
