import ForgeGenerator
import Foundation
import Testing

/// The `openapi-forge` executable itself: exit status and output. It exits without returning from `run()` (so the
/// document and IR are never freed); these tests check that this keeps its promised exit codes and messages.
@Suite struct CommandLineTests {
    /// `openapi-forge`, built beside the test bundle (`swift build --build-tests`, as `scripts/test` runs it).
    func executable() throws -> String {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("openapi-forge").path }
        return try #require(
            candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
            "openapi-forge is not built beside the tests (looked in \(candidates)); run scripts/test")
    }

    func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable())
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test func aGoodSpecExitsZeroAndWritesTheOutput() throws {
        let folder = try temporaryFolder()
        try spec(schemas: "A:\n  type: object\n  properties:\n    b: {type: string}").write(
            toFile: "\(folder)/spec.yaml", atomically: true, encoding: .utf8)
        let result = try run(["generate", "\(folder)/spec.yaml", "--output", "\(folder)/out"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("\(folder)/out: 2 written, 0 unchanged, 0 removed in "), "\(result.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: "\(folder)/out").sorted()
        #expect(written == ["API.swift", "Types+A.swift"])

        let again = try run(["generate", "\(folder)/spec.yaml", "--output", "\(folder)/out", "--check"])
        #expect(again.status == 0, "\(again.stderr)")
    }

    /// A large input makes the tool start itself again with glibc's heap settings (see `MallocTuning`): the run must
    /// be the same, arguments with spaces included, and the settings must be in the restarted process's environment
    /// (read from /proc while it runs), for a file or a folder as input; with `glibc.malloc.hugetlb` already set, it
    /// runs as it is. The children get the test's environment without either variable the restart reads.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/environ"), "no /proc: not Linux"))
    func aLargeSpecRestartsWithHeapSettingsAndRunsTheSame() throws {
        let folder = try temporaryFolder() + "/with spaces"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let schemas = (0..<3000).map {
            "S\($0):\n  type: object\n  description: Schema number \($0), long enough to make the file large.\n"
                + "  properties:\n    a: {type: string}\n    b: {$ref: '#/components/schemas/S\(($0 + 1) % 3000)'}"
        }
        try spec(schemas: schemas.joined(separator: "\n")).write(
            toFile: "\(folder)/openapi.yaml", atomically: true, encoding: .utf8)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: "\(folder)/openapi.yaml")[.size] as? Int)
        #expect(size >= 512 * 1024)
        var environment = ProcessInfo.processInfo.environment
        environment["GLIBC_TUNABLES"] = nil
        environment["OPENAPI_FORGE_RESTARTED"] = nil

        /// Runs the tool; returns its status, what it printed, and its environment as last read while it ran.
        func run(_ arguments: [String], _ environment: [String: String]) throws -> (Int32, String, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try executable())
            process.arguments = arguments
            process.environment = environment
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            var seen = ""
            while process.isRunning, !seen.contains("OPENAPI_FORGE_RESTARTED=") {
                let path = "/proc/\(process.processIdentifier)/environ"
                seen = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), as: UTF8.self)
                usleep(2000)
            }
            let printed = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, printed, seen)
        }

        // The restart is decided before the arguments are parsed: the input may come anywhere among them.
        let output = "\(folder)/out"
        for arguments in [
            ["generate", "\(folder)/openapi.yaml", "--output", output], ["generate", folder, "--output", output],
            ["--output", output, "--quiet", "\(folder)/openapi.yaml"],
        ] {
            try? FileManager.default.removeItem(atPath: output)
            let (status, printed, seen) = try run(arguments, environment)
            #expect(status == 0, "\(printed)")
            // glibc shows only part of the value once it has read it.
            #expect(seen.contains("GLIBC_TUNABLES=glibc.malloc.hugetlb=1"), "arguments \(arguments)")
            let written = try FileManager.default.contentsOfDirectory(atPath: "\(folder)/out")
            #expect(written.contains("Types+S.swift") && written.contains("API.swift"))
        }

        environment["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=0"
        let (status, printed, seen) = try run(
            ["generate", "\(folder)/openapi.yaml", "--output", "\(folder)/out", "--check"], environment)
        #expect(status == 0, "\(printed)")
        #expect(!seen.contains("OPENAPI_FORGE_RESTARTED="))
    }

    @Test func anErrorInTheSpecExitsOneWithItsPosition() throws {
        let folder = try temporaryFolder()
        try spec(schemas: "A:\n  type: object\n  properties:\n    b: {$ref: '#/components/schemas/Missing'}").write(
            toFile: "\(folder)/spec.yaml", atomically: true, encoding: .utf8)
        let result = try run(["generate", "\(folder)/spec.yaml", "--output", "\(folder)/out"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(folder)/spec.yaml:9:19: error: cannot resolve $ref"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/out"))
    }

    @Test func staleOutputUnderCheckExitsOne() throws {
        let folder = try temporaryFolder()
        try spec(schemas: "A: {type: string}").write(toFile: "\(folder)/spec.yaml", atomically: true, encoding: .utf8)
        let result = try run(["generate", "\(folder)/spec.yaml", "--output", "\(folder)/out", "--check"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("is out of date with"), "\(result.stderr)")
    }

    @Test func aUsageErrorExitsTwo() throws {
        let result = try run(["generate", "--no-such-flag"])
        #expect(result.status == 2, "\(result.stderr)")
    }

    /// What a run no longer needs is handed to the result, not freed on the way to the output.
    @Test func theResultHoldsTheTreesAndTheDocument() throws {
        let folder = try temporaryFolder()
        try spec(schemas: "A: {type: string}").write(toFile: "\(folder)/spec.yaml", atomically: true, encoding: .utf8)
        let result = generate(GenerateRequest(input: "\(folder)/spec.yaml", output: "\(folder)/out"))
        #expect(!result.failed)
        // The YAML trees, the loaded document and the filtered one.
        #expect(result.retained?.count == 3)
    }
}
