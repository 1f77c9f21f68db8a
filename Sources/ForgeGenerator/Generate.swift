import Foundation

/// What the `generate` command does, as a function the CLI, the plugins and the tests share.
public struct GenerateRequest: Sendable {
    public enum Mode: Sendable {
        /// Write changed files and remove stale ones.
        case write
        /// Write nothing; report what would change.
        case dryRun
        /// Write nothing; fail when anything would change.
        case check
    }

    public var input: String
    public var output: String
    public var templatesFolder: String?
    /// A configuration file (see ``GeneratorConfiguration``).
    public var configFile: String?
    /// Overrides the configuration file's access modifier when set.
    public var accessModifier: RenderOptions.AccessModifier?
    public var mode: Mode
    /// Write the same 29 files whatever the spec holds (for build-tool plugins, which declare outputs up front).
    public var fixedFileSet: Bool
    /// The module the output is compiled into, named in the header.
    public var moduleName: String?

    public init(
        input: String, output: String, templatesFolder: String? = nil, configFile: String? = nil,
        accessModifier: RenderOptions.AccessModifier? = nil, mode: Mode = .write, fixedFileSet: Bool = false,
        moduleName: String? = nil
    ) {
        self.input = input
        self.output = output
        self.templatesFolder = templatesFolder
        self.configFile = configFile
        self.accessModifier = accessModifier
        self.mode = mode
        self.fixedFileSet = fixedFileSet
        self.moduleName = moduleName
    }

    /// A folder as input means its `openapi.yaml` (`.yml`, `.json`), with `openapi-forge.yaml` beside it as the
    /// configuration unless one is given.
    public func resolvingFolderInput() -> GenerateRequest {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue else {
            return self
        }
        var resolved = self
        let folder = input.hasSuffix("/") ? String(input.dropLast()) : input
        resolved.input =
            ["openapi.yaml", "openapi.yml", "openapi.json"].map { "\(folder)/\($0)" }
            .first { FileManager.default.fileExists(atPath: $0) } ?? "\(folder)/openapi.yaml"
        if configFile == nil, FileManager.default.fileExists(atPath: "\(folder)/openapi-forge.yaml") {
            resolved.configFile = "\(folder)/openapi-forge.yaml"
        }
        return resolved
    }
}

public struct GenerateResult: Sendable {
    /// Every diagnostic, in order.
    public var diagnostics: [Diagnostic]
    /// The translated module, when translation succeeded.
    public var module: IRModule?
    /// What was (or, for a dry run or check, would be) written and removed.
    public var summary: OutputWriter.Summary?
    /// Wall time of each stage that ran (load, translate, render, write).
    public var timings: [StageTiming] = []
    /// What the run no longer needed but did not free on the way to the output (the YAML trees and the document
    /// model): freed with the result. A process that exits right after can skip that by exiting without returning.
    public var retained: DeferredRelease?

    /// Errors in the input, or stale output under `.check`.
    public var failed: Bool {
        diagnostics.contains { $0.severity == .error } || module == nil
    }
}

/// Runs the pipeline and, unless it failed, updates the output folder. On any error nothing is written. A `prefetch`
/// of the root document is used if it is of the same file (see ``SpecPrefetch``).
public func generate(_ original: GenerateRequest, prefetch: SpecPrefetch? = nil) -> GenerateResult {
    let request = original.resolvingFolderInput()
    let diagnostics = DiagnosticCollector()
    var templates = TemplateSet.builtin
    if let folder = request.templatesFolder {
        do {
            templates = try templates.overriding(with: loadTemplateOverrides(from: folder))
        } catch {
            diagnostics.error("\(error)", at: nil)
            return GenerateResult(diagnostics: diagnostics.diagnostics)
        }
    }
    var configuration = GeneratorConfiguration()
    if let file = request.configFile {
        do {
            let bytes = try FileSystemSpecReader().read(file)
            guard let parsed = GeneratorConfiguration.parse(bytes, file: file, diagnostics: diagnostics) else {
                return GenerateResult(diagnostics: diagnostics.diagnostics)
            }
            configuration = parsed
        } catch {
            diagnostics.error("cannot read configuration '\(file)': \(error)", at: nil)
            return GenerateResult(diagnostics: diagnostics.diagnostics)
        }
    }
    let options = RenderOptions(
        accessModifier: request.accessModifier ?? configuration.accessModifier ?? .public, inputName: request.input,
        clientName: configuration.clientName, apiKeyEnvironmentVariable: configuration.apiKeyEnvironmentVariable,
        files: configuration.files, fixedFileSet: request.fixedFileSet, moduleName: request.moduleName)
    let retained = DeferredRelease()
    guard
        let output = Pipeline.run(
            root: request.input, reader: PrefetchingSpecReader(prefetch: prefetch), templates: templates,
            translatorOptions: configuration.translator, filter: configuration.filter, options: options,
            diagnostics: diagnostics, deferringReleaseTo: retained)
    else {
        return GenerateResult(diagnostics: diagnostics.diagnostics)
    }
    let writer = OutputWriter(folder: request.output)
    var clock = StageClock()
    do {
        let summary: OutputWriter.Summary
        switch request.mode {
        case .write:
            summary = try writer.write(output.files)
        case .dryRun, .check:
            summary = try writer.plan(output.files)
            if request.mode == .check && !summary.isClean {
                diagnostics.error(
                    "\(request.output) is out of date with \(request.input) (\(summary.written.count) to write, \(summary.removed.count) to remove); regenerate it",
                    at: nil)
            }
        }
        clock.finish(request.mode == .write ? "write" : "compare")
        return GenerateResult(
            diagnostics: diagnostics.diagnostics, module: output.module, summary: summary,
            timings: output.timings + clock.timings, retained: retained)
    } catch {
        diagnostics.error("cannot write \(request.output): \(error)", at: nil)
        return GenerateResult(diagnostics: diagnostics.diagnostics, module: output.module, retained: retained)
    }
}
