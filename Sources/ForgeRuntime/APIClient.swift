import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends ``APIRequest``s: builds the URL and headers, applies auth, retries, timeouts, and decodes responses.
/// Generated clients hold one and call it from a few lines per operation.
public struct APIClient: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public var configuration: ClientConfiguration

    public init(configuration: ClientConfiguration) {
        self.configuration = configuration
    }

    public var description: String { "APIClient(\(configuration))" }
    public var debugDescription: String { description }

    /// Sends `request` and decodes a 2xx body as `T`.
    public func send<T: Decodable>(_ request: APIRequest, returning type: T.Type) async throws -> T {
        let response = try await send(request)
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch let error as DecodingError {
            throw Self.decodingError(error, response: response)
        }
    }

    /// Sends `request` and returns a 2xx response's raw body.
    public func sendReturningData(_ request: APIRequest) async throws -> Data {
        try await send(request).body
    }

    /// Sends `request` for an operation whose success has no body.
    public func sendIgnoringBody(_ request: APIRequest) async throws {
        _ = try await send(request)
    }

    /// Sends `request`, retrying per the policy, and returns the 2xx response; anything else throws ``APIError``.
    public func send(_ request: APIRequest) async throws -> TransportResponse {
        let transportRequest = try build(request)
        let transport = configuration.transport
        return try await withRetries {
            let response = try await transport.send(transportRequest)
            return (200..<300).contains(response.status) ? .accepted(response) : .rejected(response)
        }
    }

    /// Sends `request` for a `text/event-stream` response (`Accept: text/event-stream`) and returns its events with
    /// each one's data decoded as `T`, as they arrive.
    ///
    /// Connecting works as ``send(_:)`` does: the same authentication, headers, timeout, retries and `Retry-After`
    /// handling, and a non-2xx status throws the same ``APIError`` (after reading that response's whole body).
    /// Retries happen only before the stream is returned, never once events have been delivered. The timeout bounds
    /// the wait for the response headers; once the stream is returned, it stays open as long as the server sends.
    public func sendStreaming<T: Decodable & Sendable>(
        _ request: APIRequest, of type: T.Type
    ) async throws -> EventStream<T> {
        let transportRequest = try build(request, accept: "text/event-stream")
        let transport = configuration.transport
        let response = try await withRetries {
            let response = try await transport.stream(transportRequest)
            if (200..<300).contains(response.status) { return .accepted(response) }
            let body = try await response.collectBody()
            return .rejected(TransportResponse(status: response.status, headers: response.headers, body: body))
        }
        return EventStream(
            events: ServerSentEvents(chunks: response.body), status: response.status,
            requestID: response.header("x-request-id"))
    }

    /// What one attempt got: a 2xx response, or any other status with its whole body.
    private enum Attempt<Response: Sendable>: Sendable {
        case accepted(Response)
        case rejected(TransportResponse)
    }

    /// Makes attempts until one is accepted, retrying per the policy: retryable statuses (waiting for `Retry-After`
    /// when given and within the cap, else backing off), connection failures and timeouts. Anything else, and the
    /// last failure, throws ``APIError`` with the number of attempts.
    private func withRetries<Response: Sendable>(
        _ attempt: @escaping @Sendable () async throws -> Attempt<Response>
    ) async throws -> Response {
        let policy = configuration.retryPolicy
        var attempts = 0
        while true {
            attempts += 1
            let outcome: Result<Attempt<Response>, APIError>
            do {
                outcome = .success(try await withTimeout(attempt))
            } catch let error as APIError {
                outcome = .failure(error)
            }
            try Task.checkCancellation()
            switch outcome {
            case .success(.accepted(let response)):
                return response
            case .success(.rejected(let response)):
                var error = Self.statusError(response)
                error.attempts = attempts
                guard RetryPolicy.isRetryable(status: response.status), attempts <= policy.maxRetries else { throw error }
                if let wait = error.retryAfter {
                    guard wait <= policy.maxRetryAfter else { throw error }
                    try await Task.sleep(nanoseconds: UInt64(max(0, wait) * 1e9))
                } else {
                    try await sleepBackoff(retry: attempts - 1)
                }
            case .failure(var error):
                error.attempts = attempts
                guard error.kind == .connection || error.kind == .timeout, attempts <= policy.maxRetries else {
                    throw error
                }
                try await sleepBackoff(retry: attempts - 1)
            }
        }
    }

    private func sleepBackoff(retry: Int) async throws {
        let policy = configuration.retryPolicy
        let factor = 1 - Double.random(in: 0...max(0, min(1, policy.jitter)))
        try await Task.sleep(nanoseconds: UInt64(policy.backoff(forRetry: retry) * factor * 1e9))
    }

    /// One attempt, bounded by the configured timeout whatever the transport does; transport errors become
    /// ``APIError``s of kind ``APIError/Kind/connection`` or ``APIError/Kind/timeout``.
    private func withTimeout<Response: Sendable>(
        _ attempt: @escaping @Sendable () async throws -> Response
    ) async throws -> Response {
        let timeout = configuration.timeout
        return try await withThrowingTaskGroup(of: Response?.self) { group in
            group.addTask {
                do {
                    return try await attempt()
                } catch {
                    throw Self.transportError(error, timeoutReason: "no response within \(timeout) s")
                }
            }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(timeout * 1e9))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else {
                throw APIError(kind: .timeout, reason: "no response within \(timeout) s")
            }
            return response
        }
    }

    /// What a transport's failure is thrown as: cancellation stays cancellation, a timeout is ``APIError`` of kind
    /// ``APIError/Kind/timeout``, anything else of kind ``APIError/Kind/connection``.
    static func transportError(_ error: any Error, timeoutReason: String) -> any Error {
        switch error {
        case is CancellationError, is APIError: error
        case let error as URLError where error.code == .cancelled: CancellationError()
        case let error as URLError where error.code == .timedOut: APIError(kind: .timeout, reason: timeoutReason)
        default: APIError(kind: .connection, reason: describe(error))
        }
    }

    // MARK: - Building

    func build(_ request: APIRequest, accept: String = "application/json") throws(APIError) -> TransportRequest {
        var text = configuration.baseURL.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += try request.encodedPath()
        let query = request.encodedQuery()
        if !query.isEmpty { text += "?" + query }
        guard let url = URL(string: text) else {
            throw APIError(kind: .invalidRequest, reason: "cannot form a URL from the base URL and path")
        }
        var headers: [(name: String, value: String)] = [("Accept", accept)]
        if let contentType = request.contentType { headers.append(("Content-Type", contentType)) }
        if request.usesBearerAuth, let key = configuration.apiKey {
            headers.append(("Authorization", "Bearer \(key.value)"))
        }
        headers += request.headers
        for (name, value) in configuration.extraHeaders.sorted(by: { $0.key < $1.key }) {
            headers.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
            headers.append((name, value))
        }
        for header in headers where header.value.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
            || header.name.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" || $0 == ":" })
        {
            // Never echo the value: it may be the API key.
            throw APIError(kind: .invalidRequest, reason: "header '\(header.name.debugDescription)' contains a line break; not sent")
        }
        return TransportRequest(
            method: request.method, url: url, headers: headers, body: request.body, timeout: configuration.timeout)
    }

    // MARK: - Errors

    static func statusError(_ response: TransportResponse) -> APIError {
        APIError(
            kind: .status, status: response.status, details: APIErrorDetails.decode(from: response.body),
            body: response.body, requestID: response.header("x-request-id"), retryAfter: retryAfter(response),
            reason: HTTPURLResponse.localizedString(forStatusCode: response.status))
    }

    /// `retry-after-ms` (milliseconds), else `Retry-After` as seconds or an HTTP date.
    static func retryAfter(_ response: TransportResponse) -> TimeInterval? {
        if let text = response.header("retry-after-ms"), let milliseconds = Double(text.trimmed) {
            return milliseconds / 1000
        }
        guard let text = response.header("Retry-After")?.trimmed else { return nil }
        if let seconds = Double(text) { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return max(0, date.timeIntervalSinceNow)
    }

    static func decodingError(_ error: DecodingError, response: TransportResponse) -> APIError {
        decodingError(error, status: response.status, body: response.body, requestID: response.header("x-request-id"))
    }

    /// A ``APIError/Kind/decoding`` error for `body`, with the JSON path where decoding failed.
    static func decodingError(_ error: DecodingError, status: Int, body: Data, requestID: String?) -> APIError {
        let path: [any CodingKey]
        let reason: String
        switch error {
        case .keyNotFound(let key, let context):
            path = context.codingPath + [key]
            reason = "missing key '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
            reason = context.debugDescription
        @unknown default:
            path = []
            reason = "\(error)"
        }
        return APIError(
            kind: .decoding, status: status, body: body, requestID: requestID, jsonPath: path.jsonPath, reason: reason)
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? URLError { return "URLError \(error.code.rawValue): \(error.localizedDescription)" }
        return String(describing: type(of: error))
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
