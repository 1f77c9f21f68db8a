import Dispatch
import Foundation
import ForgeTranslator
import Mustache

/// Renders declarations while the translator is still producing them: each finished declaration (and the client,
/// once the operations are final) is queued, and helper threads render the queue on the other cores while the
/// calling thread goes on translating. ``finish(_:)`` has the calling thread help with what is left, then assembles
/// the files exactly as ``Renderer/render(_:)`` does; the output never depends on the order jobs ran in.
///
///     let session = try renderer.startSession()
///     let module = Translator.translate(document, diagnostics: diagnostics, observer: session.observer)
///     let files = try session.finish(module)   // or session.cancel() when translation failed
public final class RenderSession: @unchecked Sendable {
    enum Job {
        case client(IRModule)
        case declaration(IRType)
    }

    enum Rendered {
        case client([UInt8])
        case declaration(String)
    }

    private let renderer: Renderer
    let templates: CompiledTemplates
    private var library: MustacheLibrary { templates.library }
    /// Guards every property below it.
    private let condition = NSCondition()
    private var jobs: [Job] = []
    /// A declaration's text (untidied), or the client's bytes (tidied).
    private var results: [Result<Rendered, TemplateError>?] = []
    /// The first job no thread has taken yet.
    private var next = 0
    /// No more jobs will come; helpers stop once the queue is empty.
    private var closed = false
    /// Stop at once: the results will not be used.
    private var cancelled = false
    private let helpers = DispatchGroup()

    init(renderer: Renderer, templates: CompiledTemplates, helperCount: Int) {
        self.renderer = renderer
        self.templates = templates
        for _ in 0..<helperCount {
            helpers.enter()
            Thread.detachNewThread { [self] in
                work()
                helpers.leave()
            }
        }
    }

    /// Queues the parts of the module the translator reports.
    public var observer: TranslationObserver {
        TranslationObserver(
            operations: { [self] module in submitClient(for: module) },
            declaration: { [self] type in submit(type) })
    }

    /// Queues the client file, when the options ask for one; `module` needs only its header and operations.
    public func submitClient(for module: IRModule) {
        if renderer.wantsClient(module) { enqueue(.client(module)) }
    }

    /// Queues one top-level declaration.
    public func submit(_ type: IRType) {
        if renderer.options.files.contains(.types) { enqueue(.declaration(type)) }
    }

    /// Renders what is still queued, on this thread and the helpers, and returns the files for `module`, sorted by
    /// path. A declaration of `module` that was never submitted is rendered here.
    public func finish(_ module: IRModule) throws(TemplateError) -> [RenderedFile] {
        close(cancelling: false)
        var client: [UInt8]?
        var declarations: [String: String] = [:]
        for (job, result) in zip(jobs, results) {
            // Every job has a result: the queue was drained and the helpers have stopped.
            switch (job, try result!.get()) {
            case (.client, .client(let bytes)): client = bytes
            case (.declaration(let type), .declaration(let text)): declarations[type.name] = text
            default: preconditionFailure("a job's result is of another kind")
            }
        }
        if client == nil && renderer.wantsClient(module) {
            client = try renderer.renderClient(module, templates)
        }
        var rendered: [(IRType, String)] = []
        if renderer.options.files.contains(.types) {
            for type in module.types {
                if let text = declarations[type.name] {
                    rendered.append((type, text))
                } else {
                    rendered.append((type, try renderer.renderDeclaration(type, templates)))
                }
            }
        }
        return try renderer.assemble(module, client: client, declarations: rendered, library)
    }

    /// Stops the helpers without rendering the rest (translation failed).
    public func cancel() {
        close(cancelling: true)
    }

    private func enqueue(_ job: Job) {
        condition.lock()
        precondition(!closed, "a job was submitted to a render session after it was finished")
        jobs.append(job)
        results.append(nil)
        condition.signal()
        condition.unlock()
    }

    private func close(cancelling: Bool) {
        condition.lock()
        precondition(!closed, "a render session was finished twice")
        closed = true
        cancelled = cancelling
        condition.broadcast()
        condition.unlock()
        if !cancelling { work() }  // this thread helps with what is left
        helpers.wait()
    }

    /// Takes jobs until the queue is closed and empty (or cancelled).
    private func work() {
        while true {
            condition.lock()
            while next >= jobs.count && !closed { condition.wait() }
            guard !cancelled, next < jobs.count else {
                condition.unlock()
                return
            }
            let index = next
            next += 1
            let job = jobs[index]
            condition.unlock()
            let result: Result<Rendered, TemplateError>
            do throws(TemplateError) {
                switch job {
                case .client(let module): result = .success(.client(try renderer.renderClient(module, templates)))
                case .declaration(let type):
                    result = .success(.declaration(try renderer.renderDeclaration(type, templates)))
                }
            } catch {
                result = .failure(error)
            }
            condition.lock()
            results[index] = result
            condition.unlock()
        }
    }
}

extension Renderer {
    /// A session that renders declarations as they are submitted, on `helperCount` threads besides the caller's
    /// (by default one fewer than the active cores).
    /// `memoize: false` renders every declaration through swift-mustache instead of from a skeleton per shape (see
    /// ``CompiledTemplates``); the output is the same, which tests and the fuzz target check.
    public func startSession(helperCount: Int? = nil, memoize: Bool = true) throws(TemplateError) -> RenderSession {
        RenderSession(
            renderer: self, templates: try templates.compiled(memoize: memoize),
            helperCount: helperCount ?? max(0, ProcessInfo.processInfo.activeProcessorCount - 1))
    }
}
