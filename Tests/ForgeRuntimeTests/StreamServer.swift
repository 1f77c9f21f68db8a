import FlyingFox
import ForgeTestSupport
import FlyingSocks
import Foundation
import Testing

@testable import ForgeRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// What the server saw of one request.
struct SeenRequest: Sendable {
    var method: String
    var path: String
    var headers: [String: String]
    var body: Data

    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// A flag one side sets and the other waits for.
final class Signal: @unchecked Sendable {
    private let lock = NSLock()
    private var fired = false

    func fire() { lock.withLock { fired = true } }

    var isFired: Bool { lock.withLock { fired } }

    /// Waits until the flag is set or `timeout` seconds pass; returns whether it was set.
    func wait(timeout: Double) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while !isFired && ContinuousClock.now < deadline {
            try? await Task.sleep(nanoseconds: 5_000_000)
        }
        return isFired
    }
}

/// What the server has sent of a streamed body.
final class BodyProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var sent = 0
    private var done = false

    func chunkSent() { lock.withLock { sent += 1 } }
    func finish() { lock.withLock { done = true } }

    /// Chunks handed to the connection so far.
    var chunksSent: Int { lock.withLock { sent } }
    /// Whether the last scripted chunk has been handed over.
    var isFinished: Bool { lock.withLock { done } }
}

/// A piece of a streamed body: sent after `delay` seconds, or once `after` fires (at most 5 s later).
struct Chunk: Sendable {
    var text: String
    var delay: Double = 0
    var after: Signal? = nil
}

/// One scripted answer.
struct Reply: Sendable {
    var status: Int = 200
    var headers: [String: String] = ["Content-Type": "text/event-stream"]
    /// Sent with a `Content-Length`, in one piece.
    var body: String? = nil
    /// Sent with chunked transfer encoding, one HTTP chunk each.
    var chunks: [Chunk] = []
    /// After `chunks`, sent every 20 ms until the client goes away.
    var forever: String? = nil
    /// Seconds to wait before answering at all (before the status line and headers).
    var delay: Double = 0
    var progress = BodyProgress()
}

/// The scripted body: each chunk when its delay or signal says so.
struct ScriptedBody: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let chunks: [Chunk]
    let forever: String?
    let progress: BodyProgress

    func makeAsyncIterator() -> Iterator {
        Iterator(chunks: chunks, forever: forever, progress: progress)
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        let chunks: [Chunk]
        let forever: String?
        let progress: BodyProgress
        var index = 0

        mutating func next() async throws -> UInt8? {
            fatalError("call nextBuffer(suggested:)")
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            guard index < chunks.count else {
                progress.finish()
                guard let forever else { return nil }
                try await Task.sleep(nanoseconds: 20_000_000)
                progress.chunkSent()
                return Array(forever.utf8)
            }
            let chunk = chunks[index]
            index += 1
            if let signal = chunk.after { _ = await signal.wait(timeout: 5) }
            if chunk.delay > 0 { try await Task.sleep(nanoseconds: UInt64(chunk.delay * 1e9)) }
            progress.chunkSent()
            if index == chunks.count && forever == nil { progress.finish() }
            return Array(chunk.text.utf8)
        }
    }
}

/// An HTTP server on 127.0.0.1 with a free port that answers requests with scripted replies in order.
actor StreamServer {
    static let apiKey = "sk-test-stream"

    private var http: LoopbackHTTPServer?
    private var replies: [Reply] = []
    private(set) var seen: [SeenRequest] = []
    private(set) var port: UInt16 = 0

    func start() async throws {
        let http = try await LoopbackHTTPServer { [weak self] request in
            guard let self else { return HTTPResponse(statusCode: .internalServerError) }
            return await self.handle(request)
        }
        self.http = http
        port = http.port
    }

    func stop() async {
        await http?.stop()
    }

    func script(_ replies: [Reply]) {
        self.replies += replies
    }

    var remainingReplies: Int { replies.count }

    func baseURL() -> URL { URL(string: "http://127.0.0.1:\(port)/v1")! }

    private func handle(_ request: HTTPRequest) async -> HTTPResponse {
        var headers: [String: String] = [:]
        for (key, value) in request.headers { headers[key.rawValue.lowercased()] = value }
        let body = (try? await request.bodyData) ?? Data()
        seen.append(
            SeenRequest(method: request.method.rawValue, path: request.target.path(), headers: headers, body: body))
        guard !replies.isEmpty else { return HTTPResponse(statusCode: HTTPStatusCode(599, phrase: "Unscripted")) }
        let reply = replies.removeFirst()
        if reply.delay > 0 { try? await Task.sleep(nanoseconds: UInt64(reply.delay * 1e9)) }
        var responseHeaders = HTTPHeaders()
        for (name, value) in reply.headers { responseHeaders[HTTPHeader(name)] = value }
        let status = HTTPStatusCode(reply.status, phrase: "Scripted")
        if let text = reply.body {
            return HTTPResponse(statusCode: status, headers: responseHeaders, body: Data(text.utf8))
        }
        let scripted = ScriptedBody(chunks: reply.chunks, forever: reply.forever, progress: reply.progress)
        return HTTPResponse(statusCode: status, headers: responseHeaders, body: HTTPBodySequence(from: scripted))
    }
}

/// Starts a server with `replies`, runs `body` with a client pointed at it (through `URLSessionTransport`), stops
/// the server, and fails the test on unused replies.
func withStreamServer(
    retryPolicy: RetryPolicy = RetryPolicy(initialDelay: 0.01, maxDelay: 0.05),
    timeout: TimeInterval = 10,
    _ replies: [Reply],
    sourceLocation: Testing.SourceLocation = #_sourceLocation,
    _ body: (APIClient, StreamServer) async throws -> Void
) async throws {
    let server = StreamServer()
    try await server.start()
    await server.script(replies)
    let client = APIClient(
        configuration: ClientConfiguration(
            baseURL: await server.baseURL(), apiKey: APIKey(StreamServer.apiKey), timeout: timeout,
            retryPolicy: retryPolicy))
    do {
        try await body(client, server)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
    #expect(await server.remainingReplies == 0, "unused scripted replies", sourceLocation: sourceLocation)
}

/// A body stream that delivers `chunks` and ends, or fails with `failure` after them.
func chunkStream(_ chunks: [String], failure: (any Error)? = nil) -> AsyncThrowingStream<Data, any Error> {
    AsyncThrowingStream { continuation in
        for chunk in chunks { continuation.yield(Data(chunk.utf8)) }
        continuation.finish(throwing: failure)
    }
}
