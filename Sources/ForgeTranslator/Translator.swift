/// Turns a ``Document`` into an ``IRModule``: decides every Swift name, optionality and union shape.
public struct Translator {
    let document: Document
    let diagnostics: DiagnosticCollector
    let options: TranslatorOptions

    /// Top-level type names in use.
    var topLevelNames: Set<String> = []
    /// Named schemas (components, other `$ref` targets, shared inline schemas) → their top-level type name.
    var names: [SchemaID: String] = [:]
    /// Named schemas still to declare, in discovery order.
    var pending: [SchemaID] = []
    var declared: Set<SchemaID> = []
    var types: [IRType] = []
    /// Top-level type name → its schema, and → its index in `types` once declared (``type(named:)`` looks up both).
    var schemasByName: [String: SchemaID] = [:]
    var typeIndexes: [String: Int] = [:]
    var observer: TranslationObserver?
    /// Swift names already derived from spec names: the same property, case and type names recur across schemas.
    let nameCache = NameCache()

    /// Translates `document`. Problems that have a safe fallback are warnings in `diagnostics`. The `observer`
    /// sees each part of the module as soon as it is final, so that rendering can start while translation goes on.
    public static func translate(
        _ document: Document, options: TranslatorOptions = TranslatorOptions(), diagnostics: DiagnosticCollector,
        observer: TranslationObserver? = nil
    ) -> IRModule {
        var translator = Translator(document: document, diagnostics: diagnostics, options: options)
        translator.observer = observer
        return translator.run()
    }

    init(document: Document, diagnostics: DiagnosticCollector, options: TranslatorOptions) {
        self.document = document
        self.diagnostics = diagnostics
        self.options = options
    }

    mutating func run() -> IRModule {
        for id in document.componentSchemas {
            _ = name(for: id)
        }
        let operations = translateOperations()
        observer?.operations(module(types: [], operations: operations))
        var next = 0  // `pending` grows while it is walked
        while next < pending.count {
            let id = pending[next]
            next += 1
            guard !declared.contains(id), let schema = document.schemas[id], let name = names[id] else { continue }
            declared.insert(id)
            declare(declaration(for: schema, named: name))
        }
        types.sort { $0.name < $1.name }
        return module(types: types, operations: operations)
    }

    func module(types: [IRType], operations: [IROperation]) -> IRModule {
        IRModule(
            title: document.info.title, version: document.info.version, description: document.info.description,
            serverURL: document.servers.first?.url, types: types, operations: operations)
    }

    /// Adds a finished top-level declaration (it never changes afterwards).
    mutating func declare(_ type: IRType) {
        typeIndexes[type.name] = types.count
        types.append(type)
        observer?.declaration(type)
    }

    // MARK: - Names of named schemas

    /// The top-level name of a schema that is declared on its own (a component or a `$ref` target).
    mutating func name(for id: SchemaID) -> String {
        if let existing = names[id] { return existing }
        let suggested = suggestedName(for: id)
        let isComponent = id.pointer.tokens.count == 3 && id.pointer.tokens[0] == "components"
        let base = (isComponent ? options.typeNames[suggested] : nil) ?? nameCache.typeName(suggested)
        let name = uniqueTopLevelName(base, at: document.schemas[id]?.location)
        names[id] = name
        schemasByName[name] = id
        pending.append(id)
        return name
    }

    /// The declaration of a top-level type, declaring it now if it is still pending.
    mutating func type(named name: String) -> IRType? {
        if let index = typeIndexes[name] { return types[index] }
        guard let id = schemasByName[name], !declared.contains(id),
            let schema = document.schemas[id]
        else { return nil }
        declared.insert(id)
        let declaration = declaration(for: schema, named: name)
        declare(declaration)
        return declaration
    }

    /// `#/components/schemas/ThreadResource` → `ThreadResource`; a whole-file schema → its file name.
    func suggestedName(for id: SchemaID) -> String {
        if let last = id.pointer.last { return last }
        let file = id.file.split(separator: "/").last.map(String.init) ?? id.file
        return file.split(separator: ".").first.map(String.init) ?? file
    }

    mutating func uniqueTopLevelName(_ base: String, at location: SourceLocation?) -> String {
        var candidate = base
        if Naming.reservedTypeNames.contains(candidate) || options.reservedNames.contains(candidate) {
            candidate += "Model"
        }
        if topLevelNames.contains(candidate) {
            var counter = 2
            while topLevelNames.contains("\(candidate)\(counter)") { counter += 1 }
            diagnostics.warning(
                "the Swift name '\(candidate)' is already taken; this schema is named '\(candidate)\(counter)'",
                at: location)
            candidate = "\(candidate)\(counter)"
        }
        topLevelNames.insert(candidate)
        return candidate
    }

    /// How a declaration's source is shown: `#/components/schemas/X`, prefixed by its file when not the root.
    func sourceDescription(_ id: SchemaID) -> String {
        guard let root = document.files.first, id.file != root else { return "#\(id.pointer)" }
        let folder = SpecPath.directory(of: root)
        let file = folder.isEmpty || !id.file.hasPrefix(folder + "/") ? id.file : String(id.file.dropFirst(folder.count + 1))
        return "\(file)#\(id.pointer)"
    }
}

/// Receives the parts of a module while it is being translated, each once it is final.
public struct TranslationObserver {
    /// The module's header and operations; its `types` are still empty.
    public var operations: (IRModule) -> Void
    /// A top-level declaration (with its nested ones).
    public var declaration: (IRType) -> Void

    public init(operations: @escaping (IRModule) -> Void, declaration: @escaping (IRType) -> Void) {
        self.operations = operations
        self.declaration = declaration
    }
}

/// Results of ``Naming``'s pure functions by their input, for one translation (one thread). Only ASCII text is
/// cached: `String` keys compare by canonical equivalence, and `;` and U+037E, equal as keys, name differently.
final class NameCache {
    private var members: [String: String] = [:]
    private var cases: [String: String] = [:]
    private var types: [String: String] = [:]

    func memberName(_ text: String) -> String { cached(text, in: &members, Naming.memberName) }
    func caseName(_ rawValue: String) -> String { cached(rawValue, in: &cases, Naming.caseName) }
    func typeName(_ text: String) -> String { cached(text, in: &types, Naming.typeName) }

    private func cached(_ text: String, in table: inout [String: String], _ make: (String) -> String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return make(text) }
        if let known = table[text] { return known }
        let name = make(text)
        table[text] = name
        return name
    }
}
