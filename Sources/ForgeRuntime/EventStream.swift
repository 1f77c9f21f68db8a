import Foundation

/// A `text/event-stream` response whose events hold JSON: each event's `data` decoded as `Element`.
///
///     for try await chunk in try await client.sendStreaming(request, of: ChatCompletionChunk.self) { … }
///
/// Iteration ends at an event whose data is `[DONE]` (OpenAI's terminator) or at the end of the body; an event that
/// does not decode throws ``APIError`` of kind ``APIError/Kind/decoding`` with the event's data as its body, the
/// JSON path where decoding failed, and ``APIError/details`` when the data is an `{"error": {...}}` object. A
/// connection that fails or times out mid-stream throws ``APIError`` of kind ``APIError/Kind/connection`` or
/// ``APIError/Kind/timeout``, as ``APIClient/send(_:)`` does.
/// Stopping early (leaving the loop, cancelling the task) closes the connection.
public struct EventStream<Element: Decodable & Sendable>: AsyncSequence, Sendable {
    /// The raw events, undecoded (`[DONE]` included). Iterate either these or the stream, once.
    public let events: ServerSentEvents
    let status: Int
    let requestID: String?

    /// Decodes `events`; ``APIError``s it throws report status 200.
    public init(events: ServerSentEvents) {
        self.init(events: events, status: 200, requestID: nil)
    }

    init(events: ServerSentEvents, status: Int, requestID: String?) {
        self.events = events
        self.status = status
        self.requestID = requestID
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(events: events.makeAsyncIterator(), status: status, requestID: requestID)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var events: ServerSentEvents.AsyncIterator
        let status: Int
        let requestID: String?
        var finished = false
        let decoder = JSONDecoder()

        /// The next decoded event; `nil` after `[DONE]` or the end of the body.
        public mutating func next() async throws -> Element? {
            guard !finished else { return nil }
            let event: ServerSentEvent?
            do {
                event = try await events.next()  // connection failures already arrive as APIError
            } catch {
                finished = true
                throw error
            }
            guard let event, event.data != "[DONE]" else {
                finished = true
                return nil
            }
            let data = Data(event.data.utf8)
            do {
                return try decoder.decode(Element.self, from: data)
            } catch let error as DecodingError {
                finished = true
                var apiError = APIClient.decodingError(error, status: status, body: data, requestID: requestID)
                apiError.details = APIErrorDetails.decode(from: data)
                throw apiError
            }
        }
    }
}
