import ForgeTestSupport
import Foundation
import Testing

@testable import ForgeRuntime

struct Delta: Decodable, Sendable, Equatable {
    var id: String
    var index: Int
}

@Suite struct EventStreamTests {
    func stream(_ chunks: [String], failure: (any Error)? = nil) -> EventStream<Delta> {
        EventStream(events: ServerSentEvents(chunks: chunkStream(chunks, failure: failure)))
    }

    @Test func eachEventsDataIsDecodedUntilDone() async throws {
        let events = stream([
            "data: {\"id\": \"a\", \"index\": 0}\n\n: ping\n\nda",
            "ta: {\"id\": \"b\",\n",
            "data: \"index\": 1}\n\n",
            "data: [DONE]\n\n",
            "data: not json, never read\n\n",
        ])
        var received: [Delta] = []
        for try await delta in events { received.append(delta) }
        #expect(received == [Delta(id: "a", index: 0), Delta(id: "b", index: 1)])
    }

    @Test func theEndOfTheBodyEndsTheStream() async throws {
        var iterator = stream(["data: {\"id\": \"a\", \"index\": 0}\n\ndata: {\"id\": \"unfinished\""]).makeAsyncIterator()
        #expect(try await iterator.next() == Delta(id: "a", index: 0))
        #expect(try await iterator.next() == nil)
        #expect(try await iterator.next() == nil)
    }

    @Test func anEventThatDoesNotDecodeThrowsADecodingError() async throws {
        let body = #"{"id": "b", "index": "one"}"#
        let text = "data: {\"id\": \"a\", \"index\": 0}\n\ndata: \(body)\n\ndata: {\"id\": \"c\", \"index\": 2}\n\n"
        var iterator = stream([text]).makeAsyncIterator()
        #expect(try await iterator.next() == Delta(id: "a", index: 0))
        let error = try await expectAPIError { try await iterator.next() }
        #expect(error.kind == .decoding)
        #expect(error.jsonPath == "$.index")
        #expect(error.status == 200)
        #expect(error.bodyText == body)
        #expect(error.details == nil)
        #expect(try await iterator.next() == nil, "the stream ends after an error")
    }

    @Test func anErrorObjectInTheStreamKeepsItsDetails() async throws {
        let error = #"{"error": {"message": "The server is overloaded.", "type": "server_error"}}"#
        let events = stream(["data: \(error)\n\n"])
        let thrown = try await expectAPIError {
            for try await delta in events { Issue.record("unexpected \(delta)") }
        }
        #expect(thrown.kind == .decoding)
        #expect(thrown.jsonPath == "$.id")
        #expect(thrown.details?.message == "The server is overloaded.")
        #expect(thrown.description.contains("The server is overloaded."))
    }

    /// A connection lost or timed out mid-stream is an ``APIError``, as it is before the response.
    @Test func aConnectionFailureMidStreamIsAnAPIError() async throws {
        struct Dropped: Error {}
        var iterator = stream(["data: {\"id\": \"a\", \"index\": 0}\n\n"], failure: Dropped()).makeAsyncIterator()
        #expect(try await iterator.next() == Delta(id: "a", index: 0))
        #expect(try await expectAPIError { try await iterator.next() }.kind == .connection)
        #expect(try await iterator.next() == nil)
        var timedOut = stream([], failure: URLError(.timedOut)).makeAsyncIterator()
        let error = try await expectAPIError { try await timedOut.next() }
        #expect(error.kind == .timeout)
        var cancelled = stream([], failure: URLError(.cancelled)).makeAsyncIterator()
        await #expect(throws: CancellationError.self) { try await cancelled.next() }
    }

    /// The raw events report a lost connection as the decoded stream does, not as the transport's own error.
    @Test func aConnectionFailureMidStreamIsAnAPIErrorInTheRawEventsToo() async throws {
        struct Dropped: Error {}
        var iterator = stream(["data: {}\n\n"], failure: Dropped()).events.makeAsyncIterator()
        #expect(try await iterator.next() == ServerSentEvent(data: "{}"))
        #expect(try await expectAPIError { try await iterator.next() }.kind == .connection)
        var timedOut = stream([], failure: URLError(.timedOut)).events.makeAsyncIterator()
        #expect(try await expectAPIError { try await timedOut.next() }.kind == .timeout)
        var cancelled = stream([], failure: URLError(.cancelled)).events.makeAsyncIterator()
        await #expect(throws: CancellationError.self) { try await cancelled.next() }
    }

    @Test func theRawEventsAreAvailable() async throws {
        let events = stream(["event: delta\nid: 9\ndata: {}\n\ndata: [DONE]\n\n"]).events
        var received: [ServerSentEvent] = []
        for try await event in events { received.append(event) }
        #expect(
            received == [ServerSentEvent(event: "delta", data: "{}", id: "9"), ServerSentEvent(data: "[DONE]", id: "9")])
    }
}
