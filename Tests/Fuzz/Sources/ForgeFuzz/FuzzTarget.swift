import ForgeGenerator

/// One fuzz input: the bytes are the root document of a spec (fragments it names do not exist, so `$ref`s to
/// other files must fail cleanly). Every stage runs; any crash, hang or leak is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let diagnostics = DiagnosticCollector()
    struct Files: SpecFileReader {
        let root: [UInt8]
        struct Missing: Error {}
        func read(_ path: String) throws -> [UInt8] {
            guard path == "fuzz/openapi.yaml" else { throw Missing() }
            return root
        }
    }
    // Small limits keep each execution fast; they are the limits' own code paths being exercised.
    guard
        let document = DocumentLoader.load(
            root: "fuzz/openapi.yaml", reader: Files(root: bytes), diagnostics: diagnostics,
            limits: YAMLLimits(maxDepth: 64, maxNodes: 100_000))
    else { return 0 }
    let module = Translator.translate(document, diagnostics: diagnostics)
    guard !diagnostics.hasErrors else { return 0 }
    _ = try? Renderer(options: RenderOptions(inputName: "fuzz/openapi.yaml")).render(module)
    return 0
}
