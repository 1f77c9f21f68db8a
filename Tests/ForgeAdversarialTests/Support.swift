import ForgeRuntime
import Foundation
import Testing

func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(json.utf8))
}

func encodedJSON<T: Encodable>(_ value: T) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
}

/// A JSON value written so that nothing is compared by canonical equivalence: `String` equality would make "é"
/// written as one scalar equal to "é" written as two, and a round trip must keep the scalars it was given.
func exact(_ value: JSONValue) -> String {
    func scalars(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ") + "\""
    }
    switch value {
    case .null: return "null"
    case .bool(let value): return value ? "true" : "false"
    case .integer(let value): return "i\(value)"
    case .number(let value): return "n\(value)"
    case .string(let text): return scalars(text)
    case .array(let items): return "[" + items.map(exact).joined(separator: ",") + "]"
    case .object(let members):
        let pairs = members.map { (key: scalars($0.key), value: exact($0.value)) }
            .sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
        return "{" + pairs.map { "\($0.key):\($0.value)" }.joined(separator: ",") + "}"
    }
}

/// Decodes `json` as `T`, encodes the value again and checks that both are the same JSON, scalar for scalar
/// (member order aside). Returns the decoded value for further checks.
@discardableResult
func roundTrip<T: Codable>(
    _ type: T.Type, _ json: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> T {
    let value = try decode(T.self, json)
    let original = try decode(JSONValue.self, json)
    let again = try encodedJSON(value)
    #expect(exact(again) == exact(original), sourceLocation: sourceLocation)
    #expect(again == original, sourceLocation: sourceLocation)
    // Decoding what was encoded gives the same value.
    #expect(try encodedJSON(JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))) == again,
            sourceLocation: sourceLocation)
    return value
}

/// A transport that records every request and answers from a closure, for client tests without a server.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [TransportRequest] = []
    private let answer: @Sendable (TransportRequest) -> (status: Int, body: String)

    init(_ answer: @escaping @Sendable (TransportRequest) -> (status: Int, body: String)) {
        self.answer = answer
    }

    var requests: [TransportRequest] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    private func record(_ request: TransportRequest) {
        lock.lock()
        defer { lock.unlock() }
        recorded.append(request)
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        record(request)
        let (status, body) = answer(request)
        return TransportResponse(status: status, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
    }
}

extension TransportRequest {
    /// Query items, percent-decoded, in order.
    var queryItems: [String: String] {
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    /// The path as sent, still percent-encoded.
    var encodedPath: String {
        URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
    }
}
