import ForgeGenerator
import Foundation
import Testing

@Suite struct WriterTests {
    let header = OutputWriter.marker + " from x. Do not edit.\n"

    func contents(_ folder: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            result[name] = try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8)
        }
        return result
    }

    func modificationDate(_ path: String) throws -> Date {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
    }

    @Test func writesOnlyChangedFilesAndRemovesStaleGeneratedOnes() throws {
        let folder = try temporaryFolder()
        let writer = OutputWriter(folder: folder)
        let first = try writer.write([
            RenderedFile(path: "A.swift", contents: header + "a"), RenderedFile(path: "B.swift", contents: header + "b"),
        ])
        #expect(first.written == ["A.swift", "B.swift"])
        try "// mine".write(toFile: "\(folder)/Hand.swift", atomically: true, encoding: .utf8)
        let untouched = try modificationDate("\(folder)/A.swift")
        Thread.sleep(forTimeInterval: 0.05)

        let second = try writer.write([
            RenderedFile(path: "A.swift", contents: header + "a"), RenderedFile(path: "C.swift", contents: header + "c"),
        ])
        #expect(second.written == ["C.swift"])
        #expect(second.unchanged == ["A.swift"])
        #expect(second.removed == ["B.swift"])
        #expect(try modificationDate("\(folder)/A.swift") == untouched)
        #expect(
            try contents(folder) == ["A.swift": header + "a", "C.swift": header + "c", "Hand.swift": "// mine"])
    }

    /// A file is compared byte for byte: one of the same size but other bytes is rewritten, as is a longer or shorter
    /// one, and an empty file is written empty.
    @Test func filesOfTheSameSizeAreComparedByContent() throws {
        let folder = try temporaryFolder()
        let writer = OutputWriter(folder: folder)
        try writer.write([
            RenderedFile(path: "A.swift", contents: header + "aaaa"), RenderedFile(path: "B.swift", contents: header + "b"),
        ])
        let summary = try writer.write([
            RenderedFile(path: "A.swift", contents: header + "aaab"),
            RenderedFile(path: "B.swift", bytes: Array((header + "bé").utf8)),
            RenderedFile(path: "E.swift", contents: ""),
        ])
        #expect(summary.written == ["A.swift", "B.swift", "E.swift"])
        #expect(try contents(folder) == ["A.swift": header + "aaab", "B.swift": header + "bé", "E.swift": ""])
        #expect(try writer.write([RenderedFile(path: "E.swift", contents: "")]).unchanged == ["E.swift"])
    }

    @Test func planWritesNothing() throws {
        let folder = try temporaryFolder()
        let plan = try OutputWriter(folder: folder).plan([RenderedFile(path: "A.swift", contents: header)])
        #expect(plan.written == ["A.swift"])
        #expect(try contents(folder).isEmpty)
    }

    /// A spec with an error must not change a single byte of the previous output.
    @Test func aFailedRunLeavesThePreviousOutputUntouched() throws {
        let folder = try temporaryFolder()
        let specPath = "\(folder)/spec.yaml"
        let output = "\(folder)/out"
        try spec(schemas: "A:\n  type: object\n  properties:\n    b: {type: string}").write(
            toFile: specPath, atomically: true, encoding: .utf8)
        let good = generate(GenerateRequest(input: specPath, output: output))
        #expect(!good.failed)
        let before = try contents(output)
        #expect(before.keys.sorted() == ["API.swift", "Types+A.swift"])

        try spec(schemas: "A:\n  type: object\n  properties:\n    b: {$ref: '#/components/schemas/Missing'}").write(
            toFile: specPath, atomically: true, encoding: .utf8)
        let bad = generate(GenerateRequest(input: specPath, output: output))
        #expect(bad.failed)
        #expect(bad.diagnostics.map(\.description).first?.hasPrefix("\(specPath):9:19: error: cannot resolve $ref") == true,
                "\(bad.diagnostics)")
        #expect(try contents(output) == before)
    }

    @Test func checkModeFailsOnStaleOutputAndWritesNothing() throws {
        let folder = try temporaryFolder()
        let specPath = "\(folder)/spec.yaml"
        try spec(schemas: "A:\n  type: string").write(toFile: specPath, atomically: true, encoding: .utf8)
        #expect(!generate(GenerateRequest(input: specPath, output: "\(folder)/out")).failed)
        #expect(!generate(GenerateRequest(input: specPath, output: "\(folder)/out", mode: .check)).failed)

        try spec(schemas: "A:\n  type: integer").write(toFile: specPath, atomically: true, encoding: .utf8)
        let stale = generate(GenerateRequest(input: specPath, output: "\(folder)/out", mode: .check))
        #expect(stale.failed)
        #expect(stale.summary?.written == ["Types+A.swift"])
        #expect(try contents("\(folder)/out")["Types+A.swift"]?.contains("typealias A = String") == true)
    }
}
