// Embedded from Templates/*.mustache by scripts/embed-templates. Do not edit.
// swift-format-ignore-file

enum BuiltinTemplates {
    static let all: [String: String] = [
        "API": ##"""
{{%CONTENT_TYPE: TEXT}}
{{#header}}
{{.}}
{{/header}}

/// What this library was generated from.
{{access}}enum APIDescription {
    /// The API's title.
    {{access}}static let title = {{titleLiteral}}
    /// The API description's version.
    {{access}}static let version = {{versionLiteral}}
    /// The first server the API description names, the default base URL.
    {{access}}static let defaultServerURL: String? = {{serverLiteral}}
}

"""##,
        "Client": ##"""
{{%CONTENT_TYPE: TEXT}}
{{#header}}
{{.}}
{{/header}}

import Foundation
import ForgeRuntime

{{titleDoc}}
///
/// Every call goes through ``APIClient``: it adds the API key, retries connection failures, timeouts, 408, 409,
/// 429 and 5xx responses with exponential backoff (honouring `Retry-After`), and turns any other non-2xx response
/// into an ``APIError``.
{{access}}struct {{clientName}}: Sendable, CustomStringConvertible {
    /// Sends the requests; holds the configuration (base URL, key, timeout, retry policy, transport).
    {{access}}var api: APIClient

    /// Creates a client from a full configuration.
    {{access}}init(configuration: ClientConfiguration) {
        self.api = APIClient(configuration: configuration)
    }

    /// Creates a client. {{apiKeyDoc}}
    {{access}}init(
        apiKey: String? = nil,
        {{baseURLParameter}},
        extraHeaders: [String: String] = [:],
        timeout: TimeInterval = 600,
        retryPolicy: RetryPolicy = RetryPolicy(),
        transport: any HTTPTransport = URLSessionTransport()
    ) {
        self.init(
            configuration: ClientConfiguration(
                baseURL: baseURL, apiKey: {{apiKeyExpression}}, extraHeaders: extraHeaders,
                timeout: timeout, retryPolicy: retryPolicy, transport: transport))
    }

    /// Describes the configuration; never includes the API key.
    {{access}}var description: String { "{{clientName}}(\(api.configuration))" }
{{#operations}}

{{methods}}
{{/operations}}
}

"""##,
        "Declaration": ##"""
{{%CONTENT_TYPE: TEXT}}
{{docLines}}
{{#isStruct}}
{{>Struct}}
{{/isStruct}}
{{#isEnum}}
{{>Enum}}
{{/isEnum}}
{{#isUnion}}
{{>Union}}
{{/isUnion}}
{{#isAlias}}
{{access}}typealias {{name}} = {{aliasedType}}
{{/isAlias}}

"""##,
        "Enum": ##"""
{{%CONTENT_TYPE: TEXT}}
{{access}}enum {{name}}: OpenStringEnum {
    {{caseDeclarations}}
    /// A value this version of the API description does not list, kept as received.
    case {{fallback}}(String)

    {{access}}init(rawValue: String) {
        switch rawValue {
        {{initCases}}
        default: self = .{{fallback}}(rawValue)
        }
    }

    {{access}}var rawValue: String {
        switch self {
        {{rawValueCases}}
        case .{{fallback}}(let value): value
        }
    }

    /// The values this version of the API description lists.
    {{access}}static let knownCases: [Self] = [{{knownCases}}]
}

"""##,
        "File": ##"""
{{%CONTENT_TYPE: TEXT}}
{{#header}}
{{.}}
{{/header}}

{{#imports}}
import {{.}}
{{/imports}}
{{body}}

"""##,
        "Operation": ##"""
{{%CONTENT_TYPE: TEXT}}
{{#docLines}}
{{.}}
{{/docLines}}
{{#deprecated}}
@available(*, deprecated)
{{/deprecated}}
{{access}}func {{name}}({{parameters}}) async throws{{returnClause}} {
    {{requestLines}}
    {{sendLine}}
}
{{#pager}}

{{#docLines}}
{{.}}
{{/docLines}}
{{#deprecated}}
@available(*, deprecated)
{{/deprecated}}
{{access}}func {{name}}({{parameters}}) -> AutoPager<{{itemType}}> {
    AutoPager { cursor in
        let page = try await self.{{operationName}}({{callArguments}})
        return Page(items: page.{{data}}, hasMore: page.{{hasMore}}, nextCursor: page.{{nextCursor}})
    }
}
{{/pager}}
{{#stream}}

{{#docLines}}
{{.}}
{{/docLines}}
{{#deprecated}}
@available(*, deprecated)
{{/deprecated}}
{{access}}func {{name}}({{parameters}}) async throws -> EventStream<{{eventType}}> {
    {{requestLines}}
    {{sendLine}}
}
{{/stream}}

"""##,
        "Struct": ##"""
{{%CONTENT_TYPE: TEXT}}
{{access}}struct {{name}}: Codable, Hashable, Sendable {
    {{members}}

    /// Creates a value from its properties; constant properties are fixed and not passed.
    {{access}}init({{initParameters}}) {
        {{initAssignments}}
    }

    {{access}}init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        {{decodeLines}}
    }

    {{access}}func encode(to encoder: any Encoder) throws {
        {{encodeContainer}}
        {{encodeLines}}
    }
{{{nested}}}
}

"""##,
        "Union": ##"""
{{%CONTENT_TYPE: TEXT}}
{{access}}enum {{name}}: Codable, Hashable, Sendable {
    {{caseDeclarations}}
{{#hasFallback}}
    /// A variant this version of the API description does not know, kept as the JSON received.
    case {{fallback}}(JSONValue)
{{/hasFallback}}

    {{access}}init(from decoder: any Decoder) throws {
{{#hasDiscriminator}}
        switch {{discriminatorRead}} {
        {{discriminatedCases}}
        default:
            {{#untaggedAttempts}}
            {{.}}
            {{/untaggedAttempts}}
            self = .{{fallback}}(try JSONValue(from: decoder))
        }
{{/hasDiscriminator}}
{{^hasDiscriminator}}
        var failures: [(String, any Error)] = []
        {{attempts}}
        throw decoder.noVariantMatched(Self.self, failures)
{{/hasDiscriminator}}
    }

    {{access}}func encode(to encoder: any Encoder) throws {
        switch self {
        {{encodeCases}}
        {{#hasFallback}}
        case .{{fallback}}(let value): try value.encode(to: encoder)
        {{/hasFallback}}
        }
    }
{{{nested}}}
}

"""##,
    ]
}
