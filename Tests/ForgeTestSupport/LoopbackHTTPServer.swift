import FlyingFox
import ForgeRuntime
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A FlyingFox HTTP server on 127.0.0.1 with a free port; every request goes to `handler`. The scripted servers of
/// the client and runtime tests are built on it.
public final class LoopbackHTTPServer: Sendable {
    private let server: HTTPServer
    private let task: Task<Void, any Error>
    public let port: UInt16

    public init(_ handler: @escaping @Sendable (HTTPRequest) async -> HTTPResponse) async throws {
        let server = HTTPServer(
            address: try sockaddr_in.inet(ip4: "127.0.0.1", port: 0), timeout: 30, logger: .disabled)
        await server.appendRoute("*") { request in await handler(request) }
        let task = Task { try await server.run() }
        // Generous: the tests share one process and two cores with the full-spec tests, which can hold both of the
        // cooperative pool's threads for seconds (FlyingFox's default, 5 s, once ran out in a busy run).
        try await server.waitUntilListening(timeout: 60)
        guard case .ip4(_, let port)? = await server.listeningAddress else {
            await server.stop(timeout: 0)
            task.cancel()
            throw CocoaError(.featureUnsupported)
        }
        self.server = server
        self.task = task
        self.port = port
    }

    public func stop() async {
        await server.stop(timeout: 0)
        task.cancel()
    }
}

/// Thrown by ``expectAPIError(_:sourceLocation:)`` when the operation succeeded.
public struct UnexpectedSuccess: Error, CustomStringConvertible {
    public var description: String
}

/// Runs `operation`, expecting an ``APIError``, and returns it. Any other outcome fails the calling test: a success
/// is recorded as an issue at the caller's line and thrown as ``UnexpectedSuccess``; another error is rethrown.
public func expectAPIError<T>(
    _ operation: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation
) async throws -> APIError {
    let value: T
    do {
        value = try await operation()
    } catch let error as APIError {
        return error
    }
    let success = UnexpectedSuccess(description: "expected an APIError, got \(value)")
    Issue.record(Comment(rawValue: success.description), sourceLocation: sourceLocation)
    throw success
}
