import Foundation

/// The `error` object of an error response, in the conventional `{"error": {...}}` envelope.
public struct APIErrorDetails: Codable, Hashable, Sendable {
    public var message: String?
    public var type: String?
    public var param: String?
    public var code: String?

    public init(message: String?, type: String?, param: String?, code: String?) {
        self.message = message
        self.type = type
        self.param = param
        self.code = code
    }

    /// Reads `{"error": {...}}`; `code` may be a string or a number on the wire.
    static func decode(from body: Data) -> APIErrorDetails? {
        guard let envelope = try? JSONDecoder().decode([String: JSONValue].self, from: body),
            case .object(let error)? = envelope["error"]
        else { return nil }
        func text(_ key: String) -> String? {
            switch error[key] {
            case .string(let value)?: return value
            case .integer(let value)?: return String(value)
            case .number(let value)?: return String(value)
            default: return nil
            }
        }
        return APIErrorDetails(message: text("message"), type: text("type"), param: text("param"), code: text("code"))
    }
}

/// Why a call failed: a non-2xx status, a 2xx body that does not decode, a connection failure, a timeout, or a
/// request that could not be sent as built. Descriptions never contain the API key.
public struct APIError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The server answered with a non-2xx status.
        case status
        /// A 2xx body that does not match the expected type; ``jsonPath`` says where.
        case decoding
        /// The connection failed or dropped.
        case connection
        /// No answer within the configured timeout.
        case timeout
        /// The request could not be built (for example, a header value with a line break).
        case invalidRequest
    }

    public var kind: Kind
    /// The HTTP status, for ``Kind/status`` and ``Kind/decoding``.
    public var status: Int?
    /// The decoded error object, when the body is a standard error response.
    public var details: APIErrorDetails?
    /// The raw response body.
    public var body: Data?
    /// The `x-request-id` response header, for support requests.
    public var requestID: String?
    /// How long the server asked to wait (`Retry-After` or `retry-after-ms`).
    public var retryAfter: TimeInterval?
    /// For ``Kind/decoding``: where in the JSON decoding failed (`$.data[0].status`).
    public var jsonPath: String?
    /// A short explanation of the underlying failure.
    public var reason: String
    /// Attempts made, retries included.
    public var attempts: Int

    public init(
        kind: Kind, status: Int? = nil, details: APIErrorDetails? = nil, body: Data? = nil, requestID: String? = nil,
        retryAfter: TimeInterval? = nil, jsonPath: String? = nil, reason: String, attempts: Int = 1
    ) {
        self.kind = kind
        self.status = status
        self.details = details
        self.body = body
        self.requestID = requestID
        self.retryAfter = retryAfter
        self.jsonPath = jsonPath
        self.reason = reason
        self.attempts = attempts
    }

    /// The body as text, if it is UTF-8.
    public var bodyText: String? { body.flatMap { String(data: $0, encoding: .utf8) } }

    /// Decodes the body as a documented error type of the operation (for example `ErrorResponse`).
    public func decodedBody<T: Decodable>(as type: T.Type) -> T? {
        body.flatMap { try? JSONDecoder().decode(T.self, from: $0) }
    }

    public var isBadRequest: Bool { status == 400 && kind == .status }
    public var isAuthenticationError: Bool { status == 401 && kind == .status }
    public var isPermissionDenied: Bool { status == 403 && kind == .status }
    public var isNotFound: Bool { status == 404 && kind == .status }
    public var isConflict: Bool { status == 409 && kind == .status }
    public var isUnprocessable: Bool { status == 422 && kind == .status }
    public var isRateLimited: Bool { status == 429 && kind == .status }
    public var isServerError: Bool { (status ?? 0) >= 500 && kind == .status }

    public var description: String {
        var text: String
        switch kind {
        case .status: text = "HTTP \(status ?? 0)"
        case .decoding: text = "undecodable response (HTTP \(status ?? 0)) at \(jsonPath ?? "$")"
        case .connection: text = "connection failed"
        case .timeout: text = "timed out"
        case .invalidRequest: text = "invalid request"
        }
        if let message = details?.message {
            text += ": \(message)"
        } else {
            text += ": \(reason)"
        }
        if let type = details?.type { text += " [type: \(type)]" }
        if let code = details?.code { text += " [code: \(code)]" }
        if let requestID { text += " [request id: \(requestID)]" }
        if attempts > 1 { text += " after \(attempts) attempts" }
        return text
    }
}
