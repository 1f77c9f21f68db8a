import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// An HTTP request as the transport sends it.
public struct TransportRequest: Sendable {
    public var method: String
    public var url: URL
    /// In the order they are sent; names are case-insensitive.
    public var headers: [(name: String, value: String)]
    public var body: Data?
    /// Seconds before the request is abandoned.
    public var timeout: TimeInterval

    public init(method: String, url: URL, headers: [(name: String, value: String)], body: Data?, timeout: TimeInterval) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// What came back.
public struct TransportResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A header by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.value(named: name)
    }
}

/// What came back, while the body is still arriving.
public struct StreamingResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    /// The body in chunks of any size as they arrive; it ends with the response and throws if the connection fails.
    /// Iterate it once; stopping early cancels the request.
    public var body: AsyncThrowingStream<Data, any Error>

    public init(status: Int, headers: [String: String], body: AsyncThrowingStream<Data, any Error>) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A header by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.value(named: name)
    }

    /// Waits for the rest of the body and returns it whole.
    public func collectBody() async throws -> Data {
        var data = Data()
        for try await chunk in body { data += chunk }
        return data
    }
}

extension [String: String] {
    fileprivate func value(named name: String) -> String? {
        if let exact = self[name] { return exact }
        return first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Sends requests. The default is ``URLSessionTransport``; tests and custom stacks provide their own.
public protocol HTTPTransport: Sendable {
    /// Sends `request`. Throws for connection failures; any HTTP status is a response, not an error.
    func send(_ request: TransportRequest) async throws -> TransportResponse

    /// Sends `request` and returns as soon as the status and headers arrive; the body follows in
    /// ``StreamingResponse/body``. Throws for connection failures; any HTTP status is a response.
    ///
    /// The default implementation calls ``send(_:)`` and delivers the whole body as one chunk.
    func stream(_ request: TransportRequest) async throws -> StreamingResponse
}

extension HTTPTransport {
    public func stream(_ request: TransportRequest) async throws -> StreamingResponse {
        let response = try await send(request)
        let body = AsyncThrowingStream<Data, any Error> { continuation in
            if !response.body.isEmpty { continuation.yield(response.body) }
            continuation.finish()
        }
        return StreamingResponse(status: response.status, headers: response.headers, body: body)
    }
}

/// The default transport, on `URLSession` (FoundationNetworking on Linux).
public struct URLSessionTransport: HTTPTransport {
    public let session: URLSession

    public init(session: URLSession = URLSession(configuration: .ephemeral)) {
        self.session = session
    }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let (data, response) = try await session.data(for: Self.urlRequest(request))
        guard let http = response as? HTTPURLResponse else {
            throw URLError(.badServerResponse)
        }
        return TransportResponse(status: http.statusCode, headers: Self.headers(of: http), body: data)
    }

    /// Returns when the response headers arrive and delivers the body as `URLSession` receives it.
    ///
    /// The request runs in a session of its own, with this transport's session configuration and a data delegate
    /// (`URLSession.bytes(for:)` is not available on Linux). Cancelling the calling task before the headers arrive,
    /// or the task iterating the body, or dropping the body unread, cancels the request. The request's `timeout`
    /// applies to each wait for data, so a long stream that keeps sending is not cut off.
    public func stream(_ request: TransportRequest) async throws -> StreamingResponse {
        try Task.checkCancellation()
        let delegate = StreamingDataDelegate()
        let streamingSession = URLSession(configuration: session.configuration, delegate: delegate, delegateQueue: nil)
        let task = streamingSession.dataTask(with: Self.urlRequest(request))
        delegate.task = task
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if delegate.waitForResponse(continuation) {
                    task.resume()
                } else {
                    streamingSession.invalidateAndCancel()
                }
            }
        } onCancel: {
            delegate.cancel()
        }
    }

    static func urlRequest(_ request: TransportRequest) -> URLRequest {
        var urlRequest = URLRequest(url: request.url, timeoutInterval: request.timeout)
        urlRequest.httpMethod = request.method
        for header in request.headers {
            urlRequest.addValue(header.value, forHTTPHeaderField: header.name)
        }
        urlRequest.httpBody = request.body
        return urlRequest
    }

    static func headers(of response: HTTPURLResponse) -> [String: String] {
        var headers: [String: String] = [:]
        for (key, value) in response.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key] = value }
        }
        return headers
    }
}

/// Receives one streaming data task's events: hands over the response once, then yields body chunks.
final class StreamingDataDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private enum ResponseState {
        case pending
        case awaited(CheckedContinuation<StreamingResponse, any Error>)
        case arrived(Result<StreamingResponse, any Error>)
        case delivered
    }

    private let lock = NSLock()
    private var state = ResponseState.pending
    private var dataTask: URLSessionDataTask?
    /// Held only until the response is handed over: once the reader drops it, the request is cancelled.
    private var body: AsyncThrowingStream<Data, any Error>?
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation

    override init() {
        let (body, continuation) = AsyncThrowingStream<Data, any Error>.makeStream(bufferingPolicy: .unbounded)
        self.body = body
        self.continuation = continuation
        super.init()
        continuation.onTermination = { [weak self] termination in
            if case .cancelled = termination { self?.cancel() }
        }
    }

    var task: URLSessionDataTask? {
        get { lock.withLock { dataTask } }
        set { lock.withLock { dataTask = newValue } }
    }

    /// Resumes `continuation` with the response, or the error that came instead, when it arrives. Returns `false`
    /// when the outcome is already known (the request was cancelled) and `continuation` has been resumed.
    func waitForResponse(_ continuation: CheckedContinuation<StreamingResponse, any Error>) -> Bool {
        let result: Result<StreamingResponse, any Error>? = lock.withLock {
            guard case .arrived(let result) = state else {
                state = .awaited(continuation)
                return nil
            }
            state = .delivered
            return result
        }
        guard let result else { return true }
        continuation.resume(with: result)
        return false
    }

    private func deliver(_ result: Result<StreamingResponse, any Error>) {
        let waiting: CheckedContinuation<StreamingResponse, any Error>? = lock.withLock {
            switch state {
            case .pending:
                state = .arrived(result)
                return nil
            case .awaited(let continuation):
                state = .delivered
                return continuation
            case .arrived, .delivered:
                return nil
            }
        }
        waiting?.resume(with: result)
    }

    /// Cancels the request; a caller still waiting for the response gets `CancellationError`.
    func cancel() {
        task?.cancel()
        deliver(.failure(CancellationError()))
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let body: AsyncThrowingStream<Data, any Error>? = lock.withLock {
            defer { self.body = nil }
            return self.body
        }
        guard let http = response as? HTTPURLResponse, let body else {
            deliver(.failure(URLError(.badServerResponse)))
            completionHandler(.cancel)
            return
        }
        deliver(
            .success(
                StreamingResponse(status: http.statusCode, headers: URLSessionTransport.headers(of: http), body: body)))
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        continuation.yield(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        if let error {
            deliver(.failure(error))
            continuation.finish(throwing: error)
        } else {
            deliver(.failure(URLError(.badServerResponse)))
            continuation.finish()
        }
        // The session holds its delegate until it is invalidated.
        session.finishTasksAndInvalidate()
        lock.withLock {
            dataTask = nil
            body = nil
        }
    }
}
