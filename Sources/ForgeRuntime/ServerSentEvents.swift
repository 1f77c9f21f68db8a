import Foundation

/// One event of a `text/event-stream` response.
public struct ServerSentEvent: Sendable, Hashable {
    /// The event type: the `event:` field, `message` when the event has none.
    public var event: String
    /// The `data:` lines, joined with `\n`.
    public var data: String
    /// The last event ID: the latest `id:` field of the stream so far (this event's or an earlier one's); `nil`
    /// before any, or after an empty `id:` reset it.
    public var id: String?
    /// The reconnection time in milliseconds, when this event's block had a valid `retry:` field.
    public var retry: Int?

    public init(event: String = "message", data: String, id: String? = nil, retry: Int? = nil) {
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry
    }
}

/// The `text/event-stream` parser of the WHATWG HTML standard (§9.2.6), fed bytes in chunks of any size: a chunk
/// may end inside a line, a CRLF pair or a UTF-8 sequence.
///
/// Lines end with CRLF, LF or CR; a leading UTF-8 byte order mark is skipped; a line starting with `:` is a
/// comment; one space after the field's colon is removed; a line without a colon is a field with an empty value;
/// a blank line dispatches the event, unless it has no `data:` field. An event the stream ends in the middle of is
/// discarded.
public struct ServerSentEventParser: Sendable {
    private var line: [UInt8] = []
    private var afterCR = false
    /// Bytes of the byte order mark matched so far; `nil` once the start of the stream is past.
    private var bomMatched: Int? = 0
    private var data: [UInt8] = []
    private var eventType = ""
    private var lastEventID = ""
    private var retry: Int?
    /// The stream's reconnection time in milliseconds: the latest valid `retry:` field.
    public private(set) var reconnectionTime: Int?

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    public init() {}

    /// Parses the next bytes of the stream and returns the events they complete.
    public mutating func parse(_ bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            if let matched = bomMatched {
                if byte == Self.byteOrderMark[matched] {
                    bomMatched = matched + 1 == Self.byteOrderMark.count ? nil : matched + 1
                    continue
                }
                // Not a byte order mark after all: what matched was text (never a line break).
                line += Self.byteOrderMark[..<matched]
                bomMatched = nil
            }
            switch byte {
            case UInt8(ascii: "\n") where afterCR:
                afterCR = false
            case UInt8(ascii: "\n"):
                processLine(into: &events)
            case UInt8(ascii: "\r"):
                afterCR = true
                processLine(into: &events)
            default:
                afterCR = false
                line.append(byte)
            }
        }
        return events
    }

    private mutating func processLine(into events: inout [ServerSentEvent]) {
        defer { line.removeAll(keepingCapacity: true) }
        guard !line.isEmpty else {
            dispatch(into: &events)
            return
        }
        if line[0] == UInt8(ascii: ":") { return }
        let field: ArraySlice<UInt8>
        var value: ArraySlice<UInt8>
        if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            field = line[..<colon]
            value = line[(colon + 1)...]
            if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        } else {
            field = line[...]
            value = []
        }
        switch String(decoding: field, as: UTF8.self) {
        case "event":
            eventType = String(decoding: value, as: UTF8.self)
        case "data":
            data += value
            data.append(UInt8(ascii: "\n"))
        case "id":
            if !value.contains(0) { lastEventID = String(decoding: value, as: UTF8.self) }
        case "retry":
            if !value.isEmpty, value.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                let milliseconds = Int(String(decoding: value, as: UTF8.self))
            {
                retry = milliseconds
                reconnectionTime = milliseconds
            }
        default:
            break
        }
    }

    private mutating func dispatch(into events: inout [ServerSentEvent]) {
        defer {
            data.removeAll(keepingCapacity: true)
            eventType = ""
            retry = nil
        }
        guard !data.isEmpty else { return }
        data.removeLast()
        events.append(
            ServerSentEvent(
                event: eventType.isEmpty ? "message" : eventType, data: String(decoding: data, as: UTF8.self),
                id: lastEventID.isEmpty ? nil : lastEventID, retry: retry))
    }
}

/// The events of a `text/event-stream` body, parsed as the bytes arrive. Iterate it once.
public struct ServerSentEvents: AsyncSequence, Sendable {
    public typealias Element = ServerSentEvent

    let chunks: AsyncThrowingStream<Data, any Error>

    /// Events parsed from `chunks`, the body as it arrives. An error the chunks throw reaches the iterating code as
    /// an ``APIError`` (see ``AsyncIterator/next()``).
    public init(chunks: AsyncThrowingStream<Data, any Error>) {
        self.chunks = chunks
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(chunks: chunks.makeAsyncIterator())
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var chunks: AsyncThrowingStream<Data, any Error>.AsyncIterator
        var parser = ServerSentEventParser()
        var pending: [ServerSentEvent] = []
        var index = 0

        /// The next event; `nil` when the body ends. An error from the chunks (the connection failing or timing
        /// out) is thrown as ``APIError`` of kind ``APIError/Kind/connection`` or ``APIError/Kind/timeout``, as
        /// ``APIClient/send(_:)`` does; one the transport reports as a cancellation, as `CancellationError`.
        public mutating func next() async throws -> ServerSentEvent? {
            while index == pending.count {
                let chunk: Data?
                do {
                    chunk = try await chunks.next()
                } catch {
                    throw APIClient.transportError(error, timeoutReason: "the stream stopped sending data")
                }
                guard let chunk else { return nil }
                pending = parser.parse(chunk)
                index = 0
            }
            defer { index += 1 }
            return pending[index]
        }
    }
}
