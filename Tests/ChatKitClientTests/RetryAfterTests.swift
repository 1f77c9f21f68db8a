import ForgeTestSupport
import Foundation
import Testing

@testable import ForgeRuntime

@Suite struct RetryAfterTests {
    func response(_ headers: [String: String]) -> TransportResponse {
        TransportResponse(status: 429, headers: headers, body: Data())
    }

    @Test func secondsMillisecondsAndAbsence() {
        #expect(APIClient.retryAfter(response(["Retry-After": "3"])) == 3)
        #expect(APIClient.retryAfter(response(["retry-after": " 1.5 "])) == 1.5)
        #expect(APIClient.retryAfter(response(["retry-after-ms": "250", "Retry-After": "9"])) == 0.25)
        #expect(APIClient.retryAfter(response([:])) == nil)
        #expect(APIClient.retryAfter(response(["Retry-After": "soon"])) == nil)
    }

    @Test func anHTTPDateIsTheTimeUntilThatDate() throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let inTenSeconds = formatter.string(from: Date().addingTimeInterval(10))
        let wait = try #require(APIClient.retryAfter(response(["Retry-After": inTenSeconds])))
        #expect(wait > 8 && wait <= 10)
        let past = formatter.string(from: Date().addingTimeInterval(-100))
        #expect(APIClient.retryAfter(response(["Retry-After": past])) == 0)
    }

    @Test func aRetryAfterBeyondTheCapIsNotWaitedFor() async throws {
        struct Limited: HTTPTransport {
            func send(_ request: TransportRequest) async throws -> TransportResponse {
                TransportResponse(status: 429, headers: ["Retry-After": "3600"], body: Data())
            }
        }
        let client = APIClient(
            configuration: ClientConfiguration(
                baseURL: URL(string: "http://127.0.0.1:9/v1")!, retryPolicy: RetryPolicy(maxRetryAfter: 60),
                transport: Limited()))
        let start = ContinuousClock.now
        let error = try await expectAPIError { try await client.send(APIRequest(method: "GET", path: "/x")) }
        #expect(error.isRateLimited)
        #expect(error.retryAfter == 3600)
        #expect(error.attempts == 1)
        #expect(ContinuousClock.now - start < .seconds(30), "a 3600 s Retry-After beyond the 60 s cap was waited for")
    }
}
