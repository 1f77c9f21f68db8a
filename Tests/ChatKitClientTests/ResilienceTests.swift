import ForgeRuntime
import ForgeTestSupport
import Foundation
import OpenAIChatKit
import Testing

/// Errors, retries, timeouts, dropped connections and auto-paging, against real sockets on 127.0.0.1.
@Suite(.timeLimit(.minutes(1))) struct ResilienceTests {
    @Test func rateLimitedWithRetryAfterWaitsThenSucceeds() async throws {
        try await withServer([
            Step(
                method: "GET", path: "/conversations/conv_1", beta: false, status: 429,
                headers: ["Retry-After": "1", "Content-Type": "application/json"], response: openAIErrorJSON),
            Step(method: "GET", path: "/conversations/conv_1", beta: false, response: conversationJSON),
        ]) { client, server in
            let start = ContinuousClock.now
            let conversation = try await client.getConversation(conversationID: "conv_1")
            let waited = ContinuousClock.now - start
            #expect(conversation.id == "conv_1")
            #expect(waited >= .milliseconds(950), "Retry-After: 1 was not honoured (\(waited))")
            // Bounds prove behaviour, not speed: generous for a saturated 2-core machine.
            #expect(waited < .seconds(20))
            #expect(await server.seen.count == 2)
        }
    }

    @Test func serverErrorsAreRetriedUntilSuccess() async throws {
        try await withServer([
            Step(method: "GET", path: "/chatkit/threads/cthr_1", status: 500, response: "{}"),
            Step(method: "GET", path: "/chatkit/threads/cthr_1", status: 500, response: "{}"),
            Step(method: "GET", path: "/chatkit/threads/cthr_1", response: threadJSON),
        ]) { client, server in
            let thread = try await client.getThread(threadID: "cthr_1")
            #expect(thread.id == "cthr_1")
            #expect(await server.seen.count == 3)
        }
    }

    @Test func exhaustedRetriesGiveATypedError() async throws {
        let failing = Step(
            method: "GET", path: "/chatkit/threads/cthr_1", status: 503,
            headers: ["Content-Type": "application/json", "x-request-id": "req_503"], response: openAIErrorJSON)
        try await withServer([failing, failing, failing]) { client, server in
            let error = try await expectAPIError { try await client.getThread(threadID: "cthr_1") }
            #expect(error.kind == .status)
            #expect(error.status == 503)
            #expect(error.isServerError)
            #expect(error.attempts == 3)
            #expect(error.requestID == "req_503")
            #expect(await server.seen.count == 3)
        }
    }

    @Test func otherClientErrorsAreNeverRetried() async throws {
        try await withServer([
            Step(
                method: "GET", path: "/chatkit/threads/cthr_x", status: 404,
                headers: ["Content-Type": "application/json", "x-request-id": "req_404"], response: openAIErrorJSON)
        ]) { client, server in
            let error = try await expectAPIError { try await client.getThread(threadID: "cthr_x") }
            #expect(error.isNotFound)
            #expect(!error.isRateLimited)
            #expect(error.details == APIErrorDetails(
                message: "No thread found with id 'cthr_x'.", type: "invalid_request_error", param: "thread_id",
                code: "not_found"))
            #expect(error.requestID == "req_404")
            #expect(error.attempts == 1)
            #expect(error.description == "HTTP 404: No thread found with id 'cthr_x'. [type: invalid_request_error] [code: not_found] [request id: req_404]")
            #expect(await server.seen.count == 1)
        }
    }

    @Test func aNonJSONErrorBodyIsKeptRaw() async throws {
        try await withServer(retryPolicy: .none, [
            Step(
                method: "GET", path: "/chatkit/threads/cthr_1", status: 502, headers: ["Content-Type": "text/html"],
                response: "<html>bad gateway</html>")
        ]) { client, _ in
            let error = try await expectAPIError { try await client.getThread(threadID: "cthr_1") }
            #expect(error.status == 502)
            #expect(error.details == nil)
            #expect(error.bodyText == "<html>bad gateway</html>")
        }
    }

    @Test func rateLimitErrorsCarryTheDocumentedBodyAndRetryAfter() async throws {
        let limited = Step(
            method: "DELETE", path: "/conversations/conv_1", beta: false, status: 429,
            headers: ["Content-Type": "application/json", "retry-after-ms": "20"], response: openAIErrorJSON)
        try await withServer([limited, limited, limited]) { client, _ in
            let error = try await expectAPIError { try await client.deleteConversation(conversationID: "conv_1") }
            #expect(error.isRateLimited)
            #expect(error.retryAfter == 0.02)
            #expect(error.decodedBody(as: ErrorResponse.self)?.error.code == "not_found")
        }
    }

    @Test func malformedJSONInA200NamesWhereDecodingFailed() async throws {
        let wrongStatus = threadPage(["cthr_1"], hasMore: false).replacingOccurrences(
            of: #""type": "locked", "reason": null"#, with: #""reason": null"#)
        try await withServer([
            Step(method: "GET", path: "/chatkit/threads", response: wrongStatus),
            Step(method: "GET", path: "/chatkit/threads", response: #"{"object": "list", "data": [ tru"#),
        ]) { client, _ in
            let missing = try await expectAPIError { try await client.listThreads() }
            #expect(missing.kind == .decoding)
            #expect(missing.status == 200)
            #expect(missing.jsonPath == "$.data[0].status.type")
            let garbled = try await expectAPIError { try await client.listThreads() }
            #expect(garbled.kind == .decoding)
            #expect(garbled.jsonPath == "$")
        }
    }

    @Test func aSlowResponseTimesOut() async throws {
        try await withServer(retryPolicy: .none, timeout: 0.3, [
            Step(method: "GET", path: "/chatkit/threads/cthr_1", response: threadJSON, delay: 30)
        ]) { client, _ in
            let start = ContinuousClock.now
            let error = try await expectAPIError { try await client.getThread(threadID: "cthr_1") }
            #expect(error.kind == .timeout)
            #expect(ContinuousClock.now - start < .seconds(20), "the 30 s response was waited for")
        }
    }

    @Test func aDroppedConnectionIsRetriedThenReported() async throws {
        let listener = try DroppingListener()
        defer { listener.stop() }
        let client = ChatKitClient(
            apiKey: LoopbackServer.apiKey, baseURL: URL(string: "http://127.0.0.1:\(listener.port)/v1")!, timeout: 5,
            retryPolicy: RetryPolicy(maxRetries: 2, initialDelay: 0.01, maxDelay: 0.02))
        let error = try await expectAPIError { try await client.getThread(threadID: "cthr_1") }
        #expect(error.kind == .connection)
        #expect(error.attempts == 3)
        #expect(listener.connections >= 3)
    }

    @Test func cancellationStopsARetryWaitAtOnce() async throws {
        try await withServer([
            Step(
                method: "GET", path: "/chatkit/threads/cthr_1", status: 429,
                headers: ["Retry-After": "30", "Content-Type": "application/json"], response: openAIErrorJSON)
        ]) { client, server in
            let task = Task { try await client.getThread(threadID: "cthr_1") }
            // Cancel once the 429 has been answered, that is, during the 30-second wait.
            let deadline = ContinuousClock.now + .seconds(10)
            while await server.seen.isEmpty, ContinuousClock.now < deadline {
                try await Task.sleep(nanoseconds: 10_000_000)
            }
            try await Task.sleep(nanoseconds: 100_000_000)
            let start = ContinuousClock.now
            task.cancel()
            let result = await task.result
            #expect(ContinuousClock.now - start < .seconds(15), "the 30 s Retry-After wait was not cut short")
            #expect(throws: CancellationError.self) { try result.get() }
            #expect(await server.seen.count == 1)
        }
    }

    @Test func theAutoPagerWalksThreePagesWithTheRightCursor() async throws {
        try await withServer([
            Step(method: "GET", path: "/chatkit/threads", query: ["limit": "2", "user": "u"],
                 response: threadPage(["t1", "t2"], hasMore: true)),
            Step(method: "GET", path: "/chatkit/threads", query: ["limit": "2", "user": "u", "after": "t2"],
                 response: threadPage(["t3", "t4"], hasMore: true)),
            Step(method: "GET", path: "/chatkit/threads", query: ["limit": "2", "user": "u", "after": "t4"],
                 response: threadPage(["t5"], hasMore: false)),
        ]) { client, server in
            var ids: [String] = []
            for try await thread in client.allThreads(limit: 2, user: "u") {
                ids.append(thread.id)
                if ids.count == 1 { #expect(await server.seen.count == 1, "pages are fetched lazily") }
            }
            #expect(ids == ["t1", "t2", "t3", "t4", "t5"])
        }
    }

    @Test func theAPIKeyNeverAppearsInDescriptions() async throws {
        try await withServer(retryPolicy: .none, [
            Step(method: "GET", path: "/chatkit/threads/cthr_1", status: 401, response: openAIErrorJSON)
        ]) { client, _ in
            let error = try await expectAPIError { try await client.getThread(threadID: "cthr_1") }
            #expect(error.isAuthenticationError)
            var dumped = ""
            dump(client, to: &dumped)
            dump(client.api.configuration, to: &dumped)
            for text in [
                error.description, String(reflecting: error), String(describing: client), String(reflecting: client),
                String(reflecting: client.api.configuration), dumped,
            ] {
                #expect(!text.contains(LoopbackServer.apiKey), "the key leaked into: \(text)")
            }
        }
    }
}

@Suite struct RetryPolicyTests {
    @Test func backoffDoublesFromHalfASecondAndIsCapped() {
        let policy = RetryPolicy()
        #expect((0..<6).map { policy.backoff(forRetry: $0) } == [0.5, 1, 2, 4, 8, 8])
        #expect(policy.maxRetries == 2)
    }

    @Test(arguments: [(408, true), (409, true), (429, true), (500, true), (503, true), (400, false), (401, false),
                      (404, false), (422, false)])
    func retryableStatuses(status: Int, retryable: Bool) {
        #expect(RetryPolicy.isRetryable(status: status) == retryable)
    }
}
