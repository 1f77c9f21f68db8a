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
    let limits = YAMLLimits(maxDepth: 64, maxNodes: 100_000)
    // Large files are read by libyaml on a second thread: that must give exactly the tree, or the error, that
    // reading on one thread gives.
    let oneThread = Result { () throws(YAMLError) in
        try YAMLParser.parse(bytes, file: "f.yaml", limits: limits, reading: .sameThread)
    }
    let twoThreads = Result { () throws(YAMLError) in
        try YAMLParser.parse(bytes, file: "f.yaml", limits: limits, reading: .separateThread)
    }
    switch (oneThread, twoThreads) {
    case (.success(let one), .success(let two)):
        precondition(one == two, "reading on a second thread gave another tree")
    case (.failure(let one), .failure(let two)):
        precondition(one == two, "reading on a second thread gave another error: \(one) / \(two)")
    default:
        preconditionFailure("reading on a second thread changed success into failure or back")
    }
    guard
        let document = DocumentLoader.load(
            root: "fuzz/openapi.yaml", reader: Files(root: bytes), diagnostics: diagnostics, limits: limits)
    else { return 0 }
    let module = Translator.translate(document, diagnostics: diagnostics)
    guard !diagnostics.hasErrors else { return 0 }
    do {
        // Declarations are rendered from a skeleton per context shape: that must be exactly what swift-mustache
        // renders for each of them.
        let renderer = Renderer(options: RenderOptions(inputName: "fuzz/openapi.yaml"))
        let memoized = try renderer.render(module)
        let plain = try renderer.startSession(helperCount: 0, memoize: false).finish(module)
        precondition(memoized == plain, "rendering from skeletons differs from rendering through swift-mustache")
    } catch {
        preconditionFailure("the built-in templates failed on a module translated without errors: \(error)")
    }
    return 0
}
