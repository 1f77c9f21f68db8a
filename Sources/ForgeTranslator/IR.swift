@_exported import ForgeDocument

/// The translated module: every decision about Swift made, nothing about text layout. Plain values, so a test can
/// compare it and the CLI can dump it as JSON.
public struct IRModule: Codable, Equatable, Sendable {
    public var title: String
    public var version: String
    public var description: String?
    /// The first server's URL, if the spec names one.
    public var serverURL: String?
    /// Top-level declarations, sorted by name.
    public var types: [IRType]
    /// In spec order.
    public var operations: [IROperation]

    public init(
        title: String, version: String, description: String? = nil, serverURL: String?, types: [IRType],
        operations: [IROperation]
    ) {
        self.title = title
        self.version = version
        self.description = description
        self.serverURL = serverURL
        self.types = types
        self.operations = operations
    }
}

/// A Swift type the generator declares.
public struct IRType: Codable, Equatable, Sendable {
    public var name: String
    /// The spec location it comes from, as a `$ref` would name it (`#/components/schemas/ThreadResource`).
    public var source: String
    public var doc: String?
    public var deprecated: Bool
    public var kind: Kind
    /// Types declared inside this one (inline schemas of its properties or variants), sorted by name.
    public var nested: [IRType]

    public indirect enum Kind: Codable, Equatable, Sendable {
        case structure(IRStruct)
        case stringEnum(IREnum)
        case union(IRUnion)
        case alias(IRTypeRef)
    }

    public init(name: String, source: String, doc: String?, deprecated: Bool, kind: Kind, nested: [IRType] = []) {
        self.name = name
        self.source = source
        self.doc = doc
        self.deprecated = deprecated
        self.kind = kind
        self.nested = nested
    }
}

public struct IRStruct: Codable, Equatable, Sendable {
    public var properties: [IRProperty]
    /// Members beside the declared properties (`additionalProperties: true` or a schema), kept in a dictionary
    /// property so that decoding and re-encoding loses nothing.
    public var additionalProperties: AdditionalProperties?

    public struct AdditionalProperties: Codable, Equatable, Sendable {
        public var swiftName: String
        /// The type of each value (`JSONValue` for `true`).
        public var valueType: IRTypeRef
    }

    public init(properties: [IRProperty], additionalProperties: AdditionalProperties? = nil) {
        self.properties = properties
        self.additionalProperties = additionalProperties
    }
}

public struct IRProperty: Codable, Equatable, Sendable {
    public var swiftName: String
    public var wireName: String
    public var type: IRTypeRef
    /// The key must be present in JSON.
    public var isRequired: Bool
    /// `null` is a valid value.
    public var isNullable: Bool
    /// A constant string (single-value `enum` or `const`): not stored, always encoded, checked on decode.
    public var constant: String?
    public var doc: String?
    public var deprecated: Bool

    /// Swift sees `T?` when the key may be absent or `null`.
    public var isOptional: Bool { !isRequired || isNullable }
}

public struct IREnum: Codable, Equatable, Sendable {
    public var cases: [Case]
    /// The case that keeps a value this version does not know (`unknown(String)`).
    public var fallbackCase: String

    public struct Case: Codable, Equatable, Sendable {
        public var swiftName: String
        public var rawValue: String
    }
}

public struct IRUnion: Codable, Equatable, Sendable {
    /// The discriminator's wire name; `nil` for a union decoded by trying each variant.
    public var discriminator: String?
    public var cases: [Case]
    /// For discriminated unions, the case that keeps an unknown variant's raw JSON; `nil` for untagged unions,
    /// which fail with a combined error instead.
    public var fallbackCase: String?
    /// Indices into `cases` in the order decoding tries them (cases without discriminator values): the most specific
    /// first, so a variant that accepts almost anything (an object of optional properties, `JSONValue`) cannot
    /// take a value meant for a stricter one.
    public var decodeOrder: [Int]

    public struct Case: Codable, Equatable, Sendable {
        public var swiftName: String
        public var type: IRTypeRef
        /// Discriminator values that select this case (empty for untagged unions). A value several cases share
        /// selects all of them, tried in ``IRUnion/decodeOrder``.
        public var values: [String]
        public var doc: String?
    }
}

/// A reference to a Swift type.
public indirect enum IRTypeRef: Codable, Equatable, Hashable, Sendable {
    case string, int, int32, int64, double, float, bool, data
    /// `format: binary` inside a schema: a file's bytes with its name and media type (`FileUpload` in the runtime),
    /// sent as a file part in multipart bodies.
    case file
    /// Any JSON value (`JSONValue` in the runtime).
    case json
    /// A declared type, qualified from the module's top level (`ThreadResource.Status`).
    case named(String)
    case array(IRTypeRef)
    case map(IRTypeRef)
    case optional(IRTypeRef)

    /// The first component of every declared type this one names (`ThreadResource` for
    /// `[ThreadResource.Status]`): the names that a member of the same name would hide in an expression.
    public var typeRoots: [String] {
        switch self {
        case .named(let name): [String(name.firstDotComponent)]
        case .array(let element), .map(let element), .optional(let element): element.typeRoots
        default: []
        }
    }

    /// The type as Swift source.
    public var swift: String {
        switch self {
        case .string: "String"
        case .int: "Int"
        case .int32: "Int32"
        case .int64: "Int64"
        case .double: "Double"
        case .float: "Float"
        case .bool: "Bool"
        case .data: "Data"
        case .file: "FileUpload"
        case .json: "JSONValue"
        case .named(let name): name
        case .array(let element): "[\(element.swift)]"
        case .map(let value): "[String: \(value.swift)]"
        case .optional(let wrapped): "\(wrapped.swift)?"
        }
    }
}

public struct IROperation: Codable, Equatable, Sendable {
    /// The Swift method name.
    public var swiftName: String
    public var operationID: String
    public var method: String
    public var path: String
    public var summary: String?
    public var doc: String?
    public var deprecated: Bool
    public var tags: [String]
    public var parameters: [IRParameter]
    public var requestBody: IRBody?
    /// The 2xx response that the method returns.
    public var success: IRResponse?
    /// Documented non-2xx responses.
    public var errors: [IRResponse]
    /// Security scheme names that apply (any one of them suffices).
    public var security: [String]
    /// One of the schemes is HTTP bearer: the client sends its API key as `Authorization: Bearer`.
    public var usesBearerAuth: Bool
    /// Set when the operation is a cursor-paginated list.
    public var pagination: IRPagination?
    /// The streaming method's name (without backticks), when the success response may be a `text/event-stream`.
    public var streamSwiftName: String?
}

/// A list operation recognised by shape: a cursor query parameter, and a response with a `data` array, `has_more`
/// and `last_id`.
public struct IRPagination: Codable, Equatable, Sendable {
    /// The method returning every item lazily (`allThreads`).
    public var swiftName: String
    /// The Swift name of the cursor parameter (`after`).
    public var cursorParameter: String
    public var itemType: IRTypeRef
    /// Swift names of the response's properties.
    public var dataProperty: String
    public var hasMoreProperty: String
    public var nextCursorProperty: String
}

public struct IRParameter: Codable, Equatable, Sendable {
    public enum Location: String, Codable, Equatable, Sendable {
        case path, query, header, cookie
    }

    public var swiftName: String
    public var wireName: String
    public var location: Location
    public var type: IRTypeRef
    public var isRequired: Bool
    /// A header or query value the spec fixes (single-value enum): sent without the caller passing it.
    public var constant: String?
    public var doc: String?
    /// OpenAPI `style` when the spec sets one (`form`, `simple`, `deepObject`…); `nil` means the location's default.
    public var style: String?
    /// OpenAPI `explode` when the spec sets it.
    public var explode: Bool?
}

public struct IRBody: Codable, Equatable, Sendable {
    public var contentType: String
    public var type: IRTypeRef
    public var isRequired: Bool
    public var encoding: Encoding

    /// How the body is written.
    public enum Encoding: String, Codable, Equatable, Sendable {
        /// `application/json` (or `+json`).
        case json
        /// `multipart/form-data`: a part per property; `FileUpload` properties as file parts.
        case multipart
        /// `application/x-www-form-urlencoded`.
        case form
        /// Bytes as they are, with the spec's content type.
        case raw
    }

    /// The member of the body struct that asks the server to stream (`stream: true`), when the operation can
    /// answer with `text/event-stream`.
    public var streamFlag: String?
}

public struct IRResponse: Codable, Equatable, Sendable {
    public var status: String
    public var contentType: String?
    public var type: IRTypeRef?
    /// The type of each event when the response may also be a `text/event-stream`.
    public var eventType: IRTypeRef?
    public var headers: [IRHeader]
    public var doc: String?
}

public struct IRHeader: Codable, Equatable, Sendable {
    public var swiftName: String
    public var wireName: String
    public var type: IRTypeRef
}
