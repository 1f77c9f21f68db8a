import Foundation
import Testing

@testable import ForgeRuntime

/// Query, header and path values per OpenAPI `style`/`explode`, through the one Encodable path.
@Suite struct ParameterStyleTests {
    enum Include: String, Encodable { case logs = "step.logs", usage }
    struct Range: Encodable { var gt: Int?; var lte: Int? }

    func query<T: Encodable>(_ value: T?, style: ParameterStyle = .form(explode: true)) -> String {
        var request = APIRequest(method: "GET", path: "/x")
        request.query("p", value, style: style)
        return request.encodedQuery()
    }

    @Test func scalarsAndEnums() {
        #expect(query(5) == "p=5")
        #expect(query(true) == "p=true")
        #expect(query(1.5) == "p=1.5")
        #expect(query("a b&c=d") == "p=a%20b%26c%3Dd")
        #expect(query(Include.logs) == "p=step.logs")
        #expect(query(Int?.none) == "")
    }

    @Test func arrays() {
        #expect(query([Include.logs, .usage]) == "p=step.logs&p=usage")
        #expect(query(["a", "b"], style: .form(explode: false)) == "p=a%2Cb")
    }

    @Test func objects() {
        #expect(query(["k1": "v", "k2": "w"], style: .deepObject) == "p%5Bk1%5D=v&p%5Bk2%5D=w")
        #expect(query(Range(gt: 1, lte: 9)) == "gt=1&lte=9")
        #expect(query(Range(gt: 1, lte: nil), style: .deepObject) == "p%5Bgt%5D=1")
    }

    @Test func headersJoinArraysWithCommas() {
        var request = APIRequest(method: "GET", path: "/x")
        request.header("OpenAI-Beta", ["a=v1", "b=v2"])
        request.header("Absent", String?.none)
        #expect(request.headers.map { "\($0.name): \($0.value)" } == ["OpenAI-Beta: a=v1,b=v2"])
    }

    @Test func pathValuesAreOneEncodedSegment() throws {
        var request = APIRequest(method: "GET", path: "/items/{id}/parts/{n}")
        request.path("id", "a/b")
        request.path("n", 3)
        #expect(try request.encodedPath() == "/items/a%2Fb/parts/3")
    }
}
