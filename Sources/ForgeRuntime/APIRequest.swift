import Foundation

/// How a parameter value is written (OpenAPI `style` and `explode`).
public enum ParameterStyle: Sendable, Hashable {
    /// Query default: `explode` repeats the name per array item (`a=1&a=2`) and writes an object's members as
    /// their own parameters; otherwise `a=1,2` and `a=k,v,k2,v2`.
    case form(explode: Bool)
    /// Header and path default: comma-separated arrays and `k,v` objects (`k=v` when exploded).
    case simple(explode: Bool)
    /// Objects as `name[key]=value`, nested as `name[a][b]`.
    case deepObject
}

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
    public mutating func path<T: Encodable>(_ name: String, _ value: T, style: ParameterStyle = .simple(explode: false)) {
        let pairs = Self.serialize(name: name, value: value, style: style)
        pathValues[name] = pairs.map(\.value).joined(separator: ",")
    }

    /// Adds a query parameter; `nil` adds nothing. Strings, numbers, booleans, string enums (as raw values),
    /// arrays and objects are written per `style`.
    public mutating func query<T: Encodable>(_ name: String, _ value: T?, style: ParameterStyle = .form(explode: true)) {
        guard let value else { return }
        query += Self.serialize(name: name, value: value, style: style)
    }

    /// Sends a header; `nil` sends nothing. Arrays are comma-separated.
    public mutating func header<T: Encodable>(_ name: String, _ value: T?, style: ParameterStyle = .simple(explode: false)) {
        guard let value else { return }
        let pairs = Self.serialize(name: name, value: value, style: style)
        guard !pairs.isEmpty else { return }
        headers.append((name, pairs.map(\.value).joined(separator: ",")))
    }

    /// `(name, text)` pairs for a value, through its JSON form so every `Encodable` is handled the same way.
    static func serialize<T: Encodable>(name: String, value: T, style: ParameterStyle) -> [(name: String, value: String)] {
        let json: JSONValue
        if let text = value as? String {
            json = .string(text)
        } else if let data = try? JSONEncoder().encode(value), let decoded = try? JSONDecoder().decode(JSONValue.self, from: data) {
            json = decoded
        } else {
            return []
        }
        switch (json, style) {
        case (.null, _):
            return []
        case (.array(let items), .form(explode: true)):
            return items.compactMap { scalarText($0).map { (name, $0) } }
        case (.array(let items), _):
            return [(name, items.compactMap(scalarText).joined(separator: ","))]
        case (.object, .deepObject):
            return deepObject(prefix: name, json)
        case (.object(let members), .form(explode: true)):
            return members.sorted { $0.key < $1.key }.compactMap { key, value in scalarText(value).map { (key, $0) } }
        case (.object(let members), .simple(explode: true)):
            let text = members.sorted { $0.key < $1.key }.compactMap { key, value in scalarText(value).map { "\(key)=\($0)" } }
            return [(name, text.joined(separator: ","))]
        case (.object(let members), _):
            let text = members.sorted { $0.key < $1.key }.flatMap { key, value in scalarText(value).map { [key, $0] } ?? [] }
            return [(name, text.joined(separator: ","))]
        default:
            return scalarText(json).map { [(name, $0)] } ?? []
        }
    }

    static func deepObject(prefix: String, _ json: JSONValue) -> [(name: String, value: String)] {
        switch json {
        case .object(let members):
            return members.sorted { $0.key < $1.key }.flatMap { deepObject(prefix: "\(prefix)[\($0.key)]", $0.value) }
        case .array(let items):
            return items.flatMap { deepObject(prefix: "\(prefix)[]", $0) }
        default:
            return scalarText(json).map { [(prefix, $0)] } ?? []
        }
    }

    static func scalarText(_ json: JSONValue) -> String? {
        switch json {
        case .string(let text): return text
        case .integer(let value): return String(value)
        case .number(let value): return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return nil
        case .array, .object:
            guard let data = try? JSONEncoder().encode(json) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
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

    /// `%XX` for every UTF-8 byte but ASCII letters, digits, `-._` and `extra` (`~` by default: RFC 3986's unreserved
    /// set); with `spaceAsPlus`, a space is `+` (form encoding).
    static func percentEncode(_ value: String, keeping extra: UInt8 = UInt8(ascii: "~"), spaceAsPlus: Bool = false)
        -> String
    {
        var result = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), extra:
                result.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " ") where spaceAsPlus:
                result += "+"
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
}
