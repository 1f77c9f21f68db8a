/// Decoding and encoding helpers that keep generated `Codable` conformances to one line per property.

extension KeyedDecodingContainer {
    /// `decode(_:forKey:)` under a name of its own. The standard library declares seventeen `decode` overloads, and
    /// the type checker weighs them all at every call: generated code calls this one instead, which cut a fifth of
    /// the time to type-check and lower the whole OpenAI API's models.
    public func decodeValue<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decode(type, forKey: key)
    }

    /// `decodeIfPresent(_:forKey:)` under a name of its own (see ``decodeValue(_:forKey:)``).
    public func decodeValueIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try decodeIfPresent(type, forKey: key)
    }

    /// A required key whose value may be `null`: a missing key is an error, `null` is `nil`.
    public func decodeNullable<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard contains(key) else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "No value associated with key '\(key.stringValue)'."))
        }
        if try decodeNil(forKey: key) { return nil }
        return try decode(T.self, forKey: key)
    }

    /// An optional property that may hold any JSON: a missing key is `nil`, an explicit `null` is `.null`, so a
    /// round trip keeps the `null` (`decodeIfPresent` would turn it into a missing key).
    public func decodeJSONIfPresent(forKey key: Key) throws -> JSONValue? {
        guard contains(key) else { return nil }
        return try decode(JSONValue.self, forKey: key)
    }

    /// Checks that a constant property holds its one allowed value. `required: false` accepts a missing key.
    public func decodeConstant(_ expected: String, forKey key: Key, required: Bool = true) throws {
        if !required && !contains(key) { return }
        let found = try decode(String.self, forKey: key)
        guard found == expected else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "Expected the constant \"\(expected)\", found \"\(found)\".")
        }
    }
}

extension KeyedEncodingContainer {
    /// `encode(_:forKey:)` under a name of its own (see ``KeyedDecodingContainer/decodeValue(_:forKey:)``).
    public mutating func encodeValue<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encode(value, forKey: key)
    }

    /// `encodeIfPresent(_:forKey:)` under a name of its own (see ``KeyedDecodingContainer/decodeValue(_:forKey:)``).
    public mutating func encodeValueIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        try encodeIfPresent(value, forKey: key)
    }

    /// Writes the value, or an explicit `null` when it is `nil` (for required, nullable properties).
    public mutating func encodeNullable<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
}

/// A coding key made from any string. Generated types use it with string literals (`forKey: "created_at"`)
/// instead of a `CodingKeys` enum each, which keeps large generated libraries fast to compile.
public struct AnyCodingKey: CodingKey, Hashable, Sendable, ExpressibleByStringLiteral {
    public var stringValue: String
    public var intValue: Int? { nil }

    public init(_ string: String) { self.stringValue = string }
    public init(stringLiteral value: String) { self.stringValue = value }
    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}

extension Decoder {
    /// The discriminator's string value, or `nil` when the value is not an object or has no such string member.
    public func discriminatorIfPresent(_ property: String) -> String? {
        guard let container = try? self.container(keyedBy: AnyCodingKey.self) else { return nil }
        return try? container.decodeIfPresent(String.self, forKey: AnyCodingKey(property))
    }

    /// The string value of a discriminated union's property (for example `type`).
    public func discriminator(_ property: String) throws -> String {
        let container = try self.container(keyedBy: AnyCodingKey.self)
        return try container.decode(String.self, forKey: AnyCodingKey(property))
    }

    /// The error for a union none of whose variants accepted the value: one line per variant and why.
    public func noVariantMatched<T>(_ type: T.Type, _ failures: [(String, any Error)]) -> DecodingError {
        let reasons = failures.map { "\($0.0): \(Self.summary(of: $0.1))" }.joined(separator: "; ")
        return DecodingError.dataCorrupted(
            .init(codingPath: codingPath, debugDescription: "No variant of \(T.self) matched: \(reasons)"))
    }

    static func summary(of error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.codingPath.jsonPath): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\((context.codingPath + [key]).jsonPath): missing"
        @unknown default:
            return "\(error)"
        }
    }
}

extension Array where Element == any CodingKey {
    /// `$.data[0].status.type`: the coding path as a JSON path.
    public var jsonPath: String {
        var path = "$"
        for key in self {
            if let index = key.intValue { path += "[\(index)]" } else { path += ".\(key.stringValue)" }
        }
        return path
    }
}
