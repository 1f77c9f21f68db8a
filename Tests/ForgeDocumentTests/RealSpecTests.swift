import Foundation
import ForgeDocument
import Testing

/// Reads spec files from the package checkout; paths are relative to the package root.
struct PackageFiles: SpecFileReader {
    let root: String

    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "no file at \(path)" }
    }

    init(filePath: String = #filePath) {
        // <root>/Tests/ForgeDocumentTests/RealSpecTests.swift
        var url = URL(fileURLWithPath: filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        root = url.path
    }

    func read(_ path: String) throws -> [UInt8] {
        let full = path.hasPrefix("/") ? path : root + "/" + path
        guard let data = FileManager.default.contents(atPath: full) else { throw Missing(path: full) }
        return [UInt8](data)
    }
}

@Suite struct RealSpecTests {
    static func loadSpec() -> (Document?, [Diagnostic]) {
        let diagnostics = DiagnosticCollector()
        let document = DocumentLoader.load(root: "spec/openapi.yaml", reader: PackageFiles(), diagnostics: diagnostics)
        return (document, diagnostics.diagnostics)
    }

    @Test func loadsWithoutAnyDiagnostic() throws {
        let (document, diagnostics) = Self.loadSpec()
        #expect(diagnostics.map(\.description) == [])
        let doc = try #require(document)
        #expect(doc.version == "3.1.0")
        #expect(doc.info.title == "OpenAI ChatKit threads and Conversations")
        #expect(doc.servers.map(\.url) == ["https://api.openai.com/v1"])
        #expect(doc.securitySchemes.map(\.kind) == [.httpBearer])
        #expect(doc.files.first == "spec/openapi.yaml")
        #expect(doc.files.count == 7)
    }

    @Test func hasTheSevenOperations() throws {
        let doc = try #require(Self.loadSpec().0)
        #expect(doc.operations.count == 7)
        #expect(doc.operations.map(\.operationID) == [
            "ListThreadsMethod", "GetThreadMethod", "DeleteThreadMethod", "ListThreadItemsMethod",
            "getConversation", "updateConversation", "deleteConversation",
        ])
        #expect(doc.operations.map(\.method) == [.get, .get, .delete, .get, .get, .post, .delete])
    }

    @Test func everyChatKitOperationHasTheBetaHeader() throws {
        let doc = try #require(Self.loadSpec().0)
        let chatKit = doc.operations.filter { $0.path.hasPrefix("/chatkit/") }
        #expect(chatKit.count == 4)
        for operation in chatKit {
            let beta = operation.parameters.first { $0.name == "OpenAI-Beta" }
            #expect(beta?.location == .header, "\(operation.operationID ?? operation.path)")
            #expect(beta?.required == true, "\(operation.operationID ?? operation.path)")
            #expect(beta?.schema?.enumValues == [.string("chatkit_beta=v1")])
        }
        let conversations = doc.operations.filter { $0.path.hasPrefix("/conversations/") }
        #expect(conversations.count == 3)
        #expect(conversations.allSatisfy { operation in !operation.parameters.contains { $0.name == "OpenAI-Beta" } })
    }

    @Test func everySchemaReferenceHasALoadedTarget() throws {
        let doc = try #require(Self.loadSpec().0)
        var targets: [SchemaID] = []
        func collect(_ schema: Schema) {
            if let target = schema.ref?.target { targets.append(target) }
            schema.properties.forEach { collect($0.schema) }
            schema.items.map(collect)
            (schema.oneOf ?? []).forEach(collect)
            (schema.anyOf ?? []).forEach(collect)
            (schema.allOf ?? []).forEach(collect)
            if case .schema(let additional) = schema.additionalProperties { collect(additional) }
        }
        doc.schemas.values.forEach(collect)
        for operation in doc.operations {
            operation.responses.flatMap(\.content).compactMap(\.schema).forEach(collect)
            operation.requestBody?.content.compactMap(\.schema).forEach(collect)
            operation.parameters.compactMap(\.schema).forEach(collect)
        }
        #expect(!targets.isEmpty)
        #expect(targets.filter { doc.schemas[$0] == nil } == [])
        #expect(Set(doc.componentSchemas).isSubset(of: Set(doc.schemas.keys)))
    }
}
