import ForgeAdversarial
import ForgeRuntime
import Foundation
import Testing

/// The generated client's methods are named like keywords (`class`, `init`, `self`, `subscript`), like the client's
/// own members (`description`, `api`) and like a type (`_404`); their parameters are named like keywords, like the
/// locals the method bodies use (`request`, `api`, `cursor`, `page`) and like the returned type.
@Suite struct ClientTests {
    static let keywords = #"""
        {"class": 1, "struct": "in", "protocol": "p", "self": true, "Self": null, "Type": "Type", "init": "i",
         "default": null, "case": {}, "in": 2}
        """#

    func client(_ answer: @escaping @Sendable (TransportRequest) -> (status: Int, body: String)) -> (Client, RecordingTransport) {
        let transport = RecordingTransport(answer)
        let client = Client(baseURL: URL(string: "https://example.invalid/v1")!, retryPolicy: .none, transport: transport)
        return (client, transport)
    }

    @Test func parametersNamedLikeKeywordsAndLocals() async throws {
        let (client, transport) = client { _ in (200, Self.keywords) }
        let value = try await client.`class`(
            in: "a b/c", default: 7, _1st: "1", _1stPage: 2, self: true, request: "r", api: "k", body: "b",
            type: .u2AU2F, xRequestID: "h */", xRequestID2: "q")
        #expect(value.`class` == 1)
        let request = try #require(transport.requests.first)
        #expect(request.method == "GET")
        #expect(request.encodedPath == "/v1/class/a%20b%2Fc/7/1")
        #expect(
            request.queryItems == [
                "1st-page": "2", "self": "true", "request": "r", "api": "k", "body": "b", "Type": "*/",
                "x-request-id": "q",
            ])
        #expect(request.header("X-Request-ID") == "h */")
    }

    @Test func methodsNamedLikeKeywordsSendTheirBodiesAndConstants() async throws {
        let (client, transport) = client { request in
            switch request.method {
            case "POST": (201, #""\\(interp)""#)
            case "PUT": (200, "null")
            default: (204, "")
            }
        }
        let helpers = Helpers(container: "c", decoder: "d", encoder: "e", value: "v", hashValue: "h")
        #expect(try await client.`init`(body: helpers) == .interp)
        // The request body is named neither `body` nor `requestBody`: query parameters have those names.
        let answer = try await client.`self`(
            requestRequestBody: SelfRequest(u2AU2F: "x", self: "s"), var: "v", let: "l", requestBody: "rb", body: "b")
        #expect(answer == nil)
        try await client.type()
        let requests = transport.requests
        #expect(requests.map(\.method) == ["POST", "PUT", "DELETE"])
        #expect(requests[0].header("X-Trace") == "v1 */ \"quoted\" \\(x)")
        #expect(try decode(JSONValue.self, String(decoding: requests[0].body ?? Data(), as: UTF8.self)) == encodedJSON(helpers))
        #expect(try decode(JSONValue.self, String(decoding: requests[1].body ?? Data(), as: UTF8.self)) == ["*/": "x", "self": "s"])
        #expect(requests[1].queryItems == ["var": "v", "let": "l", "requestBody": "rb", "body": "b"])
    }

    @Test func aMethodParameterAndTypeAllNamedLikeOneAnother() async throws {
        let (client, transport) = client { _ in (200, #"["404", "1st", "x"]"#) }
        #expect(try await client._404(_404: "é", _1st: ._1st) == [._404, ._1st, .unknown("x")])
        let request = try #require(transport.requests.first)
        #expect(request.encodedPath == "/v1/digits/%C3%A9")
        #expect(request.queryItems == ["1st": "1st"])
    }

    @Test func methodsNamedLikeTheClientsMembers() async throws {
        let (client, transport) = client { request in
            request.method == "GET" ? (200, #"{"type": "1st", "404": 1}"#) : (200, #"{"value": "v"}"#)
        }
        #expect(try await client.description() == ._1st2(_1st(type: "1st", _404: 1)))
        #expect(try await client.api() == StringModel(value: "v"))
        #expect(client.description.hasPrefix("Client("))
        #expect(transport.requests.map(\.encodedPath) == ["/v1/describe", "/v1/describe"])
    }

    @Test func derivedNamesAndEmojiPathParameters() async throws {
        let (client, transport) = client { _ in (200, #"{"kind \"*/": "a b"}"#) }
        #expect(try await client.getEvents(u1F642: "🙂", café: "crème") == .aB(EventSpace()))
        let request = try #require(transport.requests.first)
        #expect(request.encodedPath == "/v1/events/%F0%9F%99%82")
        #expect(request.queryItems == ["café": "crème"])
    }

    @Test func thePagerPassesParametersNamedLikeItsOwnLocals() async throws {
        let pages = [
            #"{"object": "list", "data": [\#(Self.keywords)], "has_more": true, "last_id": "k1"}"#,
            #"{"object": "list", "data": [\#(Self.keywords), \#(Self.keywords)], "has_more": false, "last_id": null}"#,
        ]
        let (client, transport) = client { request in
            (200, request.queryItems["after"] == nil ? pages[0] : pages[1])
        }
        var count = 0
        for try await item in client.subscriptAutoPaging(`inout`: 3, let: "l", cursor: "c", page: 9, self: false) {
            #expect(item.`in` == 2)
            count += 1
        }
        #expect(count == 3)
        let queries = transport.requests.map(\.queryItems)
        #expect(queries == [
            ["inout": "3", "let": "l", "cursor": "c", "page": "9", "self": "false"],
            ["after": "k1", "inout": "3", "let": "l", "cursor": "c", "page": "9", "self": "false"],
        ])
        let page = try await client.`subscript`(after: "z", `inout`: nil, let: nil, cursor: nil, page: 1, self: nil)
        #expect(page.hasMore == false)
    }
}
