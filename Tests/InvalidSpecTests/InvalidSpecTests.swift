import Foundation
import ForgeGenerator
import Testing

/// One spec under `Cases/<name>/` and the exact diagnostics `generate` must print for it.
struct InvalidCase: Sendable, CustomTestStringConvertible {
    var name: String
    var root: String
    var expected: String
    var testDescription: String { name }

    init(_ name: String, root: String = "openapi.yaml", _ expected: String) {
        self.name = name
        self.root = root
        self.expected = expected
    }
}

/// Invalid specs kept as files: each fails with exactly its diagnostics (paths relative to this folder), fast,
/// and leaves a pre-populated output folder byte-for-byte as it was.
@Suite struct InvalidSpecTests {
    static let cases: [InvalidCase] = [
        // MARK: YAML syntax and encoding
        InvalidCase("yaml-tab-indent", """
                Cases/yaml-tab-indent/openapi.yaml:4:1: error: a tab character in indentation; YAML indents with spaces only
                """),
        InvalidCase("yaml-unclosed-double-quote", """
                Cases/yaml-unclosed-double-quote/openapi.yaml:2:15: error: unclosed double quote; the string runs to the end of the file
                """),
        InvalidCase("yaml-unclosed-single-quote", """
                Cases/yaml-unclosed-single-quote/openapi.yaml:6:16: error: unclosed single quote; the string runs to the end of the file
                """),
        InvalidCase("yaml-unclosed-flow-sequence", """
                Cases/yaml-unclosed-flow-sequence/openapi.yaml:7:16: error: did not find expected ',' or ']' (while parsing a flow sequence at 6:13)
                """),
        InvalidCase("yaml-unclosed-flow-mapping", """
                Cases/yaml-unclosed-flow-mapping/openapi.yaml:6:13: error: unclosed '{'; the flow mapping runs to the end of the file
                """),
        InvalidCase("yaml-bad-indentation", """
                Cases/yaml-bad-indentation/openapi.yaml:4:11: error: mapping values are not allowed in this context; check this line's indentation, or quote a value that contains ': '
                """),
        InvalidCase("yaml-bad-dedent", """
                Cases/yaml-bad-dedent/openapi.yaml:4:3: error: did not find expected key (while parsing a block mapping at 1:1); check this line's indentation
                """),
        InvalidCase("yaml-list-item-misaligned", """
                Cases/yaml-list-item-misaligned/openapi.yaml:9:9: error: did not find expected '-' indicator (while parsing a block collection at 7:9); check this line's indentation
                """),
        InvalidCase("yaml-duplicate-key", """
                Cases/yaml-duplicate-key/openapi.yaml:8:3: error: duplicate key '/threads' (first defined at 4:3)
                """),
        InvalidCase("yaml-duplicate-key-json", root: "openapi.json", """
                Cases/yaml-duplicate-key-json/openapi.json:9:9: error: duplicate key 'operationId' (first defined at 7:9)
                """),
        InvalidCase("yaml-empty-file", """
                Cases/yaml-empty-file/openapi.yaml:1:1: error: the file holds no document (it is empty)
                """),
        InvalidCase("yaml-comments-only", """
                Cases/yaml-comments-only/openapi.yaml:1:1: error: the file holds no document (only comments)
                """),
        InvalidCase("yaml-second-document", """
                Cases/yaml-second-document/openapi.yaml:4:1: error: expected a single document, found a second one
                """),
        InvalidCase("yaml-unknown-alias", """
                Cases/yaml-unknown-alias/openapi.yaml:8:10: error: unknown alias '*threadGet'
                """),
        // MARK: OpenAPI structure
        InvalidCase("openapi-missing-version-field", """
                Cases/openapi-missing-version-field/openapi.yaml:1:1: error: the OpenAPI document is missing the required field 'openapi'
                """),
        InvalidCase("openapi-missing-info", """
                Cases/openapi-missing-info/openapi.yaml:1:1: error: the OpenAPI document is missing the required field 'info'
                """),
        InvalidCase("openapi-missing-info-title", """
                Cases/openapi-missing-info-title/openapi.yaml:3:3: error: the info object is missing the required field 'title'
                """),
        InvalidCase("openapi-missing-info-version", """
                Cases/openapi-missing-info-version/openapi.yaml:3:3: error: the info object is missing the required field 'version'
                """),
        InvalidCase("openapi-2.0", """
                Cases/openapi-2.0/openapi.yaml:1:10: error: unsupported OpenAPI version '2.0'; this generator reads 3.0 and 3.1
                """),
        InvalidCase("openapi-swagger-2.0", """
                Cases/openapi-swagger-2.0/openapi.yaml:1:10: error: this is a Swagger 2.0 document; this generator reads OpenAPI 3.0 and 3.1 (convert it first)
                """),
        InvalidCase("openapi-document-is-a-list", """
                Cases/openapi-document-is-a-list/openapi.yaml:1:1: error: expected the OpenAPI document to be a mapping, found a list
                """),
        InvalidCase("openapi-info-is-a-string", """
                Cases/openapi-info-is-a-string/openapi.yaml:2:7: error: expected the info object to be a mapping, found the scalar 'Threads API'
                """),
        InvalidCase("openapi-paths-is-a-list", """
                Cases/openapi-paths-is-a-list/openapi.yaml:4:3: error: expected the paths object to be a mapping, found a list
                """),
        InvalidCase("openapi-path-without-slash", """
                Cases/openapi-path-without-slash/openapi.yaml:4:3: error: path 'threads' must start with '/'
                """),
        InvalidCase("openapi-unknown-path-item-key", """
                Cases/openapi-unknown-path-item-key/openapi.yaml:5:5: error: unknown key 'gett' in the path item '/threads'; did you mean 'get'?
                """),
        InvalidCase("openapi-unknown-operation-key", """
                Cases/openapi-unknown-operation-key/openapi.yaml:7:7: error: unknown key 'paramters' in the operation 'get /threads'; did you mean 'parameters'?
                """),
        InvalidCase("openapi-operation-id-is-a-mapping", """
                Cases/openapi-operation-id-is-a-mapping/openapi.yaml:6:20: error: 'operationId' must be a string, found a mapping
                """),
        InvalidCase("openapi-parameters-not-a-list", """
                Cases/openapi-parameters-not-a-list/openapi.yaml:7:9: error: 'parameters' must be a list, found a mapping
                """),
        InvalidCase("openapi-parameter-missing-name", """
                Cases/openapi-parameter-missing-name/openapi.yaml:7:11: error: a parameter is missing the required field 'name'
                """),
        InvalidCase("openapi-parameter-in-body", """
                Cases/openapi-parameter-in-body/openapi.yaml:8:15: error: parameter 'thread' has 'in: body'; expected path, query, header or cookie
                """),
        InvalidCase("openapi-responses-is-a-list", """
                Cases/openapi-responses-is-a-list/openapi.yaml:7:9: error: expected the responses object to be a mapping, found a list
                """),
        InvalidCase("openapi-response-status-invalid", """
                Cases/openapi-response-status-invalid/openapi.yaml:7:9: error: response status 'ok' must be an HTTP status code (200), a range (2XX) or 'default'
                """),
        InvalidCase("openapi-unknown-security-scheme", """
                Cases/openapi-unknown-security-scheme/openapi.yaml:4:5: error: security requirement names 'BearerAuth', which components/securitySchemes does not define
                """),
        InvalidCase("openapi-query-item-without-name", """
                Cases/openapi-query-item-without-name/openapi.yaml:6:7: error: the path '/threads?=beta' has a query item '=beta' without a name
                """),
        InvalidCase("openapi-servers-is-a-mapping", """
                Cases/openapi-servers-is-a-mapping/openapi.yaml:4:3: error: 'servers' must be a list, found a mapping
                """),
        InvalidCase("openapi-headers-is-a-list", """
                Cases/openapi-headers-is-a-list/openapi.yaml:10:13: error: expected 'headers' to be a mapping of header names, found a list
                """),
        // Every error is reported, in source order, and none is a consequence of another.
        InvalidCase("openapi-several-errors", """
                Cases/openapi-several-errors/openapi.yaml:3:3: error: the info object is missing the required field 'title'
                Cases/openapi-several-errors/openapi.yaml:5:3: error: path 'threads' must start with '/'
                Cases/openapi-several-errors/openapi.yaml:11:47: error: unknown schema type 'strng'; did you mean 'string'?
                Cases/openapi-several-errors/openapi.yaml:15:9: error: response status 'success' must be an HTTP status code (200), a range (2XX) or 'default'
                """),
        // MARK: Schemas
        InvalidCase("schema-required-is-a-string", """
                Cases/schema-required-is-a-string/openapi.yaml:10:17: error: 'required' must be a list of property names, found the scalar 'id'
                """),
        InvalidCase("schema-enum-not-a-list", """
                Cases/schema-enum-not-a-list/openapi.yaml:8:13: error: 'enum' must be a list, found the scalar 'active'
                """),
        InvalidCase("schema-type-typo", """
                Cases/schema-type-typo/openapi.yaml:10:17: error: unknown schema type 'strin'; did you mean 'string'?
                """),
        InvalidCase("schema-unknown-type", """
                Cases/schema-unknown-type/openapi.yaml:7:13: error: unknown schema type 'text'; expected string, integer, number, boolean, object, array or null
                """),
        InvalidCase("schema-is-a-list", """
                Cases/schema-is-a-list/openapi.yaml:9:9: error: a schema must be a mapping or a boolean, found a list
                """),
        InvalidCase("schema-properties-is-a-list", """
                Cases/schema-properties-is-a-list/openapi.yaml:9:9: error: expected 'properties' to be a mapping, found a list
                """),
        InvalidCase("schema-min-length-negative", """
                Cases/schema-min-length-negative/openapi.yaml:8:18: error: 'minLength' must be a non-negative integer, found the scalar '-1'
                """),
        // MARK: References
        InvalidCase("ref-unresolvable-local", """
                Cases/ref-unresolvable-local/openapi.yaml:11:30: error: cannot resolve $ref '#/components/schemas/ThreadList': 'ThreadList' not found in Cases/ref-unresolvable-local/openapi.yaml#/components/schemas
                Cases/ref-unresolvable-local/openapi.yaml:14:5: note: looked in here
                """),
        InvalidCase("ref-missing-file", """
                Cases/ref-missing-file/openapi.yaml:5:11: error: cannot read 'Cases/ref-missing-file/paths/threads.yaml' named by this $ref: no such file
                """),
        InvalidCase("ref-bad-pointer-into-file", """
                Cases/ref-bad-pointer-into-file/openapi.yaml:7:13: error: cannot resolve $ref 'schemas.yaml#/components/schema/Thread': 'schema' not found in Cases/ref-bad-pointer-into-file/schemas.yaml#/components
                Cases/ref-bad-pointer-into-file/schemas.yaml:2:3: note: looked in here
                """),
        InvalidCase("ref-escaped-pointer-missing", """
                Cases/ref-escaped-pointer-missing/openapi.yaml:9:11: error: cannot resolve $ref '#/paths/~1threads~1{thread_id}': '/threads/{thread_id}' not found in Cases/ref-escaped-pointer-missing/openapi.yaml#/paths
                Cases/ref-escaped-pointer-missing/openapi.yaml:4:3: note: looked in here
                """),
        InvalidCase("ref-schema-cycle", """
                Cases/ref-schema-cycle/openapi.yaml:7:13: error: $ref cycle with no schema in it: Cases/ref-schema-cycle/openapi.yaml#/components/schemas/A → Cases/ref-schema-cycle/openapi.yaml#/components/schemas/B → Cases/ref-schema-cycle/openapi.yaml#/components/schemas/A
                """),
        InvalidCase("ref-parameter-cycle", """
                Cases/ref-parameter-cycle/openapi.yaml:12:13: error: $ref cycle with no parameter in it: Cases/ref-parameter-cycle/openapi.yaml#/components/parameters/Limit → Cases/ref-parameter-cycle/openapi.yaml#/components/parameters/PageSize → Cases/ref-parameter-cycle/openapi.yaml#/components/parameters/Limit
                Cases/ref-parameter-cycle/openapi.yaml:7:17: note: referenced from here
                """),
        InvalidCase("ref-escapes-folder", """
                Cases/ref-escapes-folder/openapi.yaml:7:13: error: $ref '../../etc/passwd' points outside the spec's folder 'Cases/ref-escapes-folder'; it is refused
                """),
        InvalidCase("ref-absolute-path", """
                Cases/ref-absolute-path/openapi.yaml:7:13: error: $ref '/etc/passwd' points outside the spec's folder 'Cases/ref-absolute-path'; it is refused
                """),
        InvalidCase("ref-remote", """
                Cases/ref-remote/openapi.yaml:7:13: error: remote reference 'https://example.com/schemas/thread.yaml#/Thread' is not supported; download it next to the spec
                """),
        InvalidCase("ref-to-a-folder", """
                Cases/ref-to-a-folder/openapi.yaml:7:13: error: cannot read 'Cases/ref-to-a-folder/schemas' named by this $ref: it is a folder, not a file
                """),
        InvalidCase("ref-not-a-string", """
                Cases/ref-not-a-string/openapi.yaml:7:13: error: $ref must be a string, found the scalar '42'
                """),
        InvalidCase("ref-invalid-pointer", """
                Cases/ref-invalid-pointer/openapi.yaml:7:13: error: $ref '#components/schemas/Other' has an invalid JSON pointer '#components/schemas/Other'
                """),
        InvalidCase("ref-syntax-error-in-fragment", """
                Cases/ref-syntax-error-in-fragment/schemas/thread.yaml:4:10: error: unclosed '{'; the flow mapping runs to the end of the file
                Cases/ref-syntax-error-in-fragment/paths/threads.yaml:9:19: note: referenced from here
                Cases/ref-syntax-error-in-fragment/openapi.yaml:5:11: note: referenced from here
                """),
        InvalidCase("ref-error-through-two-files", """
                Cases/ref-error-through-two-files/schemas/thread.yaml:5:24: error: unknown schema type 'integr'; did you mean 'integer'?
                Cases/ref-error-through-two-files/paths/threads.yaml:9:19: note: referenced from here
                Cases/ref-error-through-two-files/openapi.yaml:5:11: note: referenced from here
                """),
        InvalidCase("ref-missing-file-through-fragment", """
                Cases/ref-missing-file-through-fragment/paths/threads.yaml:5:13: error: cannot read 'Cases/ref-missing-file-through-fragment/responses/list.yaml' named by this $ref: no such file
                Cases/ref-missing-file-through-fragment/openapi.yaml:5:11: note: referenced from here
                """),
        InvalidCase("ref-parameter-error-through-ref", """
                Cases/ref-parameter-error-through-ref/parameters.yaml:4:13: error: 'required' must be true or false, found the scalar 'yes'
                Cases/ref-parameter-error-through-ref/openapi.yaml:7:17: note: referenced from here
                """),
        InvalidCase("ref-response-error-through-ref", """
                Cases/ref-response-error-through-ref/responses.yaml:4:5: error: expected 'content' to be a mapping of media types, found a list
                Cases/ref-response-error-through-ref/openapi.yaml:8:17: note: referenced from here
                """),
        // MARK: Names
        InvalidCase("names-duplicate-operation-id", """
                Cases/names-duplicate-operation-id/openapi.yaml:10:20: error: duplicate operationId 'listThreads'; each operation needs its own
                Cases/names-duplicate-operation-id/openapi.yaml:6:20: note: first used here
                """),
        InvalidCase("names-same-swift-method", """
                Cases/names-same-swift-method/openapi.yaml:10:7: error: operation 'getThing' maps to the Swift method 'getThing', which another operation already uses
                """),
    ]

    @Test(arguments: cases)
    func reportsTheError(_ test: InvalidCase) throws {
        let outcome = try run(input: "\(testsFolder)/Cases/\(test.name)/\(test.root)", base: testsFolder)
        check(outcome, test.expected)
    }

    /// Every folder under `Cases/` has a row, and every row a folder.
    @Test func everyCaseFolderIsListed() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: testsFolder + "/Cases")
            .filter { !$0.hasPrefix(".") }
        #expect(Set(folders) == Set(Self.cases.map(\.name)))
        #expect(Self.cases.count == Set(Self.cases.map(\.name)).count)
    }
}
