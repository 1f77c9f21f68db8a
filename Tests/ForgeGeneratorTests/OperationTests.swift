import ForgeGenerator
import Foundation
import Testing

/// The IR of the project's own operations: what the generated client will be built from.
@Suite struct OperationTests {
    func projectModule() throws -> IRModule {
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(packageRoot.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        return try #require(
            Pipeline.run(
                root: "spec/openapi.yaml", reader: FileSystemSpecReader(),
                translatorOptions: TranslatorOptions(dropOperationSuffixes: ["Method"]),
                options: RenderOptions(inputName: "spec/openapi.yaml"), diagnostics: DiagnosticCollector())
        ).module
    }

    @Test func everyOperationIsTranslated() throws {
        let module = try projectModule()
        #expect(module.serverURL == "https://api.openai.com/v1")
        #expect(
            module.operations.map { "\($0.method) \($0.path) \($0.swiftName)" } == [
                "GET /chatkit/threads listThreads",
                "GET /chatkit/threads/{thread_id} getThread",
                "DELETE /chatkit/threads/{thread_id} deleteThread",
                "GET /chatkit/threads/{thread_id}/items listThreadItems",
                "GET /conversations/{conversation_id} getConversation",
                "POST /conversations/{conversation_id} updateConversation",
                "DELETE /conversations/{conversation_id} deleteConversation",
            ])
    }

    @Test func listThreadsParametersAndConstantHeader() throws {
        let list = try #require(try projectModule().operations.first { $0.operationID == "ListThreadsMethod" })
        let parameters = list.parameters.map {
            "\($0.location.rawValue) \($0.wireName) \($0.swiftName): \($0.type.swift) required=\($0.isRequired) constant=\($0.constant ?? "-")"
        }
        #expect(
            parameters.sorted() == [
                "header OpenAI-Beta openAIBeta: String required=true constant=chatkit_beta=v1",
                "query after after: String required=false constant=-",
                "query before before: String required=false constant=-",
                "query limit limit: Int required=false constant=-",
                "query order order: ListOrder required=false constant=-",
                "query user user: String required=false constant=-",
            ])
        #expect(list.success?.type == .named("ThreadListResource"))
        #expect(list.security == ["ApiKeyAuth"])
        #expect(list.usesBearerAuth)
        let pagination = try #require(list.pagination)
        #expect(pagination.swiftName == "allThreads")
        #expect(pagination.itemType == .named("ThreadResource"))
        #expect(pagination.cursorParameter == "after")
    }

    @Test func updateConversationHasABodyAndARateLimitResponse() throws {
        let update = try #require(try projectModule().operations.first { $0.operationID == "updateConversation" })
        let body = try #require(update.requestBody)
        #expect(body.contentType == "application/json")
        #expect(body.type == .named("UpdateConversationBody"))
        #expect(body.isRequired)
        let rateLimited = try #require(update.errors.first { $0.status == "429" })
        #expect(rateLimited.type == .named("ErrorResponse"))
        #expect(rateLimited.headers.map { "\($0.wireName) \($0.swiftName): \($0.type.swift)" } == ["Retry-After retryAfter: Int"])
    }

    @Test func getOperationsAreNotPaginated() throws {
        let module = try projectModule()
        #expect(module.operations.filter { $0.pagination != nil }.map(\.swiftName) == ["listThreads", "listThreadItems"])
    }

    @Test(arguments: [
        ("ListThreadsMethod", ["Method"], [:], "listThreads"),
        ("Method", ["Method"], [:], "method"),
        ("getConversation", ["Method"], [:], "getConversation"),
        ("ListThreadsMethod", ["Method"], ["ListThreadsMethod": "threads"], "threads"),
        ("delete_thread_operation", ["Operation"], [:], "deleteThread"),
    ])
    func methodNamingRule(operationID: String, suffixes: [String], overrides: [String: String], expected: String)
        throws
    {
        let yaml = """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get: {operationId: \(operationID), responses: {'204': {description: ok}}}
            """
        let diagnostics = DiagnosticCollector()
        let document = try #require(
            DocumentLoader.load(root: "spec.yaml", reader: InMemorySpecFiles(["spec.yaml": yaml]), diagnostics: diagnostics))
        let module = Translator.translate(
            document, options: TranslatorOptions(dropOperationSuffixes: suffixes, operationNames: overrides),
            diagnostics: diagnostics)
        #expect(module.operations.map(\.swiftName) == [expected])
    }

    @Test func duplicateMethodNamesAreAnError() throws {
        let yaml = """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get: {operationId: get_thing, responses: {'200': {description: ok}}}
              /b:
                get: {operationId: getThing, responses: {'200': {description: ok}}}
            """
        _ = try translate(
            yaml,
            expecting: [
                "spec.yaml:7:10: error: operation 'getThing' maps to the Swift method 'getThing', which another operation already uses"
            ])
    }
}

@Suite struct RequestBodyTests {
    /// A multipart body that is not an object is sent as raw data, and the type its schema would have had is not
    /// declared.
    @Test func aNonObjectMultipartBodyIsRawDataAndDeclaresNothing() throws {
        let module = try translate(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /upload:
                post:
                  operationId: upload
                  requestBody:
                    content:
                      multipart/form-data:
                        schema:
                          type: array
                          items: {type: object, properties: {name: {type: string}}}
                  responses:
                    '204': {description: done}
            """,
            expecting: [
                "spec.yaml:8:9: warning: the multipart/form-data body of 'upload' is not an object schema; it is sent as raw data"
            ])
        let body = try #require(module.operations.first?.requestBody)
        #expect(body.type == .data && body.encoding == .raw)
        #expect(module.types.isEmpty)
    }
}
