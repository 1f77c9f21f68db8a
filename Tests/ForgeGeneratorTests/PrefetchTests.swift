@testable import ForgeGenerator
import Foundation
import Testing

/// The command-line tool starts parsing a large spec before it has parsed its arguments (``SpecPrefetch``). A run
/// that takes the prefetched tree must write and report exactly what a run without it does, and a prefetch of another
/// file must be ignored.
@Suite struct PrefetchTests {
    /// Generates `text` written as `spec.yaml` into two folders, without and with a prefetch of `prefetchPath` (the
    /// spec itself when `nil`); returns both results, the folders' files, and whether the prefetch was taken.
    func compare(_ text: String, prefetching prefetchPath: String? = nil) throws
        -> (plain: GenerateResult, prefetched: GenerateResult, same: Bool, taken: Bool)
    {
        let folder = try temporaryFolder()
        let specPath = "\(folder)/spec.yaml"
        try text.write(toFile: specPath, atomically: true, encoding: .utf8)
        let plain = generate(GenerateRequest(input: specPath, output: "\(folder)/plain"))
        let prefetch = SpecPrefetch(path: prefetchPath ?? SpecPath.normalize(specPath)!)
        let prefetched = generate(GenerateRequest(input: specPath, output: "\(folder)/prefetched"), prefetch: prefetch)
        let files = { (name: String) -> [String: Data] in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/\(name)")) ?? []
            return Dictionary(uniqueKeysWithValues: names.map { ($0, FileManager.default.contents(atPath: "\(folder)/\(name)/\($0)")!) })
        }
        // A prefetch hands its tree over once: taken by the run, there is nothing left to take.
        let taken = prefetch.parsed(prefetch.path, limits: .default) == nil
        return (plain, prefetched, files("plain") == files("prefetched"), taken)
    }

    @Test func aRunTakingThePrefetchedTreeWritesAndReportsTheSame() throws {
        let text = spec(schemas: """
            A:
              type: object
              properties:
                b: {type: [string, integer]}
                c: {$ref: '#/components/schemas/B'}
            B:
              type: string
              enum: [x, 'y', '1024x1024']
            """)
        let result = try compare(text)
        #expect(result.taken)
        #expect(result.same)
        #expect(!result.plain.failed && !result.prefetched.failed)
        #expect(result.prefetched.diagnostics.map(\.description) == result.plain.diagnostics.map(\.description))
        #expect(!result.plain.diagnostics.isEmpty, "the spec should draw a warning, to compare them")
    }

    @Test func aSyntaxErrorIsReportedTheSame() throws {
        let result = try compare(spec(schemas: "A:\n  type: [object\n"))
        #expect(result.taken)
        #expect(result.plain.failed && result.prefetched.failed)
        #expect(result.prefetched.diagnostics.map(\.description) == result.plain.diagnostics.map(\.description))
        #expect(result.plain.diagnostics.first?.description.contains("/spec.yaml:") == true)
    }

    @Test func aPrefetchOfAnotherFileIsIgnored() throws {
        let other = try temporaryFolder() + "/other.yaml"
        try "openapi: 3.1.0\n".write(toFile: other, atomically: true, encoding: .utf8)
        let result = try compare(spec(schemas: "A: {type: string}"), prefetching: other)
        #expect(!result.taken)
        #expect(result.same)
        #expect(result.prefetched.diagnostics.map(\.description) == result.plain.diagnostics.map(\.description))
    }

    @Test func aPrefetchOfAFileThatCannotBeReadLeavesTheErrorToTheLoader() throws {
        let folder = try temporaryFolder()
        let request = GenerateRequest(input: "\(folder)/missing.yaml", output: "\(folder)/out")
        let result = generate(request, prefetch: SpecPrefetch(path: "\(folder)/missing.yaml"))
        #expect(result.diagnostics.map(\.description) == generate(request).diagnostics.map(\.description))
        #expect(result.diagnostics.first?.description.contains("cannot read") == true)
    }
}
