import ForgeDocument
import Testing

@Suite struct LoaderErrorTests {
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var files: [String: String]
        /// The whole diagnostic as printed: `file:line:column: error: message`, then one line per note.
        var expected: String
        var testDescription: String { name }
    }

    static func schemaRefRoot(_ reference: String) -> String {
        header + """
            paths: {}
            components:
              schemas:
                A:
                  $ref: '\(reference)'
            """
    }

    @Test(arguments: [
        ErrorCase(
            name: "missing target pointer",
            files: ["spec/openapi.yaml": schemaRefRoot("#/components/schemas/Missing")],
            expected: """
                spec/openapi.yaml:7:13: error: cannot resolve $ref '#/components/schemas/Missing': 'Missing' not found in spec/openapi.yaml#/components/schemas
                spec/openapi.yaml:6:5: note: looked in here
                """),
        ErrorCase(
            name: "missing target pointer in another file",
            files: [
                "spec/openapi.yaml": schemaRefRoot("schemas/a.yaml#/components/schemaz/A"),
                "spec/schemas/a.yaml": "components:\n  schemas:\n    A: {type: string}\n",
            ],
            expected: """
                spec/openapi.yaml:7:13: error: cannot resolve $ref 'schemas/a.yaml#/components/schemaz/A': 'schemaz' not found in spec/schemas/a.yaml#/components
                spec/schemas/a.yaml:2:3: note: looked in here
                """),
        ErrorCase(
            name: "missing file",
            files: ["spec/openapi.yaml": schemaRefRoot("schemas/nope.yaml#/X")],
            expected: "spec/openapi.yaml:7:13: error: cannot read 'spec/schemas/nope.yaml' named by this $ref: no such file"),
        ErrorCase(
            name: "reference escaping the folder",
            files: ["spec/openapi.yaml": schemaRefRoot("../../etc/passwd")],
            expected: "spec/openapi.yaml:7:13: error: $ref '../../etc/passwd' points outside the spec's folder 'spec'; it is refused"),
        ErrorCase(
            name: "reference escaping the folder from a subfolder",
            files: [
                "spec/openapi.yaml": schemaRefRoot("schemas/a.yaml#/components/schemas/A"),
                "spec/schemas/a.yaml": "components:\n  schemas:\n    A:\n      $ref: '../../secret.yaml#/B'\n",
                "secret.yaml": "B: {type: string}\n",
            ],
            expected: """
                spec/schemas/a.yaml:4:13: error: $ref '../../secret.yaml#/B' points outside the spec's folder 'spec'; it is refused
                spec/openapi.yaml:7:13: note: referenced from here
                """),
        ErrorCase(
            name: "absolute path",
            files: ["spec/openapi.yaml": schemaRefRoot("/etc/passwd")],
            expected: "spec/openapi.yaml:7:13: error: $ref '/etc/passwd' points outside the spec's folder 'spec'; it is refused"),
        ErrorCase(
            name: "remote reference",
            files: ["spec/openapi.yaml": schemaRefRoot("https://example.com/s.yaml#/A")],
            expected: "spec/openapi.yaml:7:13: error: remote reference 'https://example.com/s.yaml#/A' is not supported; download it next to the spec"),
        ErrorCase(
            name: "invalid pointer",
            files: ["spec/openapi.yaml": schemaRefRoot("#components")],
            expected: "spec/openapi.yaml:7:13: error: $ref '#components' has an invalid JSON pointer '#components'"),
        ErrorCase(
            name: "schema reference cycle",
            files: [
                "spec/openapi.yaml": header + """
                    paths: {}
                    components:
                      schemas:
                        A:
                          $ref: '#/components/schemas/B'
                        B:
                          description: loops back
                          $ref: '#/components/schemas/A'
                    """
            ],
            expected: "spec/openapi.yaml:7:13: error: $ref cycle with no schema in it: spec/openapi.yaml#/components/schemas/A → spec/openapi.yaml#/components/schemas/B → spec/openapi.yaml#/components/schemas/A"),
        ErrorCase(
            name: "schema referring to itself",
            files: ["spec/openapi.yaml": header + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/A'}\n"],
            expected: "spec/openapi.yaml:6:15: error: $ref cycle with no schema in it: spec/openapi.yaml#/components/schemas/A → spec/openapi.yaml#/components/schemas/A"),
        ErrorCase(
            name: "parameter reference cycle",
            files: [
                "spec/openapi.yaml": header + """
                    paths:
                      /x:
                        get:
                          parameters:
                            - $ref: '#/components/parameters/P'
                          responses: {'200': {description: ok}}
                    components:
                      parameters:
                        P:
                          $ref: '#/components/parameters/Q'
                        Q:
                          $ref: '#/components/parameters/P'
                    """
            ],
            expected: """
                spec/openapi.yaml:12:13: error: $ref cycle with no parameter in it: spec/openapi.yaml#/components/parameters/P → spec/openapi.yaml#/components/parameters/Q → spec/openapi.yaml#/components/parameters/P
                spec/openapi.yaml:7:17: note: referenced from here
                """),
        ErrorCase(
            name: "YAML syntax error in a referenced file",
            files: [
                "spec/openapi.yaml": header + "paths:\n  /x:\n    $ref: 'paths/x.yaml'\n",
                "spec/paths/x.yaml": "get:\n  operationId: \"unterminated\n  responses: {}\n",
            ],
            expected: """
                spec/paths/x.yaml:2:16: error: unclosed double quote; the string runs to the end of the file
                spec/openapi.yaml:5:11: note: referenced from here
                """),
        ErrorCase(
            name: "duplicate key in a referenced file",
            files: [
                "spec/openapi.yaml": header + "paths:\n  /x:\n    $ref: './paths/x.yaml'\n",
                "spec/paths/x.yaml": "get:\n  responses: {}\nget:\n  responses: {}\n",
            ],
            expected: """
                spec/paths/x.yaml:3:1: error: duplicate key 'get' (first defined at 1:1)
                spec/openapi.yaml:5:11: note: referenced from here
                """),
        ErrorCase(
            name: "body parameter",
            files: [
                "spec/openapi.yaml": header + """
                    paths:
                      /x:
                        post:
                          parameters:
                            - name: payload
                              in: body
                          responses: {'200': {description: ok}}
                    """
            ],
            expected: "spec/openapi.yaml:8:15: error: parameter 'payload' has 'in: body'; expected path, query, header or cookie"),
        ErrorCase(
            name: "missing info",
            files: ["spec/openapi.yaml": "openapi: 3.1.0\npaths: {}\n"],
            expected: "spec/openapi.yaml:1:1: error: the OpenAPI document is missing the required field 'info'"),
        ErrorCase(
            name: "info without a title",
            files: ["spec/openapi.yaml": "openapi: 3.1.0\ninfo:\n  version: '1'\npaths: {}\n"],
            expected: "spec/openapi.yaml:3:3: error: the info object is missing the required field 'title'"),
        ErrorCase(
            name: "Swagger 2.0",
            files: ["spec/openapi.yaml": "openapi: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n"],
            expected: "spec/openapi.yaml:1:10: error: unsupported OpenAPI version '2.0'; this generator reads 3.0 and 3.1"),
        ErrorCase(
            name: "unknown schema type",
            files: ["spec/openapi.yaml": header + "paths: {}\ncomponents:\n  schemas:\n    A: {type: [string, text]}\n"],
            expected: "spec/openapi.yaml:6:24: error: unknown schema type 'text'; expected string, integer, number, boolean, object, array or null"),
    ])
    func reportsTheError(_ test: ErrorCase) {
        let (document, diagnostics) = load(test.files)
        #expect(document == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.description == test.expected)
    }

    @Test func unreadableRootFile() throws {
        let (document, diagnostics) = load(["spec/other.yaml": "a: 1\n"])
        #expect(document == nil)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.location == nil)
        #expect(diagnostic.description == "error: cannot read 'spec/openapi.yaml': no such file")
    }

    @Test func eachFailedFileIsReportedOnce() throws {
        let files = [
            "spec/openapi.yaml": header + """
                paths: {}
                components:
                  schemas:
                    A:
                      $ref: 'missing.yaml#/A'
                    B:
                      $ref: 'missing.yaml#/B'
                """
        ]
        let (_, diagnostics) = load(files)
        #expect(diagnostics.map(\.description) == [
            "spec/openapi.yaml:7:13: error: cannot read 'spec/missing.yaml' named by this $ref: no such file"
        ])
    }

    @Test func diagnosticsComeInSourceOrder() throws {
        let files = [
            "spec/openapi.yaml": header + """
                paths: {}
                components:
                  schemas:
                    A:
                      type: text
                    B:
                      minLength: -1
                    C:
                      $ref: '#/nowhere'
                """
        ]
        let (_, diagnostics) = load(files)
        #expect(diagnostics.map { $0.location?.line } == [7, 9, 11])
        #expect(diagnostics.map(\.message) == [
            "unknown schema type 'text'; expected string, integer, number, boolean, object, array or null",
            "'minLength' must be a non-negative integer, found the scalar '-1'",
            "cannot resolve $ref '#/nowhere': 'nowhere' not found in spec/openapi.yaml#",
        ])
    }

    @Test func diagnosticLocationsCarryTheNotes() throws {
        let (_, diagnostics) = load([
            "spec/openapi.yaml": header + "paths:\n  /x:\n    $ref: 'paths/x.yaml'\n",
            "spec/paths/x.yaml": "get: [\n",
        ])
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.location == Location(file: "spec/paths/x.yaml", line: 2, column: 1))
        #expect(diagnostic.notes.map(\.severity) == [.note])
        #expect(diagnostic.notes.first?.location == Location(file: "spec/openapi.yaml", line: 5, column: 11))
        #expect(diagnostic.notes.first?.message == "referenced from here")
    }
}
