import Foundation

/// A value that can be sent in a path segment, a query string or a header.
public protocol ParameterValue {
    /// The text sent on the wire.
    var parameterText: String { get }
}

extension String: ParameterValue { public var parameterText: String { self } }
extension Int: ParameterValue { public var parameterText: String { String(self) } }
extension Int32: ParameterValue { public var parameterText: String { String(self) } }
extension Int64: ParameterValue { public var parameterText: String { String(self) } }
extension Double: ParameterValue { public var parameterText: String { String(self) } }
extension Float: ParameterValue { public var parameterText: String { String(self) } }
extension Bool: ParameterValue { public var parameterText: String { self ? "true" : "false" } }

/// One operation call, as generated code describes it: the runtime turns it into bytes.
public struct APIRequest: Sendable {
    public var method: String
    /// The path template, `/chatkit/threads/{thread_id}`.
    public var pathTemplate: String
    var pathValues: [String: String] = [:]
    var query: [(name: String, value: String)] = []
    var headers: [(name: String, value: String)] = []
    var body: Data?
    var contentType: String?
    /// The request is secured by a bearer token.
    public var usesBearerAuth = false

    public init(method: String, path: String) {
        self.method = method
        self.pathTemplate = path
    }

    /// Fills `{name}` in the path with `value`, percent-encoded as one segment.
    public mutating func path(_ name: String, _ value: some ParameterValue) {
        pathValues[name] = value.parameterText
    }

    /// Adds `name=value` to the query; `nil` adds nothing. Arrays are sent as repeated keys.
    public mutating func query(_ name: String, _ value: (some ParameterValue)?) {
        if let value { query.append((name, value.parameterText)) }
    }

    public mutating func query(_ name: String, _ values: [some ParameterValue]?) {
        for value in values ?? [] { query.append((name, value.parameterText)) }
    }

    /// Adds a string enum's raw value to the query; `nil` adds nothing.
    public mutating func query<T: RawRepresentable>(_ name: String, _ value: T?) where T.RawValue == String {
        if let value { query.append((name, value.rawValue)) }
    }

    /// Fills `{name}` with a string enum's raw value.
    public mutating func path<T: RawRepresentable>(_ name: String, _ value: T) where T.RawValue == String {
        pathValues[name] = value.rawValue
    }

    /// Sends a string enum's raw value as a header; `nil` sends nothing.
    public mutating func header<T: RawRepresentable>(_ name: String, _ value: T?) where T.RawValue == String {
        if let value { headers.append((name, value.rawValue)) }
    }

    /// Sends a header; `nil` sends nothing.
    public mutating func header(_ name: String, _ value: (some ParameterValue)?) {
        if let value { headers.append((name, value.parameterText)) }
    }

    /// Sends `value` as a JSON body.
    public mutating func jsonBody(_ value: some Encodable) throws {
        body = try JSONEncoder().encode(value)
        contentType = "application/json"
    }

    /// Sends raw bytes.
    public mutating func dataBody(_ data: Data, contentType: String) {
        body = data
        self.contentType = contentType
    }

    /// The path with every `{name}` replaced by its encoded value.
    func encodedPath() throws(APIError) -> String {
        var result = ""
        var rest = pathTemplate[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            guard let value = pathValues[name] else {
                throw APIError(kind: .invalidRequest, reason: "no value for path parameter '\(name)'")
            }
            guard !value.isEmpty else {
                throw APIError(kind: .invalidRequest, reason: "path parameter '\(name)' is empty")
            }
            result += Self.encodeSegment(value)
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters, so the value stays one segment; a segment of
    /// only dots (`.`, `..`) is encoded too, so it can never be read as a relative path step.
    public static func encodeSegment(_ value: String) -> String {
        if value.allSatisfy({ $0 == "." }) {
            return String(repeating: "%2E", count: value.count)
        }
        return percentEncode(value)
    }

    static func percentEncode(_ value: String) -> String {
        var result = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += byte < 16 ? "%0\(hex)" : "%\(hex)"
            }
        }
        return result
    }

    func encodedQuery() -> String {
        query.map { "\(Self.percentEncode($0.name))=\(Self.percentEncode($0.value))" }.joined(separator: "&")
    }

    func allHeaders() -> [(name: String, value: String)] {
        headers
    }

    var bodyData: Data? { body }
    var bodyContentType: String? { contentType }
}
