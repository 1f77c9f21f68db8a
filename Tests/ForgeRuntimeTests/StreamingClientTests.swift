import ForgeTestSupport
import Foundation
import Testing

@testable import ForgeRuntime

struct Token: Decodable, Sendable, Equatable {
    var text: String
}

func tokenEvent(_ text: String) -> String { "data: {\"text\": \"\(text)\"}\n\n" }

@Suite struct StreamingClientTests {
    /// The server sends the first event, then waits for the client to have it before sending the rest: the first
    /// event must arrive while the response is still open, through `URLSessionTransport`.
    @Test func eventsArriveBeforeTheResponseEnds() async throws {
        let gotFirst = Signal()
        let reply = Reply(
            headers: ["Content-Type": "text/event-stream", "x-request-id": "req_s"],
            chunks: [
                Chunk(text: ": hello\n\n" + tokenEvent("one") + "data: {\"te"),
                Chunk(text: "xt\": \"two\"}\n\n", after: gotFirst),
                Chunk(text: tokenEvent("three"), delay: 0.05),
                Chunk(text: "data: [DONE]\n\n", delay: 0.05),
            ])
        try await withStreamServer([reply]) { client, server in
            var request = APIRequest(method: "POST", path: "/chat/completions")
            request.usesBearerAuth = true
            try request.jsonBody(["stream": true])
            let stream = try await client.sendStreaming(request, of: Token.self)
            var received: [Token] = []
            var sentWhenFirstArrived: Int?
            var finishedWhenFirstArrived = true
            for try await token in stream {
                if received.isEmpty {
                    sentWhenFirstArrived = reply.progress.chunksSent
                    finishedWhenFirstArrived = reply.progress.isFinished
                    gotFirst.fire()
                }
                received.append(token)
            }
            #expect(received == [Token(text: "one"), Token(text: "two"), Token(text: "three")])
            #expect(sentWhenFirstArrived == 1, "the first event arrived after \(sentWhenFirstArrived ?? -1) of 4 chunks")
            #expect(!finishedWhenFirstArrived, "the whole body had been sent before the first event arrived")
            let seen = await server.seen
            #expect(seen.count == 1)
            #expect(seen.first?.header("Accept") == "text/event-stream")
            #expect(seen.first?.header("Authorization") == "Bearer \(StreamServer.apiKey)")
            #expect(seen.first?.header("Content-Type") == "application/json")
            #expect(seen.first?.path == "/v1/chat/completions")
        }
    }

    @Test func aRateLimitIsRetriedBeforeAnyEvent() async throws {
        let replies = [
            Reply(
                status: 429, headers: ["Content-Type": "application/json", "retry-after-ms": "20"],
                body: #"{"error": {"message": "Slow down", "type": "rate_limit"}}"#),
            Reply(chunks: [Chunk(text: tokenEvent("ok") + "data: [DONE]\n\n")]),
        ]
        try await withStreamServer(replies) { client, server in
            let stream = try await client.sendStreaming(APIRequest(method: "GET", path: "/events"), of: Token.self)
            var received: [Token] = []
            for try await token in stream { received.append(token) }
            #expect(received == [Token(text: "ok")])
            #expect(await server.seen.count == 2)
        }
    }

    @Test func anErrorStatusThrowsTheSameAPIErrorAsSend() async throws {
        let body = #"{"error": {"message": "Boom", "type": "server_error", "code": "internal"}}"#
        let failing = Reply(
            status: 500, headers: ["Content-Type": "application/json", "x-request-id": "req_500"], body: body)
        try await withStreamServer(retryPolicy: RetryPolicy(maxRetries: 1, initialDelay: 0.01), [failing, failing]) {
            client, server in
            let error = try await expectAPIError {
                try await client.sendStreaming(APIRequest(method: "POST", path: "/events"), of: Token.self)
            }
            #expect(error.kind == .status)
            #expect(error.status == 500)
            #expect(error.isServerError)
            #expect(error.details?.message == "Boom")
            #expect(error.details?.code == "internal")
            #expect(error.bodyText == body)
            #expect(error.requestID == "req_500")
            #expect(error.attempts == 2)
        }
        let notFound = Reply(
            status: 404, headers: ["Content-Type": "application/json"],
            chunks: [Chunk(text: "{\"error\": "), Chunk(text: "{\"message\": \"Nope\"}}", delay: 0.02)])
        try await withStreamServer([notFound]) { client, server in
            let error = try await expectAPIError {
                try await client.sendStreaming(APIRequest(method: "POST", path: "/events"), of: Token.self)
            }
            #expect(error.isNotFound)
            #expect(error.details?.message == "Nope", "a chunked error body is read whole")
            #expect(error.attempts == 1)
        }
    }

    /// Cancelling the task that reads the stream closes the connection: the server's writes start failing and it
    /// stops producing the endless body.
    @Test func cancellingTheReadingTaskCancelsTheRequest() async throws {
        let reply = Reply(chunks: [Chunk(text: tokenEvent("first"))], forever: tokenEvent("more"))
        try await withStreamServer([reply]) { client, _ in
            let stream = try await client.sendStreaming(APIRequest(method: "GET", path: "/events"), of: Token.self)
            let started = Signal()
            let reader = Task {
                var count = 0
                for try await _ in stream {
                    count += 1
                    if count == 3 { started.fire() }
                }
                return count
            }
            #expect(await started.wait(timeout: 5))
            reader.cancel()
            _ = try? await reader.value
            // Allow for what is already in flight, then the server must stop.
            try await Task.sleep(nanoseconds: 500_000_000)
            let settled = reply.progress.chunksSent
            try await Task.sleep(nanoseconds: 500_000_000)
            #expect(reply.progress.chunksSent == settled, "the server kept streaming after the reader was cancelled")
        }
    }

    /// Dropping the stream after reading part of it closes the connection too.
    @Test func droppingTheStreamCancelsTheRequest() async throws {
        let reply = Reply(chunks: [Chunk(text: tokenEvent("first"))], forever: tokenEvent("more"))
        try await withStreamServer([reply]) { client, _ in
            func readTwo() async throws -> [Token] {
                var iterator = try await client.sendStreaming(APIRequest(method: "GET", path: "/events"), of: Token.self)
                    .makeAsyncIterator()
                return [try await iterator.next(), try await iterator.next()].compactMap { $0 }
            }
            #expect(try await readTwo() == [Token(text: "first"), Token(text: "more")])
            try await Task.sleep(nanoseconds: 500_000_000)
            let settled = reply.progress.chunksSent
            try await Task.sleep(nanoseconds: 500_000_000)
            #expect(reply.progress.chunksSent == settled, "the server kept streaming after the stream was dropped")
        }
    }

    /// Cancelling the task while it waits for the response headers ends the wait at once.
    @Test func cancellingBeforeTheHeadersArriveThrowsCancellationError() async throws {
        try await withStreamServer([Reply(chunks: [Chunk(text: tokenEvent("late"))], delay: 3)]) { client, server in
            let waiting = Task {
                try await client.sendStreaming(APIRequest(method: "GET", path: "/events"), of: Token.self)
            }
            while await server.seen.isEmpty { try await Task.sleep(nanoseconds: 10_000_000) }
            let start = ContinuousClock.now
            waiting.cancel()
            await #expect(throws: CancellationError.self) { _ = try await waiting.value }
            #expect(ContinuousClock.now - start < .seconds(1))
        }
    }

    /// A transport that only implements `send` streams through the default `stream`: the whole body as one chunk.
    @Test func aCustomTransportWithoutStreamingStillWorks() async throws {
        final class Recorder: HTTPTransport, @unchecked Sendable {
            let lock = NSLock()
            var requests: [TransportRequest] = []
            var statuses = [503, 200]

            func send(_ request: TransportRequest) async throws -> TransportResponse {
                let status = lock.withLock {
                    requests.append(request)
                    return statuses.removeFirst()
                }
                let body = status == 200 ? tokenEvent("a") + tokenEvent("b") : "{}"
                return TransportResponse(status: status, headers: ["Retry-After": "0"], body: Data(body.utf8))
            }
        }
        let transport = Recorder()
        let client = APIClient(
            configuration: ClientConfiguration(
                baseURL: URL(string: "https://api.example.com/v1")!, apiKey: "sk-x", extraHeaders: ["X-Extra": "1"],
                transport: transport))
        var request = APIRequest(method: "POST", path: "/responses")
        request.usesBearerAuth = true
        var received: [Token] = []
        for try await token in try await client.sendStreaming(request, of: Token.self) { received.append(token) }
        #expect(received == [Token(text: "a"), Token(text: "b")])
        #expect(transport.requests.count == 2)
        let sent = try #require(transport.requests.last)
        #expect(sent.url.absoluteString == "https://api.example.com/v1/responses")
        #expect(sent.header("Accept") == "text/event-stream")
        #expect(sent.header("Authorization") == "Bearer sk-x")
        #expect(sent.header("X-Extra") == "1")
    }

    /// `send` still asks for JSON and decodes it after the retry loop was shared with streaming.
    @Test func plainSendIsUnchanged() async throws {
        let replies = [
            Reply(status: 503, headers: ["Content-Type": "application/json"], body: "{}"),
            Reply(headers: ["Content-Type": "application/json"], body: #"{"text": "json"}"#),
        ]
        try await withStreamServer(replies) { client, server in
            let token = try await client.send(APIRequest(method: "GET", path: "/token"), returning: Token.self)
            #expect(token == Token(text: "json"))
            #expect(await server.seen.map { $0.header("Accept") } == ["application/json", "application/json"])
        }
    }

    @Test func aTimeoutBeforeTheHeadersIsATimeoutError() async throws {
        struct Slow: HTTPTransport {
            func send(_ request: TransportRequest) async throws -> TransportResponse {
                try await Task.sleep(nanoseconds: 30_000_000_000)
                return TransportResponse(status: 200, headers: [:], body: Data())
            }
        }
        let client = APIClient(
            configuration: ClientConfiguration(
                baseURL: URL(string: "https://api.example.com")!, timeout: 0.1, retryPolicy: .none, transport: Slow()))
        let start = ContinuousClock.now
        let error = try await expectAPIError {
            try await client.sendStreaming(APIRequest(method: "GET", path: "/e"), of: Token.self)
        }
        #expect(error.kind == .timeout)
        // Far below the transport's 30 s; generous, because the whole suite shares two cores.
        #expect(ContinuousClock.now - start < .seconds(20))
    }
}
