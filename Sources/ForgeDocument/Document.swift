/// An OpenAPI document with every `$ref` resolved: non-schema references inlined, schema references kept as IDs
/// into ``schemas`` (so recursive schemas stay finite).
public struct Document: Sendable, Codable {
    /// `openapi`, for example `3.1.0`.
    public var version: String
    public var info: Info
    public var servers: [Server]
    public var operations: [Operation]
    /// Every schema that a reference names, by where it is defined.
    public var schemas: [SchemaID: Schema]
    /// The named schemas to emit as types: every `components/schemas` entry of every loaded file, in load order.
    public var componentSchemas: [SchemaID]
    public var securitySchemes: [SecurityScheme]
    /// Top-level `security`: alternatives, each a list of scheme names.
    public var security: [[String]]
    /// Files read, in order, the root first.
    public var files: [String]

    public struct Info: Sendable, Codable {
        public var title: String
        public var version: String
        public var description: String?
    }

    public struct Server: Sendable, Codable {
        public var url: String
        public var description: String?
    }
}

public enum HTTPMethod: String, Sendable, Codable, CaseIterable {
    case get, put, post, delete, options, head, patch, trace
}

public struct Operation: Sendable, Codable {
    public var method: HTTPMethod
    public var path: String
    public var operationID: String?
    public var summary: String?
    public var description: String?
    public var tags: [String]
    public var deprecated: Bool
    /// Path-level and operation-level parameters merged (the operation's win by name and location).
    public var parameters: [Parameter]
    public var requestBody: RequestBody?
    /// In source order; `status` is `200`, `4XX` or `default`.
    public var responses: [Response]
    /// `nil` when the operation does not override the document's security.
    public var security: [[String]]?
    public var location: SourceLocation
    /// Where the `operationId` value is written, when there is one.
    public var operationIDLocation: SourceLocation? = nil
    /// `extensions` such as `x-oaiMeta` are not needed; kept out of the model.
}

public struct Parameter: Sendable, Codable {
    public enum Location: String, Sendable, Codable {
        case path, query, header, cookie
    }

    public var name: String
    public var location: Location
    public var required: Bool
    public var description: String?
    public var deprecated: Bool
    public var schema: Schema?
    public var style: String?
    public var explode: Bool?
    public var sourceLocation: SourceLocation
}

public struct MediaType: Sendable, Codable {
    public var contentType: String
    public var schema: Schema?
}

public struct RequestBody: Sendable, Codable {
    public var description: String?
    public var required: Bool
    public var content: [MediaType]
    public var location: SourceLocation
}

public struct Header: Sendable, Codable {
    public var name: String
    public var description: String?
    public var required: Bool
    public var schema: Schema?
}

public struct Response: Sendable, Codable {
    public var status: String
    public var description: String?
    public var headers: [Header]
    public var content: [MediaType]
    public var location: SourceLocation
}

public struct SecurityScheme: Sendable, Codable {
    public enum Kind: Sendable, Codable, Equatable {
        case httpBearer
        case httpBasic
        case apiKey(name: String, in: String)
        case other(String)
    }

    public var name: String
    public var kind: Kind
    public var description: String?
}
