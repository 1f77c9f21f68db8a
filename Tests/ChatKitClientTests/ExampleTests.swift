import Foundation
import Testing

/// The `chatkit-threads` example, run as a process against the loopback server.
@Suite(.timeLimit(.minutes(1))) struct ExampleTests {
    /// The example binary, built next to this test bundle.
    func exampleBinary() throws -> URL {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [products, products.deletingLastPathComponent()].map { $0.appendingPathComponent("chatkit-threads") }
        return try #require(
            candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
            "chatkit-threads is not built next to the tests (looked in \(products.path))")
    }

    func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try exampleBinary()
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        // Blocking reads and waits run on a GCD thread: the cooperative pool (2 threads here) must stay free for the
        // in-process server the example talks to.
        let data = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: data)
            }
        }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func listsThreadsAcrossPagesAsATable() async throws {
        let server = LoopbackServer()
        try await server.start()
        await server.script([
            Step(method: "GET", path: "/chatkit/threads", query: ["limit": "50"], response: threadPage(["t1"], hasMore: true)),
            Step(method: "GET", path: "/chatkit/threads", query: ["limit": "50", "after": "t1"],
                 response: threadPage(["t2"], hasMore: false)),
        ])
        let result = try await run([
            "list", "--base-url", await server.baseURL().absoluteString, "--api-key", LoopbackServer.apiKey,
        ])
        await server.stop()
        #expect(result.status == 0, "\(result.output)")
        #expect(
            result.output == """
                ID  TITLE  STATUS  USER  CREATED
                --  -----  ------  ----  --------------------
                t1  —      locked  u     1970-01-01T00:00:01Z
                t2  —      locked  u     1970-01-01T00:00:01Z

                """)
        #expect(await server.mismatches == [])
    }

    @Test func anAPIErrorIsReportedNotCrashed() async throws {
        let server = LoopbackServer()
        try await server.start()
        await server.script([
            Step(method: "GET", path: "/chatkit/threads/nope/items", query: ["order": "asc"], status: 404,
                 response: openAIErrorJSON)
        ])
        let result = try await run([
            "items", "nope", "--base-url", await server.baseURL().absoluteString, "--api-key", LoopbackServer.apiKey,
        ])
        await server.stop()
        #expect(result.status != 0)
        #expect(result.output.contains("HTTP 404: No thread found with id 'cthr_x'."))
        #expect(!result.output.contains(LoopbackServer.apiKey))
    }
}
