import FlyingFox
import ForgeTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What the server saw of one request.
struct SeenRequest: Sendable {
    var method: String
    /// The raw, still percent-encoded request target (`/v1/chatkit/threads/a%2Fb?limit=2`).
    var target: String
    var rawPath: String
    var rawQuery: String
    var headers: [String: String]
    var body: Data

    func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// Query items decoded, in order.
    var queryItems: [String: String] {
        var items: [String: String] = [:]
        for pair in rawQuery.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            items[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return items
    }

    var jsonBody: Any? { body.isEmpty ? nil : try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }
}

/// A scripted answer: what the request must look like, and what to send back.
struct Step: Sendable {
    var method: String
    /// The exact raw path expected, after the base path.
    var path: String
    var query: [String: String] = [:]
    /// The JSON body expected (compared as JSON), or nil for no body.
    var body: String? = nil
    /// Whether the ChatKit beta header must be present (and equal to `chatkit_beta=v1`) or absent.
    var beta: Bool = true
    var status: Int = 200
    var headers: [String: String] = ["Content-Type": "application/json"]
    var response: String = "{}"
    /// Seconds to wait before answering.
    var delay: Double = 0
}

/// An HTTP server on 127.0.0.1 with a free port that answers with scripted steps in order and records every
/// difference between what the client sent and what the step expected.
actor LoopbackServer {
    static let apiKey = "sk-test-0123456789"

    private var http: LoopbackHTTPServer?
    private var steps: [Step] = []
    private(set) var seen: [SeenRequest] = []
    private(set) var mismatches: [String] = []
    private(set) var port: UInt16 = 0

    func start() async throws {
        let http = try await LoopbackHTTPServer { [weak self] request in
            guard let self else { return HTTPResponse(statusCode: .internalServerError) }
            return await self.handle(request)
        }
        self.http = http
        port = http.port
    }

    func stop() async {
        await http?.stop()
    }

    nonisolated var baseURLPath: String { "/v1" }

    func baseURL() -> URL { URL(string: "http://127.0.0.1:\(port)/v1")! }

    func script(_ steps: [Step]) {
        self.steps += steps
    }

    var remainingSteps: Int { steps.count }

    private func handle(_ request: HTTPRequest) async -> HTTPResponse {
        var headers: [String: String] = [:]
        for (key, value) in request.headers { headers[key.rawValue.lowercased()] = value }
        let body = (try? await request.bodyData) ?? Data()
        let seen = SeenRequest(
            method: request.method.rawValue, target: request.target.rawValue, rawPath: request.target.path(),
            rawQuery: request.target.query(), headers: headers, body: body)
        self.seen.append(seen)
        guard !steps.isEmpty else {
            mismatches.append("unexpected request \(seen.method) \(seen.target)")
            return HTTPResponse(statusCode: HTTPStatusCode(599, phrase: "Unscripted"))
        }
        let step = steps.removeFirst()
        check(seen, against: step)
        if step.delay > 0 { try? await Task.sleep(nanoseconds: UInt64(step.delay * 1e9)) }
        var responseHeaders = HTTPHeaders()
        for (name, value) in step.headers { responseHeaders[HTTPHeader(name)] = value }
        return HTTPResponse(
            statusCode: HTTPStatusCode(step.status, phrase: "Scripted"), headers: responseHeaders,
            body: Data(step.response.utf8))
    }

    private func check(_ request: SeenRequest, against step: Step) {
        func expect(_ condition: Bool, _ what: @autoclosure () -> String) {
            if !condition { mismatches.append("\(step.method) \(step.path): \(what())") }
        }
        expect(request.method == step.method, "method \(request.method)")
        expect(request.rawPath == baseURLPath + step.path, "path \(request.rawPath)")
        expect(request.queryItems == step.query, "query \(request.queryItems)")
        expect(request.header("Authorization") == "Bearer \(Self.apiKey)", "authorization \(request.header("Authorization") ?? "none")")
        expect(request.header("Accept") == "application/json", "accept \(request.header("Accept") ?? "none")")
        if step.beta {
            expect(request.header("OpenAI-Beta") == "chatkit_beta=v1", "OpenAI-Beta \(request.header("OpenAI-Beta") ?? "none")")
        } else {
            expect(request.header("OpenAI-Beta") == nil, "unexpected OpenAI-Beta header")
        }
        if let expected = step.body {
            expect(request.header("Content-Type") == "application/json", "content type \(request.header("Content-Type") ?? "none")")
            let want = try? JSONSerialization.jsonObject(with: Data(expected.utf8), options: [.fragmentsAllowed])
            expect(
                want.map { NSArray(object: $0) } == request.jsonBody.map { NSArray(object: $0) },
                "body \(String(decoding: request.body, as: UTF8.self))")
        } else {
            expect(request.body.isEmpty, "unexpected body \(String(decoding: request.body, as: UTF8.self))")
        }
    }
}

/// A listener that accepts TCP connections on 127.0.0.1 and closes each at once: a dropped connection.
final class DroppingListener: @unchecked Sendable {
    let port: UInt16
    private let descriptor: Int32
    private let lock = NSLock()
    private var accepted = 0
    private var thread: Thread?

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard fd >= 0, bound == 0, listen(fd, 16) == 0 else { throw CocoaError(.fileWriteUnknown) }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        descriptor = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [weak self] in
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                self?.count()
                close(client)
            }
        }
        self.thread = thread
        thread.start()
    }

    private func count() {
        lock.lock()
        accepted += 1
        lock.unlock()
    }

    var connections: Int {
        lock.lock()
        defer { lock.unlock() }
        return accepted
    }

    func stop() {
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
    }
}
