import ForgeGenerator
import Foundation
import Testing

/// The complete public OpenAI API (../shared/corpus/openai-openapi.yaml), used unchanged: nothing may be dropped.
/// Compiling its generated library is `scripts/compile-openai-spec`, run by CI.
let openAICorpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/openai-openapi.yaml").path

@Suite(
    .enabled(
        if: FileManager.default.fileExists(atPath: openAICorpus),
        "../shared/corpus/openai-openapi.yaml is ABSENT: the full-spec tests do NOT run"))
struct OpenAISpecTests {
    static let corpus = openAICorpus

    static let translated: (Document, IRModule, [Diagnostic])? = {
        let diagnostics = DiagnosticCollector()
        guard let document = DocumentLoader.load(root: corpus, reader: FileSystemSpecReader(), diagnostics: diagnostics)
        else { return nil }
        let module = Translator.translate(document, diagnostics: diagnostics)
        return (document, module, diagnostics.diagnostics)
    }()

    @Test func loadsWithoutErrors() throws {
        let (_, _, diagnostics) = try #require(Self.translated)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics.filter { $0.severity == .error })")
    }

    @Test func everyOperationBecomesAMethod() throws {
        let (document, module, _) = try #require(Self.translated)
        #expect(document.operations.count == 288)
        #expect(module.operations.count == document.operations.count)
        #expect(Set(module.operations.map(\.operationID)) == Set(document.operations.compactMap(\.operationID)))
        #expect(Set(module.operations.map(\.swiftName)).count == module.operations.count)
    }

    @Test func everyComponentSchemaBecomesATopLevelType() throws {
        let (document, module, _) = try #require(Self.translated)
        #expect(document.componentSchemas.count == 1422)
        let sources = Set(module.types.map(\.source))
        let missing = document.componentSchemas.filter { !sources.contains("#\($0.pointer)") }
        #expect(missing.isEmpty, "dropped: \(missing.prefix(10))")
    }

    @Test func everyPropertyOfEveryObjectComponentIsKept() throws {
        let (document, module, _) = try #require(Self.translated)
        let bySource = Dictionary(module.types.map { ($0.source, $0) }, uniquingKeysWith: { first, _ in first })
        var checked = 0
        var dropped: [String] = []
        for id in document.componentSchemas {
            guard let schema = document.schemas[id], !schema.properties.isEmpty,
                case .structure(let structure)? = bySource["#\(id.pointer)"]?.kind
            else { continue }
            let wireNames = Set(structure.properties.map(\.wireName))
            for property in schema.properties where !wireNames.contains(property.name) {
                dropped.append("\(id.pointer.last ?? "?").\(property.name)")
            }
            checked += 1
        }
        #expect(checked > 900)
        #expect(dropped.isEmpty, "dropped properties: \(dropped.prefix(20))")
    }
}
