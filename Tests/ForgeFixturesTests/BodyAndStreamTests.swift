import ForgeFixtures
import ForgeRuntime
import Foundation
import Testing

/// A transport that records each request and answers from a script; `stream` uses the protocol's default (the whole
/// body as one chunk), which is what a custom transport without streaming gets.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [TransportResponse]
    private(set) var requests: [TransportRequest] = []

    init(_ answers: [TransportResponse]) { self.answers = answers }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        lock.withLock {
            requests.append(request)
            return answers.removeFirst()
        }
    }
}

func jsonAnswer(_ text: String, contentType: String = "application/json") -> TransportResponse {
    TransportResponse(status: 200, headers: ["Content-Type": contentType], body: Data(text.utf8))
}

/// Splits a multipart/form-data body into (headers, content) parts; independent of the runtime's encoder.
func multipartParts(_ body: Data, contentType: String) throws -> [(headers: String, content: Data)] {
    let boundary = try #require(contentType.components(separatedBy: "boundary=").last)
    let delimiter = Data("--\(boundary)".utf8)
    var parts: [(String, Data)] = []
    var rest = body[...]
    guard let first = rest.range(of: delimiter) else { return [] }
    rest = rest[first.upperBound...]
    while rest.starts(with: Data("\r\n".utf8)) {
        rest = rest.dropFirst(2)
        let headerEnd = try #require(rest.range(of: Data("\r\n\r\n".utf8)))
        let headers = String(decoding: rest[..<headerEnd.lowerBound], as: UTF8.self)
        rest = rest[headerEnd.upperBound...]
        let next = try #require(rest.range(of: Data("\r\n".utf8) + delimiter))
        parts.append((headers, Data(rest[..<next.lowerBound])))
        rest = rest[next.upperBound...]
    }
    #expect(rest.starts(with: Data("--".utf8)), "the body must end with the closing delimiter")
    return parts
}

@Suite struct RequestBodyTests {
    @Test func multipartBodiesSendAFilePartAndAPartPerProperty() async throws {
        let transport = RecordingTransport([jsonAnswer(#"{"id": "u1", "bytes": 3}"#)])
        let client = Client(apiKey: "k", transport: transport)
        let upload = try await client.createUpload(
            body: UploadRequest(
                file: FileUpload(data: Data([0, 1, 2]), filename: "a \"b\".wav", contentType: "audio/wav"),
                purpose: .batch, tags: ["x", "y z"], expiresAfter: UploadRequest.ExpiresAfter(seconds: 60)))
        // `secret` is write-only and `id` read-only: each may be absent in one direction, so both are optional.
        #expect(upload == Upload(id: "u1", bytes: 3))
        #expect(upload.secret == nil)
        #expect(try encoded(Upload(bytes: 1, secret: "s")) == ["bytes": 1, "secret": "s"])
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://fixtures.example/v1/uploads")
        let contentType = try #require(request.header("Content-Type"))
        #expect(contentType.hasPrefix("multipart/form-data; boundary="))
        let parts = try multipartParts(try #require(request.body), contentType: contentType)
        #expect(parts.count == 5)  // file, purpose, two tags, expires_after; `note` is nil: no part
        #expect(parts[0].headers.contains(#"Content-Disposition: form-data; name="file"; filename="a %22b%22.wav""#))
        #expect(parts[0].headers.contains("Content-Type: audio/wav"))
        #expect(parts[0].content == Data([0, 1, 2]))
        #expect(parts[1].headers.contains(#"name="purpose""#))
        #expect(String(decoding: parts[1].content, as: UTF8.self) == "batch")
        #expect(parts[2].headers.contains(#"name="tags""#) && parts[3].headers.contains(#"name="tags""#))
        #expect(parts.map { String(decoding: $0.content, as: UTF8.self) }[2...3] == ["x", "y z"])
        #expect(parts[4].headers.contains(#"name="expires_after""#))
        #expect(parts[4].headers.contains("Content-Type: application/json"))
        #expect(try JSONDecoder().decode(JSONValue.self, from: parts[4].content) == ["seconds": 60])
    }

    @Test func formBodiesAreURLEncodedPairs() async throws {
        let transport = RecordingTransport([jsonAnswer(#"{"token": "t"}"#)])
        let client = Client(apiKey: "k", transport: transport)
        let token = try await client.createToken(
            body: CreateTokenRequest(
                grantType: "client credentials", scope: ["read", "write&more"],
                client: CreateTokenRequest.Client(id: "é")))
        #expect(token.token == "t")
        let request = try #require(transport.requests.first)
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        let body = String(decoding: try #require(request.body), as: UTF8.self)
        #expect(body == "grant_type=client+credentials&scope=read&scope=write%26more&client%5Bid%5D=%C3%A9")
    }
}

@Suite struct EventStreamTests {
    @Test func theStreamingMethodSetsStreamAndDecodesEachEvent() async throws {
        let events = "data: {\"text\": \"Hel\"}\n\n: keep-alive\n\ndata: {\"text\": \"lo\"}\n\ndata: [DONE]\n\n"
        let transport = RecordingTransport([jsonAnswer(events, contentType: "text/event-stream")])
        let client = Client(apiKey: "k", transport: transport)
        var texts: [String] = []
        for try await chunk in try await client.createCompletionStream(body: CompletionRequest(prompt: "p")) {
            texts.append(chunk.text)
        }
        #expect(texts == ["Hel", "lo"])
        let request = try #require(transport.requests.first)
        #expect(request.header("Accept") == "text/event-stream")
        let body = try JSONDecoder().decode(JSONValue.self, from: try #require(request.body))
        #expect(body == ["prompt": "p", "stream": true])
    }

    @Test func theNonStreamingMethodSendsTheBodyUnchanged() async throws {
        let transport = RecordingTransport([jsonAnswer(#"{"text": "whole"}"#)])
        let client = Client(apiKey: "k", transport: transport)
        let chunk = try await client.createCompletion(body: CompletionRequest(prompt: "p"))
        #expect(chunk.text == "whole")
        let body = try JSONDecoder().decode(JSONValue.self, from: try #require(transport.requests.first?.body))
        #expect(body == ["prompt": "p"])
    }

    @Test func anUndecodableEventThrowsWhileIterating() async throws {
        let transport = RecordingTransport([jsonAnswer("data: {\"text\": 1}\n\n", contentType: "text/event-stream")])
        let client = Client(apiKey: "k", transport: transport)
        let stream = try await client.getSpeechStream()
        await #expect(throws: APIError.self) {
            for try await _ in stream {}
        }
    }

    @Test func binaryResponsesAreReturnedAsData() async throws {
        let transport = RecordingTransport([
            TransportResponse(status: 200, headers: ["Content-Type": "application/octet-stream"], body: Data([9, 8]))
        ])
        let client = Client(apiKey: "k", transport: transport)
        #expect(try await client.getSpeech() == Data([9, 8]))
    }
}
