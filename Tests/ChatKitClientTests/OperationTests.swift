import ForgeRuntime
import ForgeTestSupport
import Foundation
import OpenAIChatKit
import Testing

/// Every operation of spec/ against the loopback server, which checks method, path, query, Authorization,
/// OpenAI-Beta, content type and body.
@Suite(.timeLimit(.minutes(1))) struct OperationTests {
    @Test func listThreadsSendsEveryQueryParameterAndDecodesThePage() async throws {
        try await withServer([
            Step(
                method: "GET", path: "/chatkit/threads",
                query: ["limit": "2", "order": "asc", "after": "cthr_0", "before": "cthr_9", "user": "user 1&2"],
                response: threadPage(["cthr_1", "cthr_2"], hasMore: true))
        ]) { client, _ in
            let page = try await client.listThreads(
                limit: 2, order: .asc, after: "cthr_0", before: "cthr_9", user: "user 1&2")
            #expect(page.data.map(\.id) == ["cthr_1", "cthr_2"])
            #expect(page.hasMore)
            #expect(page.lastID == "cthr_2")
        }
    }

    @Test func omittedOptionalParametersAreNotSent() async throws {
        try await withServer([
            Step(method: "GET", path: "/chatkit/threads", response: threadPage([], hasMore: false))
        ]) { client, server in
            _ = try await client.listThreads()
            #expect(await server.seen.first?.rawQuery == "")
        }
    }

    @Test func getThread() async throws {
        try await withServer([Step(method: "GET", path: "/chatkit/threads/cthr_1", response: threadJSON)]) {
            client, _ in
            let thread = try await client.getThread(threadID: "cthr_1")
            #expect(thread.title == "Demo")
            #expect(thread.status == .active(ActiveStatus()))
        }
    }

    @Test func deleteThread() async throws {
        try await withServer([
            Step(
                method: "DELETE", path: "/chatkit/threads/cthr_1",
                response: #"{"id": "cthr_1", "object": "chatkit.thread.deleted", "deleted": true}"#)
        ]) { client, _ in
            let deleted = try await client.deleteThread(threadID: "cthr_1")
            #expect(deleted.deleted)
            #expect(deleted.id == "cthr_1")
        }
    }

    @Test func listThreadItems() async throws {
        let page = #"""
            {"object": "list", "first_id": "i1", "last_id": "i1", "has_more": false, "data": [
              {"id": "i1", "object": "chatkit.thread_item", "created_at": 1, "thread_id": "cthr_1",
               "type": "chatkit.widget", "widget": "{}"}]}
            """#
        try await withServer([
            Step(method: "GET", path: "/chatkit/threads/cthr_1/items", query: ["order": "desc", "limit": "1"], response: page)
        ]) { client, _ in
            let items = try await client.listThreadItems(threadID: "cthr_1", limit: 1, order: .desc)
            guard case .widget(let widget) = items.data.first else {
                Issue.record("expected a widget item, got \(items.data)")
                return
            }
            #expect(widget.widget == "{}")
        }
    }

    @Test func getConversationSendsNoBetaHeader() async throws {
        try await withServer([
            Step(method: "GET", path: "/conversations/conv_1", beta: false, response: conversationJSON)
        ]) { client, _ in
            let conversation = try await client.getConversation(conversationID: "conv_1")
            #expect(conversation.metadata == ["topic": "x"])
        }
    }

    @Test func updateConversationSendsTheJSONBody() async throws {
        try await withServer([
            Step(
                method: "POST", path: "/conversations/conv_1", body: #"{"metadata": {"topic": "y"}}"#, beta: false,
                response: conversationJSON),
            Step(
                method: "POST", path: "/conversations/conv_1", body: #"{"metadata": null}"#, beta: false,
                response: conversationJSON),
        ]) { client, _ in
            _ = try await client.updateConversation(
                conversationID: "conv_1", body: UpdateConversationBody(metadata: ["topic": "y"]))
            _ = try await client.updateConversation(conversationID: "conv_1", body: UpdateConversationBody(metadata: nil))
        }
    }

    @Test func deleteConversation() async throws {
        try await withServer([
            Step(
                method: "DELETE", path: "/conversations/conv_1", beta: false,
                response: #"{"id": "conv_1", "object": "conversation.deleted", "deleted": true}"#)
        ]) { client, _ in
            let deleted = try await client.deleteConversation(conversationID: "conv_1")
            #expect(deleted.deleted)
        }
    }

    @Test(arguments: [
        ("a/b?c", "a%2Fb%3Fc"),
        ("../files", "..%2Ffiles"),
        ("..", "%2E%2E"),
        ("x#frag", "x%23frag"),
        ("100%", "100%25"),
        ("with space", "with%20space"),
        ("thé-✓", "th%C3%A9-%E2%9C%93"),
    ])
    func pathIDsArriveIntactAsOneSegment(id: String, encoded: String) async throws {
        try await withServer([
            Step(method: "GET", path: "/chatkit/threads/\(encoded)", response: threadJSON)
        ]) { client, server in
            _ = try await client.getThread(threadID: id)
            let seen = try #require(await server.seen.first)
            #expect(seen.rawQuery == "")
            let segments = seen.rawPath.split(separator: "/", omittingEmptySubsequences: false)
            #expect(segments.count == 5)
            #expect(segments.last.map { String($0).removingPercentEncoding } == id)
        }
    }

    @Test func extraHeadersAreSent() async throws {
        try await withServer(extraHeaders: ["X-Trace": "t-1"], [
            Step(method: "GET", path: "/chatkit/threads/cthr_1", response: threadJSON)
        ]) { client, server in
            _ = try await client.getThread(threadID: "cthr_1")
            #expect(await server.seen.first?.header("X-Trace") == "t-1")
        }
    }

    @Test func headerValuesWithLineBreaksAreRefusedBeforeSending() async throws {
        try await withServer(extraHeaders: ["X-Evil": "a\r\nInjected: yes"], []) { client, server in
            let error = try await expectAPIError { try await client.getThread(threadID: "cthr_1") }
            #expect(error.kind == .invalidRequest)
            #expect(!error.description.contains("Injected"))
            #expect(await server.seen.isEmpty)
        }
    }
}
