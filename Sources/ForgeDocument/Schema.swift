/// Where a schema is defined: a file and a JSON pointer inside it. Unique per schema in a loaded spec.
///
/// Schema IDs are the keys of the loader's and the translator's tables, looked up some hundred thousand times for a
/// large spec: an ID hashes its file and pointer once, when it is made.
public struct SchemaID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// First, so that `==` tells most different IDs apart without comparing strings.
    private let hash: Int
    public let file: String
    public let pointer: JSONPointer

    public init(file: String, pointer: JSONPointer) {
        var hasher = Hasher()
        hasher.combine(file)
        hasher.combine(pointer)
        self.hash = hasher.finalize()
        self.file = file
        self.pointer = pointer
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
    }

    private enum CodingKeys: String, CodingKey {
        case file, pointer
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            file: try container.decode(String.self, forKey: .file),
            pointer: try container.decode(JSONPointer.self, forKey: .pointer))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(pointer, forKey: .pointer)
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
///
/// A value type with copy-on-write storage, like `Array`: the translator copies schemas far more often than it
/// changes them, and copying some twenty reference-counted fields each time was a quarter of its work. It is
/// `Sendable` as `Array` is: its fields are, and the shared buffer is written only when no other value holds it.
public struct Schema: Hashable, @unchecked Sendable, Codable {
    /// The fields, in the buffer's header: read and written through its address, so an access costs no dynamic
    /// exclusivity check (a class's stored property would).
    private var storage: ManagedBuffer<Fields, Void>

    public init(id: SchemaID, location: SourceLocation) {
        storage = Self.store(Fields(id: id, location: location))
    }

    private static func store(_ fields: Fields) -> ManagedBuffer<Fields, Void> {
        ManagedBuffer<Fields, Void>.create(minimumCapacity: 0) { _ in fields }
    }

    /// Where this schema is written.
    public var id: SchemaID {
        get { header.pointee.id }
        _modify {
            makeUnique()
            yield &header.pointee.id
        }
    }

    public var location: SourceLocation {
        get { header.pointee.location }
        _modify {
            makeUnique()
            yield &header.pointee.location
        }
    }

    /// A `$ref` (3.1 allows sibling keywords beside it).
    public var ref: Reference? {
        get { header.pointee.ref }
        _modify {
            makeUnique()
            yield &header.pointee.ref
        }
    }

    /// `type`, without `null`; empty when unconstrained.
    public var types: [JSONType] {
        get { header.pointee.types }
        _modify {
            makeUnique()
            yield &header.pointee.types
        }
    }

    /// `null` allowed: `type: [X, 'null']`, 3.0's `nullable: true`, `const: null` or an `enum` holding `null`.
    public var nullable: Bool {
        get { header.pointee.nullable }
        _modify {
            makeUnique()
            yield &header.pointee.nullable
        }
    }

    /// `false` as a schema: nothing validates.
    public var isFalse: Bool {
        get { header.pointee.isFalse }
        _modify {
            makeUnique()
            yield &header.pointee.isFalse
        }
    }

    public var title: String? {
        get { header.pointee.title }
        _modify {
            makeUnique()
            yield &header.pointee.title
        }
    }

    public var description: String? {
        get { header.pointee.description }
        _modify {
            makeUnique()
            yield &header.pointee.description
        }
    }

    public var format: String? {
        get { header.pointee.format }
        _modify {
            makeUnique()
            yield &header.pointee.format
        }
    }

    public var deprecated: Bool {
        get { header.pointee.deprecated }
        _modify {
            makeUnique()
            yield &header.pointee.deprecated
        }
    }

    public var readOnly: Bool {
        get { header.pointee.readOnly }
        _modify {
            makeUnique()
            yield &header.pointee.readOnly
        }
    }

    public var writeOnly: Bool {
        get { header.pointee.writeOnly }
        _modify {
            makeUnique()
            yield &header.pointee.writeOnly
        }
    }

    public var enumValues: [JSONLiteral]? {
        get { header.pointee.enumValues }
        _modify {
            makeUnique()
            yield &header.pointee.enumValues
        }
    }

    public var constValue: JSONLiteral? {
        get { header.pointee.constValue }
        _modify {
            makeUnique()
            yield &header.pointee.constValue
        }
    }

    public var defaultValue: JSONLiteral? {
        get { header.pointee.defaultValue }
        _modify {
            makeUnique()
            yield &header.pointee.defaultValue
        }
    }

    public var properties: [Property] {
        get { header.pointee.properties }
        _modify {
            makeUnique()
            yield &header.pointee.properties
        }
    }

    public var required: [String] {
        get { header.pointee.required }
        _modify {
            makeUnique()
            yield &header.pointee.required
        }
    }

    public var additionalProperties: AdditionalProperties? {
        get { header.pointee.additionalProperties }
        _modify {
            makeUnique()
            yield &header.pointee.additionalProperties
        }
    }

    public var items: Schema? {
        get { header.pointee.items }
        _modify {
            makeUnique()
            yield &header.pointee.items
        }
    }

    public var propertyNames: Schema? {
        get { header.pointee.propertyNames }
        _modify {
            makeUnique()
            yield &header.pointee.propertyNames
        }
    }

    public var not: Schema? {
        get { header.pointee.not }
        _modify {
            makeUnique()
            yield &header.pointee.not
        }
    }

    public var oneOf: [Schema]? {
        get { header.pointee.oneOf }
        _modify {
            makeUnique()
            yield &header.pointee.oneOf
        }
    }

    public var anyOf: [Schema]? {
        get { header.pointee.anyOf }
        _modify {
            makeUnique()
            yield &header.pointee.anyOf
        }
    }

    public var allOf: [Schema]? {
        get { header.pointee.allOf }
        _modify {
            makeUnique()
            yield &header.pointee.allOf
        }
    }

    public var discriminator: Discriminator? {
        get { header.pointee.discriminator }
        _modify {
            makeUnique()
            yield &header.pointee.discriminator
        }
    }

    public var minimum: String? {
        get { header.pointee.minimum }
        _modify {
            makeUnique()
            yield &header.pointee.minimum
        }
    }

    public var maximum: String? {
        get { header.pointee.maximum }
        _modify {
            makeUnique()
            yield &header.pointee.maximum
        }
    }

    public var exclusiveMinimum: String? {
        get { header.pointee.exclusiveMinimum }
        _modify {
            makeUnique()
            yield &header.pointee.exclusiveMinimum
        }
    }

    public var exclusiveMaximum: String? {
        get { header.pointee.exclusiveMaximum }
        _modify {
            makeUnique()
            yield &header.pointee.exclusiveMaximum
        }
    }

    public var minLength: Int? {
        get { header.pointee.minLength }
        _modify {
            makeUnique()
            yield &header.pointee.minLength
        }
    }

    public var maxLength: Int? {
        get { header.pointee.maxLength }
        _modify {
            makeUnique()
            yield &header.pointee.maxLength
        }
    }

    public var pattern: String? {
        get { header.pointee.pattern }
        _modify {
            makeUnique()
            yield &header.pointee.pattern
        }
    }

    public var minItems: Int? {
        get { header.pointee.minItems }
        _modify {
            makeUnique()
            yield &header.pointee.minItems
        }
    }

    public var maxItems: Int? {
        get { header.pointee.maxItems }
        _modify {
            makeUnique()
            yield &header.pointee.maxItems
        }
    }

    public var minProperties: Int? {
        get { header.pointee.minProperties }
        _modify {
            makeUnique()
            yield &header.pointee.minProperties
        }
    }

    public var maxProperties: Int? {
        get { header.pointee.maxProperties }
        _modify {
            makeUnique()
            yield &header.pointee.maxProperties
        }
    }

    /// `x-…` keys kept for the translator (as literals).
    public var extensions: [String: JSONLiteral] {
        get { header.pointee.extensions }
        _modify {
            makeUnique()
            yield &header.pointee.extensions
        }
    }

    /// A `$ref` with nothing else that changes the shape (annotations such as `description` are allowed).
    public var isPureReference: Bool {
        let fields = header
        return fields.pointee.ref != nil && fields.pointee.types.isEmpty && !fields.pointee.nullable
            && fields.pointee.enumValues == nil && fields.pointee.constValue == nil
            && fields.pointee.properties.isEmpty && fields.pointee.additionalProperties == nil
            && fields.pointee.items == nil && fields.pointee.oneOf == nil && fields.pointee.anyOf == nil
            && fields.pointee.allOf == nil
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = Self.store(header.pointee) }
    }

    /// The fields' address, which every accessor reads and writes through: `storage.header` is a class's stored
    /// property, and each access to one is checked for exclusivity at run time.
    private var header: UnsafeMutablePointer<Fields> {
        storage.withUnsafeMutablePointerToHeader { $0 }
    }

    public static func == (lhs: Schema, rhs: Schema) -> Bool {
        lhs.storage === rhs.storage || lhs.header.pointee == rhs.header.pointee
    }

    public func hash(into hasher: inout Hasher) {
        header.pointee.hash(into: &hasher)
    }

    public init(from decoder: any Decoder) throws {
        storage = Self.store(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try header.pointee.encode(to: encoder)
    }

    private struct Fields: Hashable, Sendable, Codable {

        var id: SchemaID
        var location: SourceLocation
        var ref: Reference? = nil
        var types: [JSONType] = []
        var nullable: Bool = false
        var isFalse: Bool = false
        var title: String? = nil
        var description: String? = nil
        var format: String? = nil
        var deprecated: Bool = false
        var readOnly: Bool = false
        var writeOnly: Bool = false
        var enumValues: [JSONLiteral]? = nil
        var constValue: JSONLiteral? = nil
        var defaultValue: JSONLiteral? = nil
        var properties: [Property] = []
        var required: [String] = []
        var additionalProperties: AdditionalProperties? = nil
        var items: Schema? = nil
        var propertyNames: Schema? = nil
        var not: Schema? = nil
        var oneOf: [Schema]? = nil
        var anyOf: [Schema]? = nil
        var allOf: [Schema]? = nil
        var discriminator: Discriminator? = nil
        var minimum: String? = nil
        var maximum: String? = nil
        var exclusiveMinimum: String? = nil
        var exclusiveMaximum: String? = nil
        var minLength: Int? = nil
        var maxLength: Int? = nil
        var pattern: String? = nil
        var minItems: Int? = nil
        var maxItems: Int? = nil
        var minProperties: Int? = nil
        var maxProperties: Int? = nil
        var extensions: [String: JSONLiteral] = [:]

        init(id: SchemaID, location: SourceLocation) {
            self.id = id
            self.location = location
        }
    }

    public struct Property: Hashable, Sendable, Codable {
        public var name: String
        public var schema: Schema

        public init(name: String, schema: Schema) {
            self.name = name
            self.schema = schema
        }
    }

    public enum AdditionalProperties: Hashable, Sendable, Codable {
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
