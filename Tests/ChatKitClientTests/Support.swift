import FlyingFox
import ForgeTestSupport
import ForgeRuntime
import Foundation
import OpenAIChatKit
import Testing

/// Starts a loopback server, runs `body` with a client pointed at it, then stops the server and fails the test on
/// any difference between what the client sent and what the script expected, or on unused steps.
func withServer(
    retryPolicy: RetryPolicy = RetryPolicy(initialDelay: 0.01, maxDelay: 0.05),
    timeout: TimeInterval = 10,
    extraHeaders: [String: String] = [:],
    _ steps: [Step],
    sourceLocation: Testing.SourceLocation = #_sourceLocation,
    _ body: (ChatKitClient, LoopbackServer) async throws -> Void
) async throws {
    let server = LoopbackServer()
    try await server.start()
    await server.script(steps)
    let client = ChatKitClient(
        apiKey: LoopbackServer.apiKey, baseURL: await server.baseURL(), extraHeaders: extraHeaders, timeout: timeout,
        retryPolicy: retryPolicy)
    do {
        try await body(client, server)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
    #expect(await server.mismatches == [], sourceLocation: sourceLocation)
    #expect(await server.remainingSteps == 0, "unused scripted steps", sourceLocation: sourceLocation)
}

let threadJSON = #"""
    {"id": "cthr_1", "object": "chatkit.thread", "created_at": 1712345600, "title": "Demo", "status": {"type": "active"}, "user": "u1"}
    """#

func threadJSON(id: String) -> String {
    #"{"id": "\#(id)", "object": "chatkit.thread", "created_at": 1, "title": null, "status": {"type": "locked", "reason": null}, "user": "u"}"#
}

func threadPage(_ ids: [String], hasMore: Bool) -> String {
    let data = ids.map { threadJSON(id: $0) }.joined(separator: ",")
    let last = ids.last.map { "\"\($0)\"" } ?? "null"
    let first = ids.first.map { "\"\($0)\"" } ?? "null"
    return #"{"object": "list", "data": [\#(data)], "first_id": \#(first), "last_id": \#(last), "has_more": \#(hasMore)}"#
}

let conversationJSON = #"{"id": "conv_1", "object": "conversation", "created_at": 5, "metadata": {"topic": "x"}}"#

let openAIErrorJSON = #"""
    {"error": {"message": "No thread found with id 'cthr_x'.", "type": "invalid_request_error", "param": "thread_id", "code": "not_found"}}
    """#
