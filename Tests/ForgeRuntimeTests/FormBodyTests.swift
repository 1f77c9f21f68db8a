import Foundation
import Testing

@testable import ForgeRuntime

@Suite struct FormBodyTests {
    struct Item: Encodable {
        var price: String
        var quantity: Int
    }

    /// Properties in an order that is not alphabetical, to show the encoding order is kept.
    struct CheckoutSession: Encodable {
        var mode: String
        var successURL: String
        var quantity: Int
        var amount: Double
        var livemode: Bool
        var coupon: String?
        var expand: [String]
        var metadata: [String: JSONValue]
        var lineItems: [Item]
        var symbols: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyCodingKey.self)
            try container.encode(mode, forKey: "mode")
            try container.encode(successURL, forKey: "success_url")
            try container.encode(quantity, forKey: "quantity")
            try container.encode(amount, forKey: "amount")
            try container.encode(livemode, forKey: "livemode")
            try container.encodeIfPresent(coupon, forKey: "coupon")
            try container.encode(expand, forKey: "expand")
            try container.encode(metadata, forKey: "metadata")
            try container.encode(lineItems, forKey: "line_items")
            try container.encode(symbols, forKey: "symbols")
        }
    }

    let session = CheckoutSession(
        mode: "pay ment", successURL: "https://example.com/ok?a=1&b=2", quantity: 2, amount: 10.5, livemode: false,
        coupon: nil, expand: ["customer", "line items"],
        metadata: ["order_id": "6735", "tags": ["x", "y"], "ref": ["k": 1]],
        lineItems: [Item(price: "price_1", quantity: 1), Item(price: "price_2", quantity: 3)],
        symbols: "*-._~!'()é 😀\n+%&=")

    @Test func theBodyIsExact() throws {
        var request = APIRequest(method: "POST", path: "/v1/checkout/sessions")
        try request.formBody(session)
        #expect(request.contentType == "application/x-www-form-urlencoded")
        let expected = [
            "mode=pay+ment",
            "success_url=https%3A%2F%2Fexample.com%2Fok%3Fa%3D1%26b%3D2",
            "quantity=2",
            "amount=10.5",
            "livemode=false",
            "expand=customer",
            "expand=line+items",
            "metadata%5Border_id%5D=6735",
            "metadata%5Bref%5D%5Bk%5D=1",
            "metadata%5Btags%5D%5B%5D=x",
            "metadata%5Btags%5D%5B%5D=y",
            "line_items%5B0%5D%5Bprice%5D=price_1",
            "line_items%5B0%5D%5Bquantity%5D=1",
            "line_items%5B1%5D%5Bprice%5D=price_2",
            "line_items%5B1%5D%5Bquantity%5D=3",
            "symbols=*-._%7E%21%27%28%29%C3%A9+%F0%9F%98%80%0A%2B%25%26%3D",
        ].joined(separator: "&")
        #expect(String(decoding: try #require(request.body), as: UTF8.self) == expected)
    }

    /// Decodes the body the way a server does (`+` is a space, then percent-decoding) and gets the values back.
    @Test func aServerDecodesTheOriginalValues() throws {
        var request = APIRequest(method: "POST", path: "/x")
        try request.formBody(session)
        let pairs = String(decoding: try #require(request.body), as: UTF8.self).split(separator: "&").map { pair in
            pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "<invalid>"
            }
        }
        #expect(pairs.first { $0[0] == "symbols" }?[1] == session.symbols)
        #expect(pairs.first { $0[0] == "success_url" }?[1] == session.successURL)
        #expect(pairs.filter { $0[0] == "expand" }.map { $0[1] } == ["customer", "line items"])
        #expect(pairs.first { $0[0] == "line_items[1][quantity]" }?[1] == "3")
        #expect(!pairs.contains { $0[0] == "coupon" })
    }

    @Test func onlyTheWHATWGSafeSetStaysUnencoded() {
        var unencoded = ""
        for byte in UInt8(0)...UInt8(127) {
            let text = String(Unicode.Scalar(byte))
            if APIRequest.formEncode(text) == text { unencoded += text }
        }
        #expect(unencoded == "*-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")
        #expect(APIRequest.formEncode(" ") == "+")
        #expect(APIRequest.formEncode("\u{0}\u{7F}") == "%00%7F")
    }

    @Test func aBodyThatIsNotAnObjectThrows() {
        var request = APIRequest(method: "POST", path: "/x")
        #expect(throws: EncodingError.self) { try request.formBody([1, 2]) }
        #expect(request.body == nil)
    }
}
