@testable import ForgeDocument
import Foundation
import Testing

/// The paths and long runs of queued schemas are built by two loaders on two threads, which take them in units; the
/// document and the diagnostics must be exactly those of building everything on one thread.
@Suite struct ParallelLoadTests {
    /// What a load in parallel did, beside its diagnostics: batches tried in parallel, and built (not given up).
    struct Outcome {
        var diagnostics: [String]
        var tried: Int
        var built: Int
        var pathsInParallel: Bool
    }

    /// Loads `files` both ways; expects the same document and diagnostics. The parallel load runs on any machine,
    /// one core too.
    @discardableResult
    func expectSameBothWays(
        _ files: [String: String], root: String = "spec/openapi.yaml",
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Outcome {
        let reader = InMemorySpecFiles(files)
        return try expectSameBothWays(root: root, reader: reader, sourceLocation: sourceLocation)
    }

    func expectSameBothWays(
        root: String, reader: any SpecFileReader, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Outcome {
        let parallelDiagnostics = DiagnosticCollector()
        let sequentialDiagnostics = DiagnosticCollector()
        let (parallel, tried, built, pathsInParallel) = DocumentLoader.loadCountingBatches(
            root: root, reader: reader, diagnostics: parallelDiagnostics, parallel: true)
        let (sequential, triedOneByOne, _, _) = DocumentLoader.loadCountingBatches(
            root: root, reader: reader, diagnostics: sequentialDiagnostics, parallel: false)
        #expect(triedOneByOne == 0, sourceLocation: sourceLocation)
        let diagnostics = sequentialDiagnostics.diagnostics.map(\.description)
        #expect(parallelDiagnostics.diagnostics.map(\.description) == diagnostics, sourceLocation: sourceLocation)
        #expect((parallel == nil) == (sequential == nil), sourceLocation: sourceLocation)
        if let parallel, let sequential {
            #expect(parallel.schemas == sequential.schemas, sourceLocation: sourceLocation)
            #expect(try fingerprint(parallel) == fingerprint(sequential), sourceLocation: sourceLocation)
        }
        return Outcome(diagnostics: diagnostics, tried: tried, built: built, pathsInParallel: pathsInParallel)
    }

    /// Everything but the schema table (a dictionary, compared as one), as sorted JSON.
    func fingerprint(_ document: Document) throws -> String {
        var document = document
        document.schemas = [:]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    /// `count` component schemas of every kind the loader reads, with errors and with `$ref`s to schemas that are
    /// not components (queued while the others are built), then `extra`.
    func manySchemas(_ count: Int, extra: String = "") -> String {
        var text = header + "paths: {}\ncomponents:\n  schemas:\n"
        for index in 0..<count {
            text += "    S\(index):\n"
            switch index % 6 {
            case 0:
                text += "      $ref: '#/components/schemas/S\((index + 1) % count)'\n      description: d\(index)\n"
            case 1:
                text += "      type: strin\n"  // an error
            case 2:
                text += """
                          type: object
                          required: [a]
                          properties:
                            a: {anyOf: [{type: string}, {type: 'null'}]}
                            b: {type: array, items: {type: object, properties: {c: {type: integer, minimum: 1}}}}
                            d: {$ref: '#/components/schemas/S\((index * 7) % count)/properties/a'}

                    """
            case 3:
                text += "      $ref: '#/components/schemas/Missing\(index)'\n"  // an error with notes
            case 4:
                text += """
                          oneOf: [{$ref: '#/components/schemas/S0'}, {type: string, enum: [x, 'y', 3]}]
                          discriminator: {propertyName: kind}

                    """
            default:
                text += "      type: object\n      additionalProperties: {type: string, format: date-time}\n"
            }
        }
        return text + extra
    }

    @Test func manySchemasWithErrorsAndFollowUps() throws {
        let outcome = try expectSameBothWays(["spec/openapi.yaml": manySchemas(300)])
        // The comparison means something: the batch was built in parallel, with errors from every unit (50 unknown
        // types and 50 missing targets), in source order.
        #expect(outcome.tried == 1 && outcome.built == 1)
        #expect(outcome.diagnostics.count == 100)
        #expect(outcome.diagnostics.first?.hasPrefix("spec/openapi.yaml:10:13: error: unknown schema type 'strin'") == true)
        #expect(outcome.diagnostics.last?.hasPrefix("spec/openapi.yaml:999:13: error: cannot resolve $ref") == true)
    }

    @Test func aReferenceToAnotherFileIsLoadedAsWhenBuiltOneByOne() throws {
        let extra = """
                Far:
                  properties:
                    x: {$ref: 'other.yaml#/Thing'}
                    y: {$ref: 'absent.yaml#/Thing'}

            """
        let files = [
            "spec/openapi.yaml": manySchemas(200, extra: extra),
            "spec/other.yaml": "Thing: {type: strin}\n",
        ]
        let outcome = try expectSameBothWays(files)
        // The loader that reaches `Far` gives up; everything is then built one by one.
        #expect(outcome.tried == 1 && outcome.built == 0)
        #expect(outcome.diagnostics.contains { $0.hasPrefix("spec/other.yaml:1:15: error: unknown schema type 'strin'") })
        #expect(outcome.diagnostics.contains { $0.contains("cannot read 'spec/absent.yaml'") })
    }

    @Test func theDepthLimitIsReportedOnceFromAnyUnit() throws {
        func deep(_ name: String) -> String {
            var text = "    \(name):\n"
            var indent = "      "
            for _ in 0..<70 {
                text += "\(indent)items:\n"
                indent += "  "
            }
            return text + "\(indent)type: string\n"
        }
        let outcome = try expectSameBothWays([
            "spec/openapi.yaml": manySchemas(150, extra: deep("DeepA")) + deep("DeepB")
        ])
        #expect(outcome.tried == 1 && outcome.built == 0)
        #expect(outcome.diagnostics.filter { $0.contains("nested deeper than") }.count == 1)
    }

    /// After a batch gives up (here at its last schema, which names another file), the rest is built one by one:
    /// retrying in parallel after every schema would redo half the batch each time.
    @Test func aBatchThatGivesUpIsNotRetriedAtEveryStep() throws {
        var text = header + "paths: {}\ncomponents:\n  schemas:\n"
        for index in 0..<4000 {
            text += "    S\(index): {type: object, properties: {a: {type: string}, b: {$ref: '#/components/schemas/S\(index + 1)'}}}\n"
        }
        text += "    S4000: {properties: {x: {$ref: 'other.yaml#/Thing'}}}\n"
        let outcome = try expectSameBothWays(["spec/openapi.yaml": text, "spec/other.yaml": "Thing: {type: string}\n"])
        #expect(outcome.tried == 1 && outcome.built == 0)
        #expect(outcome.diagnostics.isEmpty)
    }

    /// `count` path items, each with errors, inline schemas and `$ref`s to components (and to a schema that is not
    /// one, queued by the paths), for ``manySchemas(_:extra:)`` in place of `paths: {}`.
    func manyPaths(_ count: Int, extra: String = "") -> String {
        var text = "paths:\n"
        for index in 0..<count {
            text += """
                  /p\(index)/{id}:
                    parameters: [{name: id, in: path, schema: {type: strin}}]
                    get:
                      operationId: get\(index)
                      unknownKey: \(index)
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/S\((index * 5) % 300)/properties/b'}
                        '2O0': {description: bad status}
                    post:
                      requestBody:
                        content:
                          application/json:
                            schema:
                              type: object
                              properties:
                                a: {$ref: '#/components/schemas/Missing\(index)'}
                                b: {type: array, items: {$ref: '#/components/schemas/S\(index)'}}
                      responses: {'204': {description: none}}

                """
        }
        return text + extra
    }

    /// The paths are one more unit of the parallel build: built while the schemas are, their diagnostics first.
    @Test func thePathsAreBuiltWithTheSchemas() throws {
        let text = manySchemas(300).replacingOccurrences(of: "paths: {}\n", with: manyPaths(40))
        let outcome = try expectSameBothWays(["spec/openapi.yaml": text])
        #expect(outcome.tried == 1 && outcome.built == 1 && outcome.pathsInParallel)
        // Per path item an unknown type, an unknown key, a bad status, a missing target and for some a `$ref` into
        // a schema without properties; then the schemas' 100. The paths' come first.
        #expect(outcome.diagnostics.count == 294)
        #expect(outcome.diagnostics.first?.hasPrefix("spec/openapi.yaml:5:54: error: unknown schema type 'strin'") == true)
        #expect(outcome.diagnostics[193].hasPrefix("spec/openapi.yaml:881:27: error: cannot resolve $ref '#/components/schemas/Missing39'"))
        #expect(outcome.diagnostics[194].hasPrefix("spec/openapi.yaml:890:13: error: unknown schema type 'strin'"))
        #expect(outcome.diagnostics.last?.hasPrefix("spec/openapi.yaml:1879:13: error: cannot resolve $ref '#/components/schemas/Missing297'") == true)
    }

    /// Paths that name another file are built one by one (only the caller loads files); the schemas are then still
    /// built in parallel.
    @Test func pathsThatNameAnotherFileAreBuiltOneByOne() throws {
        let paths = manyPaths(10, extra: "  /far:\n    $ref: 'paths.yaml#/Far'\n")
        let files = [
            "spec/openapi.yaml": manySchemas(300).replacingOccurrences(of: "paths: {}\n", with: paths),
            "spec/paths.yaml": "Far: {get: {responses: {'200': {description: ok}}, tags: [[x]]}}\n",
        ]
        let outcome = try expectSameBothWays(files)
        #expect(outcome.tried == 2 && outcome.built == 1 && !outcome.pathsInParallel)
        #expect(outcome.diagnostics.contains { $0.hasPrefix("spec/paths.yaml:1:59: error: a tag must be a string") })
    }

    /// The depth limit is reported once, at its first place, when the paths reach it.
    @Test func theDepthLimitInThePathsIsReportedOnce() throws {
        var deep = "  /deep:\n    get:\n      responses:\n        '200':\n          description: ok\n"
        deep += "          content:\n            application/json:\n              schema:\n"
        var indent = "                "
        for _ in 0..<70 {
            deep += "\(indent)items:\n"
            indent += "  "
        }
        deep += "\(indent)type: string\n"
        let text = manySchemas(200).replacingOccurrences(of: "paths: {}\n", with: manyPaths(5, extra: deep))
        let outcome = try expectSameBothWays(["spec/openapi.yaml": text])
        // Reported in the paths, where building them one by one reports it: everything is then built one by one.
        #expect(outcome.tried == 1 && outcome.built == 0)
        #expect(outcome.diagnostics.filter { $0.contains("nested deeper than") }.count == 1)
    }

    static let corpus = "../shared/corpus/openai-openapi.yaml"

    @Test(.enabled(
        if: FileManager.default.fileExists(atPath: PackageFiles().root + "/" + corpus),
        "../shared/corpus/openai-openapi.yaml is ABSENT: the OpenAI spec is NOT loaded both ways"))
    func theOpenAISpec() throws {
        let outcome = try expectSameBothWays(root: Self.corpus, reader: PackageFiles())
        #expect(outcome.built >= 1 && outcome.pathsInParallel)
        #expect(outcome.diagnostics.isEmpty)
    }
}
