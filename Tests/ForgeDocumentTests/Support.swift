import ForgeDocument
import Testing

/// Loads `files` (the root is `spec/openapi.yaml` unless told otherwise) and returns the document and diagnostics.
func load(_ files: [String: String], root: String = "spec/openapi.yaml") -> (Document?, [Diagnostic]) {
    let diagnostics = DiagnosticCollector()
    let document = DocumentLoader.load(root: root, reader: InMemorySpecFiles(files), diagnostics: diagnostics)
    return (document, diagnostics.diagnostics)
}

/// The root file's header: `openapi`, `info` and an empty `paths` on lines 1–3.
let header = """
    openapi: 3.1.0
    info: {title: T, version: '1'}

    """

func id(_ file: String, _ tokens: String...) -> SchemaID {
    SchemaID(file: file, pointer: JSONPointer(tokens: tokens))
}

func rootSchema(_ name: String) -> SchemaID {
    SchemaID(file: "spec/openapi.yaml", pointer: JSONPointer(tokens: ["components", "schemas", name]))
}

typealias Location = ForgeYAML.SourceLocation

extension Location {
    /// `file:line:column`.
    var text: String { description }
}
