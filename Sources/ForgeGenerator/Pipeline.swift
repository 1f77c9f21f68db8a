@_exported import ForgeRenderer
@_exported import ForgeTranslator

/// The whole generator as one pure function: spec files in, Swift files out.
///
///     files ─► YAML layer ─► Document ─► Translator ─► IR ─► Renderer ─► [RenderedFile]
public enum Pipeline {
    public struct Output: Sendable {
        public var module: IRModule
        public var files: [RenderedFile]
    }

    /// Runs every stage. Returns `nil` when `diagnostics` holds an error (nothing should then be written).
    public static func run(
        root: String, reader: any SpecFileReader, templates: TemplateSet = .builtin,
        translatorOptions: TranslatorOptions = TranslatorOptions(), filter: SpecFilter = SpecFilter(),
        options: RenderOptions, diagnostics: DiagnosticCollector
    ) -> Output? {
        guard let loaded = DocumentLoader.load(root: root, reader: reader, diagnostics: diagnostics) else {
            return nil
        }
        let document = filter.apply(to: loaded)
        let module = Translator.translate(document, options: translatorOptions, diagnostics: diagnostics)
        guard !diagnostics.hasErrors else { return nil }
        do {
            let files = try Renderer(templates: templates, options: options).render(module)
            return Output(module: module, files: files)
        } catch {
            diagnostics.error("\(error)", at: nil)
            return nil
        }
    }
}
