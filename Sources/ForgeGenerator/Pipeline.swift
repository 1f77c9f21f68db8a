import Foundation
@_exported import ForgeRenderer
@_exported import ForgeTranslator

/// The whole generator as one pure function: spec files in, Swift files out.
///
///     files ─► YAML layer ─► Document ─► Translator ─► IR ─► Renderer ─► [RenderedFile]
public enum Pipeline {
    public struct Output: Sendable {
        public var module: IRModule
        public var files: [RenderedFile]
        /// Wall time of each stage, in order.
        public var timings: [StageTiming]
    }

    /// Runs every stage. Returns `nil` when `diagnostics` holds an error (nothing should then be written).
    /// With `release`, the YAML trees and the document model are handed to it instead of being freed as soon as
    /// they are done with.
    public static func run(
        root: String, reader: any SpecFileReader, templates: TemplateSet = .builtin,
        translatorOptions: TranslatorOptions = TranslatorOptions(), filter: SpecFilter = SpecFilter(),
        options: RenderOptions, diagnostics: DiagnosticCollector, deferringReleaseTo release: DeferredRelease? = nil
    ) -> Output? {
        var clock = StageClock()
        // Declarations are rendered on the other cores while translation goes on. The templates are compiled, and
        // the session started, on another thread while the spec loads. Templates that do not parse are reported
        // after the spec's own errors, by the plain render below.
        let renderer = Renderer(templates: templates, options: options)
        let starting = SessionStart(renderer)
        guard
            let loaded = DocumentLoader.load(
                root: root, reader: reader, diagnostics: diagnostics, deferringReleaseTo: release)
        else {
            starting.session?.cancel()
            return nil
        }
        let document = filter.apply(to: loaded)
        release?.keep(loaded)
        release?.keep(document)
        clock.finish("load")
        // No schema may take the client's name.
        var translatorOptions = translatorOptions
        translatorOptions.reservedNames.insert(options.clientName)
        let session = starting.session
        let module = Translator.translate(
            document, options: translatorOptions, diagnostics: diagnostics, observer: session?.observer)
        clock.finish("translate")
        guard !diagnostics.hasErrors else {
            session?.cancel()
            return nil
        }
        do {
            let files = try session?.finish(module) ?? renderer.render(module)
            clock.finish("render")
            return Output(module: module, files: files, timings: clock.timings)
        } catch {
            diagnostics.error("\(error)", at: nil)
            return nil
        }
    }
}

/// A render session started on a thread of its own.
private final class SessionStart: @unchecked Sendable {
    private let started = DispatchSemaphore(value: 0)
    // Written once before `started` is signalled, read after.
    private var result: RenderSession?
    private var waited = false

    init(_ renderer: Renderer) {
        Thread.detachNewThread { [self] in
            result = try? renderer.startSession()
            started.signal()
        }
    }

    /// The session (`nil` when the templates do not compile), once started.
    var session: RenderSession? {
        if !waited {
            started.wait()
            waited = true
        }
        return result
    }
}

/// How long one stage of a run took.
public struct StageTiming: Sendable, CustomStringConvertible {
    public var stage: String
    public var seconds: Double

    public var description: String { "\(stage) \(String(format: "%.1f", seconds * 1000)) ms" }
}

/// Measures consecutive stages with the monotonic clock.
struct StageClock {
    private(set) var timings: [StageTiming] = []
    private var last = ContinuousClock.now

    mutating func finish(_ stage: String) {
        let now = ContinuousClock.now
        timings.append(StageTiming(stage: stage, seconds: (now - last) / .seconds(1)))
        last = now
    }
}
