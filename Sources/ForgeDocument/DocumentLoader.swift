import Dispatch
import Foundation

/// Reads a root document and every file it references, resolves `$ref`s, and builds a ``Document``.
///
/// References may not leave the root document's folder; remote (`http:`) references are refused.
public struct DocumentLoader {
    let reader: any SpecFileReader
    /// A worker's own, merged into the caller's in order (see ``buildInParallel(_:paths:)``).
    private(set) var diagnostics: DiagnosticCollector
    let limits: YAMLLimits
    let rootFile: String
    let rootFolder: String

    private var files: [String: YAMLNode] = [:]
    private var failedFiles: Set<String> = []
    private var fileOrder: [String] = []
    private var schemas: [SchemaID: Schema] = [:]
    private var queued: Set<SchemaID> = []
    private var queue: [Cursor] = []
    private var componentSchemas: [SchemaID] = []
    /// The names `components/securitySchemes` defines, which security requirements must use.
    private var schemeNames: Set<String> = []
    /// How deep ``schema(_:)`` is nested, against ``maxSchemaDepth``.
    private var schemaDepth = 0
    /// Key → position tables of large mappings that `$ref`s point into, by the mapping's file and pointer.
    private var mappingIndexes: [SchemaID: [String: Int]] = [:]
    private var reportedSchemaDepth = false
    /// Whether long runs of queued schemas, and the paths with the first of them, are shared by two loaders working in
    /// parallel.
    private var parallel = true
    /// Set in a worker: it must not load a file (that would change what the caller has loaded, and in which order).
    private var isWorker = false
    /// A worker met what only the caller may do; its results are dropped and the caller does the work itself.
    private var workerGaveUp = false
    /// Queued schemas from this many on are shared by two loaders (fewer are not worth a thread).
    static let parallelThreshold = 64
    /// Batches tried in parallel, those whose workers did not give up, and whether the paths were in one of those
    /// (tests check the parallel path ran).
    private var parallelBatches = (tried: 0, built: 0, withPaths: false)
    /// Deepest nesting of inline schemas; deeper input is refused so later stages never recurse too far.
    static let maxSchemaDepth = 64

    /// Loads `root` and what it references. Errors go to `diagnostics`; the result is `nil` if any occurred.
    /// `parallel: false` builds everything on the calling thread; the result and the diagnostics are the same,
    /// which tests and the fuzz target check. With `release`, the files' YAML trees are handed to it instead of
    /// being freed on return.
    public static func load(
        root: String, reader: any SpecFileReader, diagnostics: DiagnosticCollector, limits: YAMLLimits = .default,
        parallel: Bool = true, deferringReleaseTo release: DeferredRelease? = nil
    ) -> Document? {
        loadCountingBatches(
            root: root, reader: reader, diagnostics: diagnostics, limits: limits,
            parallel: parallel && ProcessInfo.processInfo.activeProcessorCount > 1, deferringReleaseTo: release
        ).document
    }

    /// ``load(root:reader:diagnostics:limits:parallel:)``, with `parallel` taken as given (even on one core), how
    /// many batches were tried and built in parallel, and whether the paths were built in parallel.
    static func loadCountingBatches(
        root: String, reader: any SpecFileReader, diagnostics: DiagnosticCollector, limits: YAMLLimits = .default,
        parallel: Bool, deferringReleaseTo release: DeferredRelease? = nil
    ) -> (document: Document?, tried: Int, built: Int, pathsInParallel: Bool) {
        let normalizedRoot = SpecPath.normalize(root) ?? root
        var loader = DocumentLoader(
            reader: reader, diagnostics: diagnostics, limits: limits, rootFile: normalizedRoot,
            rootFolder: SpecPath.directory(of: normalizedRoot))
        loader.parallel = parallel
        let document = loader.run()
        release?.keep(loader.files)
        return (
            diagnostics.hasErrors ? nil : document, loader.parallelBatches.tried, loader.parallelBatches.built,
            loader.parallelBatches.withPaths
        )
    }

    private init(
        reader: any SpecFileReader, diagnostics: DiagnosticCollector, limits: YAMLLimits, rootFile: String,
        rootFolder: String
    ) {
        self.reader = reader
        self.diagnostics = diagnostics
        self.limits = limits
        self.rootFile = rootFile
        self.rootFolder = rootFolder
    }

    // MARK: - Cursor

    /// A node, the file it is in and its pointer there: enough to resolve relative `$ref`s and name things.
    struct Cursor {
        var file: String
        var node: YAMLNode
        var pointer: JSONPointer
        /// The `$ref`s followed to reach this node, outermost first (see ``ReferenceChain``).
        var chain = ReferenceChain()

        func child(_ key: String) -> Cursor? {
            guard let value = node[key] else { return nil }
            return Cursor(file: file, node: value, pointer: pointer.appending(key), chain: chain)
        }

        func children(_ key: String) -> [Cursor]? {
            guard let value = node[key], let items = value.items else { return nil }
            let base = pointer.appending(key)
            return items.enumerated().map {
                Cursor(file: file, node: $1, pointer: base.appending(String($0)), chain: chain)
            }
        }

        /// The entries of a mapping, each with its key's text.
        var entries: [(key: String, keyLocation: SourceLocation, cursor: Cursor)] {
            (node.pairs ?? []).map { pair in
                let key = pair.key.scalar?.value ?? ""
                return (
                    key, pair.key.location,
                    Cursor(file: file, node: pair.value, pointer: pointer.appending(key), chain: chain)
                )
            }
        }

        var location: SourceLocation { node.location }

        /// The schema here, as `$ref`s and ``Document/schemas`` name it.
        var id: SchemaID { SchemaID(file: file, pointer: pointer) }

        /// One note per `$ref` that led here, innermost first.
        var notes: [Diagnostic] { chain.notes }
    }

    /// The `$ref`s followed to reach a node, so that an error inside referenced content can say how it was reached.
    /// Bounded: a very long chain keeps its outermost `$ref` and the innermost ones, and counts what it drops.
    struct ReferenceChain {
        static let limit = 16
        /// Outermost first.
        private(set) var locations: [SourceLocation] = []
        private(set) var dropped = 0

        func appending(_ location: SourceLocation) -> ReferenceChain {
            var result = self
            if result.locations.count >= ReferenceChain.limit {
                result.locations.remove(at: 1)
                result.dropped += 1
            }
            result.locations.append(location)
            return result
        }

        /// `referenced from here` for each `$ref`, innermost first.
        var notes: [Diagnostic] {
            var notes = locations.reversed().map { Diagnostic.note("referenced from here", at: $0) }
            if dropped > 0 {
                notes.insert(
                    Diagnostic(.note, "\(dropped) more $ref\(dropped == 1 ? "" : "s") on the way are not shown", at: nil),
                    at: notes.count - 1)
            }
            return notes
        }
    }

    /// Reports an error inside `cursor`'s content, with notes for the `$ref`s that led there.
    private func error(_ message: String, at location: SourceLocation?, in cursor: Cursor, notes: [Diagnostic] = []) {
        diagnostics.error(message, at: location, notes: notes + cursor.notes)
    }

    // MARK: - Run

    private mutating func run() -> Document? {
        guard let root = file(rootFile, referencedFrom: nil, chain: ReferenceChain()) else { return nil }
        let cursor = Cursor(file: rootFile, node: root, pointer: JSONPointer())
        guard expectMapping(cursor, "the OpenAPI document") else { return nil }

        var version = "3.1.0"
        if cursor.node["openapi"] == nil, let swagger = cursor.node["swagger"] {
            diagnostics.error(
                "this is a Swagger \(swagger.string ?? "2.0") document; this generator reads OpenAPI 3.0 and 3.1 (convert it first)",
                at: swagger.location)
        } else if let text = requiredString(cursor, "openapi", in: "the OpenAPI document") {
            version = text
            if !version.hasPrefix("3.") {
                diagnostics.error(
                    "unsupported OpenAPI version '\(version)'; this generator reads 3.0 and 3.1",
                    at: cursor.child("openapi")?.location)
            }
        }
        var info = Document.Info(title: "", version: "")
        if let infoCursor = cursor.child("info") {
            if expectMapping(infoCursor, "the info object") {
                info.title = requiredString(infoCursor, "title", in: "the info object") ?? ""
                info.version = requiredString(infoCursor, "version", in: "the info object") ?? ""
                info.description = string(infoCursor, "description")
            }
        } else {
            diagnostics.error("the OpenAPI document is missing the required field 'info'", at: cursor.location)
        }
        let servers = (list(cursor, "servers") ?? []).compactMap { server -> Document.Server? in
            guard expectMapping(server, "a server"), let url = requiredString(server, "url", in: "a server") else {
                return nil
            }
            return Document.Server(url: url, description: string(server, "description"))
        }
        var schemes: [SecurityScheme] = []
        if let components = cursor.child("components"), expectMapping(components, "the components object"),
            let schemeMap = components.child("securitySchemes"), expectMapping(schemeMap, "components/securitySchemes")
        {
            for entry in schemeMap.entries {
                schemeNames.insert(entry.key)
                guard let scheme = deref(entry.cursor, "security scheme") else { continue }
                schemes.append(securityScheme(name: entry.key, scheme))
            }
        }
        let security = securityRequirements(cursor.child("security")) ?? []

        var paths = cursor.child("paths")
        if let cursor = paths, !expectMapping(cursor, "the paths object") { paths = nil }
        let operations = buildOperationsAndSchemas(paths: paths)
        checkReferenceCycles()

        return Document(
            version: version, info: info, servers: servers, operations: operations, schemas: schemas,
            componentSchemas: componentSchemas, securitySchemes: schemes, security: security, files: fileOrder)
    }

    // MARK: - Files and references

    /// Parses `path` once and registers its `components/schemas` for emission. `reference` is the `$ref` that
    /// names the file and `chain` the `$ref`s that led to that one.
    private mutating func file(_ path: String, referencedFrom reference: SourceLocation?, chain: ReferenceChain)
        -> YAMLNode?
    {
        if let node = files[path] { return node }
        if failedFiles.contains(path) { return nil }
        if isWorker {
            workerGaveUp = true
            return nil
        }
        let fileChain = reference.map { chain.appending($0) } ?? chain
        let node: YAMLNode
        do throws(YAMLError) {
            if let parsed = reader.parsed(path, limits: limits) {
                node = try parsed.get()
            } else {
                let bytes: [UInt8]
                do {
                    bytes = try reader.read(path)
                } catch {
                    failedFiles.insert(path)
                    diagnostics.error(
                        reference == nil
                            ? "cannot read '\(path)': \(error)" : "cannot read '\(path)' named by this $ref: \(error)",
                        at: reference, notes: chain.notes)
                    return nil
                }
                node = try YAMLParser.parse(bytes, file: path, limits: limits)
            }
        } catch {
            failedFiles.insert(path)
            var diagnostic = Diagnostic(error)
            diagnostic.notes += fileChain.notes
            diagnostics.emit(diagnostic)
            return nil
        }
        files[path] = node
        fileOrder.append(path)
        let cursor = Cursor(file: path, node: node, pointer: JSONPointer(), chain: fileChain)
        if let schemaMap = cursor.child("components")?.child("schemas"), expectMapping(schemaMap, "components/schemas")
        {
            for entry in schemaMap.entries {
                componentSchemas.append(enqueue(entry.cursor))
            }
        }
        return node
    }

    /// Resolves a `$ref` string written at `cursor` to the node it names; the result's chain includes the `$ref`.
    private mutating func resolve(_ reference: String, from cursor: Cursor, at location: SourceLocation) -> Cursor? {
        let hash = reference.utf8.firstIndex(of: UInt8(ascii: "#"))  // by bytes, not Characters; `#` is ASCII
        let filePart = String(hash.map { reference[..<$0] } ?? reference[...])
        let fragment = hash.map { String(reference[reference.utf8.index(after: $0)...]) } ?? ""
        var target = cursor.file
        if !filePart.isEmpty {
            if filePart.contains("://") {
                error(
                    "remote reference '\(reference)' is not supported; download it next to the spec", at: location,
                    in: cursor)
                return nil
            }
            guard let decoded = JSONPointer.percentDecode(filePart), let joined = SpecPath.join(SpecPath.directory(of: cursor.file), decoded),
                SpecPath.isInside(joined, folder: rootFolder) || joined == rootFile
            else {
                error(
                    "$ref '\(reference)' points outside the spec's folder '\(rootFolder.isEmpty ? "." : rootFolder)'; it is refused",
                    at: location, in: cursor)
                return nil
            }
            target = joined
        }
        guard let pointer = JSONPointer(fragment: fragment) else {
            error("$ref '\(reference)' has an invalid JSON pointer '#\(fragment)'", at: location, in: cursor)
            return nil
        }
        guard let root = file(target, referencedFrom: location, chain: cursor.chain) else { return nil }
        switch lookup(pointer, in: root, file: target) {
        case .success(let node):
            return Cursor(file: target, node: node, pointer: pointer, chain: cursor.chain.appending(location))
        case .failure(let missing):
            let found = JSONPointer(tokens: Array(pointer.tokens.prefix(missing.index)))
            error(
                "cannot resolve $ref '\(reference)': '\(missing.token)' not found in \(target)#\(found)",
                at: location, in: cursor, notes: [.note("looked in here", at: missing.parent)])
            return nil
        }
    }

    /// ``JSONPointer/resolve(in:)``, with an index for large mappings so that resolving many `$ref`s into one
    /// `components` section stays linear.
    private mutating func lookup(_ pointer: JSONPointer, in root: YAMLNode, file: String)
        -> Result<YAMLNode, JSONPointer.MissingToken>
    {
        var node = root
        for (index, token) in pointer.tokens.enumerated() {
            guard let pairs = node.pairs, pairs.count > 16 else {
                switch JSONPointer(tokens: [token]).resolve(in: node) {
                case .success(let next): node = next
                case .failure(let missing):
                    return .failure(JSONPointer.MissingToken(index: index, token: token, parent: missing.parent))
                }
                continue
            }
            let key = SchemaID(file: file, pointer: JSONPointer(tokens: Array(pointer.tokens.prefix(index))))
            let table: [String: Int]
            if let existing = mappingIndexes[key] {
                table = existing
            } else {
                var built: [String: Int] = [:]
                for (position, pair) in pairs.enumerated() {
                    if let text = pair.key.scalar?.value, built[text] == nil { built[text] = position }
                }
                mappingIndexes[key] = built
                table = built
            }
            guard let position = table[token] else {
                return .failure(JSONPointer.MissingToken(index: index, token: token, parent: node.location))
            }
            node = pairs[position].value
        }
        return .success(node)
    }

    /// The text of a `$ref`; an error (and `nil`) when it is not a string.
    private func referenceText(_ node: YAMLNode, in cursor: Cursor) -> String? {
        if let scalar = node.scalar, !node.isNull, !scalar.isPlain || (node.numberText == nil && node.bool == nil) {
            return scalar.value
        }
        error("$ref must be a string, found \(kindName(node))", at: node.location, in: cursor)
        return nil
    }

    /// Follows `$ref`s of a non-schema object (parameter, response, path item…) to the object itself.
    private mutating func deref(_ start: Cursor, _ what: String) -> Cursor? {
        var cursor = start
        // Where each `$ref` on the way was written, and the chain that reached it.
        var seen: [(id: SchemaID, chain: ReferenceChain)] = []
        var seenIndex: [SchemaID: Int] = [:]
        while let refNode = cursor.node["$ref"] {
            guard let reference = referenceText(refNode, in: cursor) else { return nil }
            let here = cursor.id
            if let first = seenIndex[here] {
                let cycle = seen[first...].map(\.id) + [here]
                diagnostics.error(
                    "$ref cycle with no \(what) in it: \(describeCycle(cycle))", at: refNode.location,
                    notes: seen[first].chain.notes)
                return nil
            }
            seenIndex[here] = seen.count
            seen.append((here, cursor.chain))
            guard let next = resolve(reference, from: cursor, at: refNode.location) else { return nil }
            cursor = next
        }
        return expectMapping(cursor, "a \(what)") ? cursor : nil
    }

    /// `a → b → a`, shortened in the middle when the cycle is long.
    private func describeCycle(_ cycle: [SchemaID]) -> String {
        let names = cycle.map(\.description)
        guard names.count > 8 else { return names.joined(separator: " → ") }
        return (names.prefix(4) + ["… \(names.count - 7) more …"] + names.suffix(3)).joined(separator: " → ")
    }

    // MARK: - Paths and operations

    /// The operations of every path item in `paths`.
    private mutating func operations(in paths: Cursor) -> [Operation] {
        var operations: [Operation] = []
        for entry in paths.entries where !workerGaveUp {
            guard entry.key.hasPrefix("/") else {
                if !entry.key.hasPrefix("x-") {
                    diagnostics.error("path '\(entry.key)' must start with '/'", at: entry.keyLocation)
                }
                continue
            }
            operations += pathItem(path: entry.key, entry.cursor)
        }
        return operations
    }

    /// The keys a path item may hold besides the HTTP methods.
    private static let pathItemKeys: Set<String> = ["$ref", "summary", "description", "servers", "parameters"]

    private mutating func pathItem(path: String, _ start: Cursor) -> [Operation] {
        guard let item = deref(start, "path item") else { return [] }
        let shared = parameters(list(item, "parameters") ?? [])
        var operations: [Operation] = []
        for entry in item.entries {
            guard let method = HTTPMethod(rawValue: entry.key) else {
                if !entry.key.hasPrefix("x-") && !Self.pathItemKeys.contains(entry.key) {
                    let known = HTTPMethod.allCases.map(\.rawValue) + Self.pathItemKeys.sorted()
                    error(
                        unknownKeyMessage(
                            entry.key, in: "the path item '\(path)'", known: known,
                            expected: "an HTTP method, parameters, summary, description, servers or x-…"),
                        at: entry.keyLocation, in: item)
                }
                continue
            }
            guard expectMapping(entry.cursor, "an operation") else { continue }
            operations.append(operation(method: method, path: path, shared: shared, entry.cursor))
        }
        return operations
    }

    /// The fields of an operation object.
    private static let operationKeys = [
        "tags", "summary", "description", "externalDocs", "operationId", "parameters", "requestBody", "responses",
        "callbacks", "deprecated", "security", "servers",
    ]

    private mutating func operation(method: HTTPMethod, path: String, shared: [Parameter], _ cursor: Cursor)
        -> Operation
    {
        for entry in cursor.entries where !entry.key.hasPrefix("x-") && !Self.operationKeys.contains(entry.key) {
            error(
                unknownKeyMessage(
                    entry.key, in: "the operation '\(method.rawValue) \(path)'", known: Self.operationKeys,
                    expected: Self.operationKeys.joined(separator: ", ") + " or x-…"),
                at: entry.keyLocation, in: cursor)
        }
        var merged = shared
        for parameter in parameters(list(cursor, "parameters") ?? []) {
            merged.removeAll { $0.name == parameter.name && $0.location == parameter.location }
            merged.append(parameter)
        }
        var body: RequestBody?
        if let bodyCursor = cursor.child("requestBody"), let resolved = deref(bodyCursor, "request body") {
            body = RequestBody(
                description: string(resolved, "description"), required: bool(resolved, "required") ?? false,
                content: content(resolved.child("content")), location: resolved.location)
        }
        var responses: [Response] = []
        if let responseMap = cursor.child("responses"), expectMapping(responseMap, "the responses object") {
            for entry in responseMap.entries where !entry.key.hasPrefix("x-") {
                guard Self.isResponseStatus(entry.key) else {
                    error(
                        "response status '\(entry.key)' must be an HTTP status code (200), a range (2XX) or 'default'",
                        at: entry.keyLocation, in: responseMap)
                    continue
                }
                guard let resolved = deref(entry.cursor, "response") else { continue }
                var headers: [Header] = []
                if let headerMap = resolved.child("headers"), expectMapping(headerMap, "'headers' to be a mapping of header names", exactly: true) {
                    for header in headerMap.entries {
                        guard let headerCursor = deref(header.cursor, "header") else { continue }
                        headers.append(
                            Header(
                                name: header.key, description: string(headerCursor, "description"),
                                required: bool(headerCursor, "required") ?? false,
                                schema: headerCursor.child("schema").map { schema($0) }))
                    }
                }
                responses.append(
                    Response(
                        status: entry.key, description: string(resolved, "description"), headers: headers,
                        content: content(resolved.child("content")), location: entry.keyLocation))
            }
        }
        var tags: [String] = []
        for tag in list(cursor, "tags") ?? [] {
            guard let text = tag.node.string else {
                error("a tag must be a string, found \(kindName(tag.node))", at: tag.location, in: tag)
                continue
            }
            tags.append(text)
        }
        return Operation(
            method: method, path: path, operationID: string(cursor, "operationId"), summary: string(cursor, "summary"),
            description: string(cursor, "description"), tags: tags,
            deprecated: bool(cursor, "deprecated") ?? false, parameters: merged, requestBody: body,
            responses: responses, security: securityRequirements(cursor.child("security")), location: cursor.location,
            operationIDLocation: cursor.node["operationId"]?.location)
    }

    /// `200`, `2XX` or `default`.
    static func isResponseStatus(_ key: String) -> Bool {
        if key == "default" { return true }
        let bytes = Array(key.utf8)
        guard bytes.count == 3, (UInt8(ascii: "1")...UInt8(ascii: "5")).contains(bytes[0]) else { return false }
        let digits = bytes.dropFirst().allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        let range = bytes.dropFirst().allSatisfy { $0 == UInt8(ascii: "X") || $0 == UInt8(ascii: "x") }
        return digits || range
    }

    private mutating func parameters(_ cursors: [Cursor]) -> [Parameter] {
        cursors.compactMap { start in
            guard let cursor = deref(start, "parameter") else { return nil }
            guard let name = requiredString(cursor, "name", in: "a parameter"),
                let placeText = requiredString(cursor, "in", in: "a parameter")
            else { return nil }
            guard let place = Parameter.Location(rawValue: placeText) else {
                error(
                    "parameter '\(name)' has 'in: \(placeText)'; expected path, query, header or cookie",
                    at: cursor.child("in")?.location, in: cursor)
                return nil
            }
            var parameterSchema = cursor.child("schema").map { schema($0) }
            if parameterSchema == nil, let media = content(cursor.child("content")).first {
                parameterSchema = media.schema
            }
            return Parameter(
                name: name, location: place, required: place == .path || (bool(cursor, "required") ?? false),
                description: string(cursor, "description"), deprecated: bool(cursor, "deprecated") ?? false,
                schema: parameterSchema, style: string(cursor, "style"), explode: bool(cursor, "explode"),
                sourceLocation: cursor.location)
        }
    }

    private mutating func content(_ cursor: Cursor?) -> [MediaType] {
        guard let cursor, expectMapping(cursor, "'content' to be a mapping of media types", exactly: true) else { return [] }
        return cursor.entries.compactMap { entry in
            if entry.cursor.node.isNull { return MediaType(contentType: entry.key, schema: nil) }
            guard expectMapping(entry.cursor, "the media type '\(entry.key)'") else { return nil }
            return MediaType(contentType: entry.key, schema: entry.cursor.child("schema").map { schema($0) })
        }
    }

    private mutating func securityRequirements(_ cursor: Cursor?) -> [[String]]? {
        guard let cursor else { return nil }
        guard let items = list(cursor) else { return nil }
        var result: [[String]] = []
        for item in items {
            guard expectMapping(item, "a security requirement") else { continue }
            var names: [String] = []
            for entry in item.entries {
                if !schemeNames.contains(entry.key) {
                    error(
                        "security requirement names '\(entry.key)', which components/securitySchemes does not define",
                        at: entry.keyLocation, in: item)
                }
                names.append(entry.key)
            }
            result.append(names)
        }
        return result
    }

    private mutating func securityScheme(name: String, _ cursor: Cursor) -> SecurityScheme {
        let type = requiredString(cursor, "type", in: "a security scheme") ?? ""
        let kind: SecurityScheme.Kind
        switch type {
        case "http":
            switch string(cursor, "scheme")?.lowercased() {
            case "bearer": kind = .httpBearer
            case "basic": kind = .httpBasic
            case let other: kind = .other("http \(other ?? "")")
            }
        case "apiKey":
            kind = .apiKey(name: string(cursor, "name") ?? "", in: string(cursor, "in") ?? "header")
        default:
            kind = .other(type)
        }
        return SecurityScheme(name: name, kind: kind, description: string(cursor, "description"))
    }

    // MARK: - Schemas

    /// Queues the schema at `cursor` unless it is built or queued already; returns its ID.
    @discardableResult
    private mutating func enqueue(_ cursor: Cursor) -> SchemaID {
        let id = cursor.id
        guard schemas[id] == nil, !queued.contains(id) else { return id }
        queued.insert(id)
        queue.append(cursor)
        return id
    }

    /// Builds a queued schema into ``schemas``.
    private mutating func build(_ cursor: Cursor) {
        schemas[cursor.id] = schema(cursor)
    }

    /// Builds the operations under `paths`, then every queued schema, first in, first out, so that diagnostics come
    /// in source order: the paths' first, then the schemas' in the order they were queued. Long runs of queued
    /// schemas, and the paths with the first of them, are built in parallel (see ``buildInParallel(_:paths:)``).
    private mutating func buildOperationsAndSchemas(paths: Cursor?) -> [Operation] {
        var operations: [Operation]?
        var next = 0
        var oneByOneUntil = 0  // after a parallel attempt that gave up: retrying at every step would be quadratic
        while operations == nil || next < queue.count {
            let end = queue.count
            if parallel, next >= oneByOneUntil, end - next >= Self.parallelThreshold {
                switch buildInParallel(next..<end, paths: operations == nil ? paths : nil) {
                case .built(let built):
                    operations = operations ?? built
                    next = end  // what the workers queued comes after
                    continue
                case .gaveUpInPaths:
                    break  // the paths are built here, next; the schemas are then tried in parallel once more
                case .gaveUp:
                    oneByOneUntil = end
                }
            }
            if operations == nil {
                operations = paths.map { self.operations(in: $0) } ?? []
                continue
            }
            build(queue[next])
            next += 1
        }
        queue.removeAll()
        return operations ?? []
    }

    /// Builds the queued schemas in `range`, and the operations under `paths` when given, with two loaders on two
    /// threads, each a copy of this one. The work is cut into units (the paths, then runs of schemas) that the two
    /// take in turn; each unit records its diagnostics, the schemas it built and those it found to queue, and they
    /// are merged in the units' order, which is the order building them one by one gives. A unit that would load
    /// another file, or report the depth limit (reported once per run), makes its loader give up: then nothing
    /// changed, and the result says whether it was the paths that gave up.
    private mutating func buildInParallel(_ range: Range<Int>, paths: Cursor?) -> ParallelOutcome {
        parallelBatches.tried += 1
        enum Unit {
            case paths(Cursor)
            case schemas(Range<Int>)
        }
        struct Built {
            var diagnostics: [Diagnostic] = []
            var queue: [Cursor] = []
            var schemas: [SchemaID: Schema] = [:]
            var operations: [Operation] = []
            var gaveUp = false
        }
        // Runs of schemas small enough that the two loaders finish close together.
        let size = max(8, range.count / 24)
        let units: [Unit] =
            (paths.map { [.paths($0)] } ?? [])
            + stride(from: range.lowerBound, to: range.upperBound, by: size).map {
                .schemas($0..<min($0 + size, range.upperBound))
            }
        var workers = [self, self]
        for index in workers.indices {
            workers[index].queue = []
            workers[index].schemas = [:]
            workers[index].isWorker = true
            workers[index].parallel = false
        }
        var built = Array(repeating: Built(), count: units.count)
        let depthReported = reportedSchemaDepth
        let batch = queue
        let taken = UnitCounter()
        workers.withUnsafeMutableBufferPointer { workers in
            built.withUnsafeMutableBufferPointer { built in
                nonisolated(unsafe) let workers = workers
                nonisolated(unsafe) let built = built
                DispatchQueue.concurrentPerform(iterations: 2) { index in
                    // Each iteration uses only its own worker and the units it takes; the trees they read are shared
                    // and not modified.
                    while !workers[index].workerGaveUp, let unit = taken.next(below: units.count) {
                        workers[index].diagnostics = DiagnosticCollector()
                        switch units[unit] {
                        case .paths(let cursor):
                            built[unit].operations = workers[index].operations(in: cursor)
                        case .schemas(let range):
                            for cursor in batch[range] where !workers[index].workerGaveUp {
                                workers[index].build(cursor)
                            }
                        }
                        built[unit].diagnostics = workers[index].diagnostics.diagnostics
                        swap(&built[unit].queue, &workers[index].queue)
                        swap(&built[unit].schemas, &workers[index].schemas)
                        if workers[index].workerGaveUp {
                            built[unit].gaveUp = true
                            taken.stop()
                        } else if workers[index].reportedSchemaDepth != depthReported {
                            taken.stop()  // reported once per run: the batch is built one by one instead
                        }
                    }
                }
            }
        }
        if paths != nil, built[0].gaveUp { return .gaveUpInPaths }
        guard workers.allSatisfy({ !$0.workerGaveUp && $0.reportedSchemaDepth == depthReported }) else {
            return .gaveUp
        }
        var operations: [Operation] = []
        for unit in built {
            schemas.merge(unit.schemas) { first, _ in first }
            for diagnostic in unit.diagnostics { diagnostics.emit(diagnostic) }
            operations += unit.operations
        }
        for worker in workers {
            for (id, table) in worker.mappingIndexes where mappingIndexes[id] == nil { mappingIndexes[id] = table }
        }
        for unit in built {
            for cursor in unit.queue { enqueue(cursor) }
        }
        parallelBatches.built += 1
        if paths != nil { parallelBatches.withPaths = true }
        return .built(operations)
    }

    private enum ParallelOutcome {
        /// The operations (none without paths).
        case built([Operation])
        case gaveUp
        /// The paths gave up: building them would load another file.
        case gaveUpInPaths
    }

    /// Hands out unit numbers to the threads of ``buildInParallel(_:paths:)``, each once, in order.
    private final class UnitCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var taken = 0

        func next(below count: Int) -> Int? {
            lock.withLock {
                guard taken < count else { return nil }
                taken += 1
                return taken - 1
            }
        }

        /// Hands out no more units (a loader gave up: the results will not be used).
        func stop() {
            lock.withLock { taken = .max }
        }
    }

    /// A schema and, inline, its sub-schemas; `$ref` targets are queued and kept as IDs.
    mutating func schema(_ cursor: Cursor) -> Schema {
        var result = Schema(id: cursor.id, location: cursor.location)
        if let flag = cursor.node.bool {
            result.isFalse = !flag
            return result
        }
        guard cursor.node.pairs != nil else {
            error("a schema must be a mapping or a boolean, found \(kindName(cursor.node))", at: cursor.location, in: cursor)
            return result
        }
        guard schemaDepth < DocumentLoader.maxSchemaDepth else {
            if !reportedSchemaDepth {
                reportedSchemaDepth = true
                error(
                    "schemas nested deeper than \(DocumentLoader.maxSchemaDepth) levels; the input is refused",
                    at: cursor.location, in: cursor)
            }
            return result
        }
        schemaDepth += 1
        defer { schemaDepth -= 1 }

        if let refNode = cursor.node["$recursiveRef"] ?? cursor.node["$dynamicRef"] {
            // JSON Schema 2019-09 / 2020-12 recursion: the nearest enclosing schema that declares the anchor (the
            // OpenAI spec's CompoundFilter uses `$recursiveRef: "#"` beside `$recursiveAnchor: true`).
            if let target = recursiveTarget(of: cursor, reference: refNode.string ?? "#") {
                result.ref = Reference(target: enqueue(target), location: refNode.location)
            } else {
                error("no enclosing schema declares the anchor this reference needs", at: refNode.location, in: cursor)
            }
        }
        if let refNode = cursor.node["$ref"] {
            if let text = referenceText(refNode, in: cursor), let target = resolve(text, from: cursor, at: refNode.location) {
                result.ref = Reference(target: enqueue(target), location: refNode.location)
            }
        }

        if let typeCursor = cursor.child("type") {
            let names: [YAMLNode] = typeCursor.node.items ?? [typeCursor.node]
            for name in names {
                guard let text = name.string, let type = JSONType(rawValue: text) else {
                    error(unknownTypeMessage(name), at: name.location, in: cursor)
                    continue
                }
                if type == .null { result.nullable = true } else { result.types.append(type) }
            }
            if result.types.isEmpty && result.nullable { result.types = [.null] }
        }
        if bool(cursor, "nullable") == true { result.nullable = true }

        result.title = string(cursor, "title")
        result.description = string(cursor, "description")
        result.format = string(cursor, "format")
        result.deprecated = bool(cursor, "deprecated") ?? false
        result.readOnly = bool(cursor, "readOnly") ?? false
        result.writeOnly = bool(cursor, "writeOnly") ?? false

        if let enumCursor = cursor.child("enum") {
            if let items = enumCursor.node.items {
                var values = items.map(literal)
                if values.contains(.null) {
                    result.nullable = true
                    values.removeAll { $0 == .null }
                }
                result.enumValues = values
            } else {
                error("'enum' must be a list, found \(kindName(enumCursor.node))", at: enumCursor.location, in: cursor)
            }
        }
        if let constNode = cursor.node["const"] {
            let value = literal(constNode)
            if value == .null { result.nullable = true } else { result.constValue = value }
        }
        if let defaultNode = cursor.node["default"] { result.defaultValue = literal(defaultNode) }

        if let propertyMap = cursor.child("properties"), expectMapping(propertyMap, "'properties'") {
            result.properties = propertyMap.entries.map { Schema.Property(name: $0.key, schema: schema($0.cursor)) }
        }
        if let requiredCursor = cursor.child("required") {
            if let items = requiredCursor.node.items {
                result.required = items.compactMap(\.string)
            } else if requiredCursor.node.bool == nil {
                error(
                    "'required' must be a list of property names, found \(kindName(requiredCursor.node))",
                    at: requiredCursor.location, in: cursor)
            }
        }
        if let additional = cursor.child("additionalProperties") {
            if let flag = additional.node.bool {
                result.additionalProperties = .allowed(flag)
            } else {
                result.additionalProperties = .schema(schema(additional))
            }
        }
        result.items = cursor.child("items").map { schema($0) }
        result.propertyNames = cursor.child("propertyNames").map { schema($0) }
        result.not = cursor.child("not").map { schema($0) }
        result.oneOf = schemaList(cursor, "oneOf")
        result.anyOf = schemaList(cursor, "anyOf")
        result.allOf = schemaList(cursor, "allOf")

        if let discriminatorCursor = cursor.child("discriminator"), expectMapping(discriminatorCursor, "a discriminator"),
            let propertyName = requiredString(discriminatorCursor, "propertyName", in: "a discriminator")
        {
            var mapping: [Schema.Discriminator.Mapping] = []
            let mappingCursor = discriminatorCursor.child("mapping")
            let mappingEntries = mappingCursor.flatMap { expectMapping($0, "a discriminator's mapping") ? $0.entries : nil }
            for entry in mappingEntries ?? [] {
                guard let text = entry.cursor.node.string else {
                    error(
                        "a discriminator mapping value must be a schema name or a $ref, found \(kindName(entry.cursor.node))",
                        at: entry.cursor.location, in: entry.cursor)
                    continue
                }
                let reference = text.contains("/") || text.contains("#") ? text : "#/components/schemas/\(text)"
                if let target = resolve(reference, from: entry.cursor, at: entry.cursor.location) {
                    mapping.append(Schema.Discriminator.Mapping(value: entry.key, target: enqueue(target)))
                }
            }
            result.discriminator = Schema.Discriminator(
                propertyName: propertyName, mapping: mapping, location: discriminatorCursor.location)
        }

        result.minimum = number(cursor, "minimum")
        result.maximum = number(cursor, "maximum")
        // 3.0 writes `exclusiveMinimum: true` beside `minimum`; 3.1 writes the bound itself.
        if let flag = cursor.node["exclusiveMinimum"]?.bool {
            if flag { result.exclusiveMinimum = result.minimum }
        } else {
            result.exclusiveMinimum = number(cursor, "exclusiveMinimum")
        }
        if let flag = cursor.node["exclusiveMaximum"]?.bool {
            if flag { result.exclusiveMaximum = result.maximum }
        } else {
            result.exclusiveMaximum = number(cursor, "exclusiveMaximum")
        }
        result.minLength = int(cursor, "minLength")
        result.maxLength = int(cursor, "maxLength")
        result.pattern = string(cursor, "pattern")
        result.minItems = int(cursor, "minItems")
        result.maxItems = int(cursor, "maxItems")
        result.minProperties = int(cursor, "minProperties")
        result.maxProperties = int(cursor, "maxProperties")
        for pair in cursor.node.pairs ?? [] {
            if let key = pair.key.scalar?.value, key.hasPrefix("x-") {
                result.extensions[key] = literal(pair.value)
            }
        }
        return result
    }

    /// The enclosing schema a `$recursiveRef: "#"` (nearest `$recursiveAnchor: true`) or `$dynamicRef: "#name"`
    /// (nearest `$dynamicAnchor: name`) designates; the outermost enclosing component schema when none declares it.
    private func recursiveTarget(of cursor: Cursor, reference: String) -> Cursor? {
        guard let root = files[cursor.file] else { return nil }
        let anchorName = reference.hasPrefix("#") ? String(reference.dropFirst()) : reference
        var tokens = cursor.pointer.tokens
        var outermost: Cursor?
        while !tokens.isEmpty {
            tokens.removeLast()
            let pointer = JSONPointer(tokens: tokens)
            guard case .success(let node) = pointer.resolve(in: root), node.pairs != nil else { continue }
            let candidate = Cursor(file: cursor.file, node: node, pointer: pointer, chain: cursor.chain)
            if anchorName.isEmpty ? node["$recursiveAnchor"]?.bool == true : node["$dynamicAnchor"]?.string == anchorName {
                return candidate
            }
            if tokens.count == 3 && tokens[0] == "components" && tokens[1] == "schemas" { outermost = candidate }
        }
        return outermost
    }

    private mutating func schemaList(_ cursor: Cursor, _ key: String) -> [Schema]? {
        guard let list = cursor.child(key) else { return nil }
        guard let children = cursor.children(key) else {
            error("'\(key)' must be a list of schemas, found \(kindName(list.node))", at: list.location, in: cursor)
            return nil
        }
        return children.map { schema($0) }
    }

    /// Reports `$ref` chains that loop without ever reaching a schema (`A: {$ref: B}`, `B: {$ref: A}`).
    /// Each schema is walked once, so long chains stay linear.
    private mutating func checkReferenceCycles() {
        // Schemas on the walk in progress, by their position on it; schemas already walked.
        var done: Set<SchemaID> = []
        let references = schemas.filter { $0.value.isPureReference }.map { (key: $0.key.description, id: $0.key) }
        for id in references.sorted(by: { $0.key < $1.key }).map(\.id) where !done.contains(id) {
            var walk: [SchemaID] = []
            var position: [SchemaID: Int] = [:]
            var current = id
            while !done.contains(current), let schema = schemas[current], schema.isPureReference,
                let next = schema.ref?.target
            {
                if let start = position[current] {
                    let cycle = Array(walk[start...]) + [current]
                    diagnostics.error(
                        "$ref cycle with no schema in it: \(describeCycle(cycle))",
                        at: schemas[walk[start]]?.ref?.location)
                    break
                }
                position[current] = walk.count
                walk.append(current)
                current = next
            }
            done.formUnion(walk)
        }
    }

    // MARK: - Typed field readers

    /// Whether `cursor` is a mapping; if not, reports `expected <what> to be a mapping` (or `expected <what>` when
    /// `exactly`), with what was found.
    private func expectMapping(_ cursor: Cursor, _ what: String, exactly: Bool = false) -> Bool {
        if cursor.node.pairs != nil { return true }
        let expectation = exactly ? what : "\(what) to be a mapping"
        error("expected \(expectation), found \(kindName(cursor.node))", at: cursor.location, in: cursor)
        return false
    }

    /// The items of the list under `key` (`nil` when absent or null); anything else is an error.
    private func list(_ cursor: Cursor, _ key: String) -> [Cursor]? {
        guard let value = cursor.child(key) else { return nil }
        return list(value)
    }

    /// The items of the list at `cursor`, named by its last pointer token in the error when it is not a list.
    private func list(_ cursor: Cursor) -> [Cursor]? {
        if cursor.node.isNull { return nil }
        guard let items = cursor.node.items else {
            error("'\(cursor.pointer.last ?? "")' must be a list, found \(kindName(cursor.node))", at: cursor.location, in: cursor)
            return nil
        }
        return items.enumerated().map {
            Cursor(file: cursor.file, node: $1, pointer: cursor.pointer.appending(String($0)), chain: cursor.chain)
        }
    }

    /// `unknown schema type 'strin'; did you mean 'string'?`, or the list of types when nothing is close.
    private func unknownTypeMessage(_ node: YAMLNode) -> String {
        let text: String
        switch node.content {
        case .scalar(let scalar): text = node.isNull ? "null" : scalar.value
        case .sequence: return "a schema's 'type' list must hold type names, found a list"
        case .mapping: return "a schema's 'type' must be a type name or a list of them, found a mapping"
        }
        let aliases = ["int": "integer", "bool": "boolean", "float": "number", "double": "number", "str": "string",
                       "map": "object", "dict": "object", "list": "array"]
        let lowered = text.lowercased()
        let suggestion = aliases[lowered]
            ?? JSONType.allCases.map(\.rawValue).first { $0 == lowered || Self.editDistance($0, lowered) <= 2 }
        if let suggestion, !node.isNull {
            return "unknown schema type '\(text)'; did you mean '\(suggestion)'?"
        }
        return "unknown schema type '\(text)'; expected string, integer, number, boolean, object, array or null"
    }

    /// `unknown key 'gett' in X; did you mean 'get'?`, or what is expected when no known key is close.
    private func unknownKeyMessage(_ key: String, in what: String, known: [String], expected: String) -> String {
        let lowered = key.lowercased()
        let scored = known.map { (key: $0, distance: Self.editDistance($0.lowercased(), lowered)) }
        if let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= max(1, min(2, key.count / 3)) {
            return "unknown key '\(key)' in \(what); did you mean '\(best.key)'?"
        }
        return "unknown key '\(key)' in \(what); expected \(expected)"
    }

    /// Levenshtein distance, for short words.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8.prefix(64)), b = Array(b.utf8.prefix(64))
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return a.isEmpty ? b.count : previous[b.count]
    }

    private func kindName(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let scalar): return node.isNull ? "null" : "the scalar '\(scalar.value.prefix(40))'"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    private func string(_ cursor: Cursor, _ key: String) -> String? {
        guard let node = cursor.node[key] else { return nil }
        if let scalar = node.scalar, !node.isNull { return scalar.value }
        if node.isNull { return nil }
        error("'\(key)' must be a string, found \(kindName(node))", at: node.location, in: cursor)
        return nil
    }

    private func requiredString(_ cursor: Cursor, _ key: String, in what: String) -> String? {
        guard cursor.node[key] != nil else {
            error("\(what) is missing the required field '\(key)'", at: cursor.location, in: cursor)
            return nil
        }
        return string(cursor, key)
    }

    private func bool(_ cursor: Cursor, _ key: String) -> Bool? {
        guard let node = cursor.node[key] else { return nil }
        if let value = node.bool { return value }
        error("'\(key)' must be true or false, found \(kindName(node))", at: node.location, in: cursor)
        return nil
    }

    private func int(_ cursor: Cursor, _ key: String) -> Int? {
        guard let node = cursor.node[key] else { return nil }
        if let value = node.int, value >= 0 { return value }
        error("'\(key)' must be a non-negative integer, found \(kindName(node))", at: node.location, in: cursor)
        return nil
    }

    private func number(_ cursor: Cursor, _ key: String) -> String? {
        guard let node = cursor.node[key] else { return nil }
        if let text = node.numberText { return text }
        error("'\(key)' must be a number, found \(kindName(node))", at: node.location, in: cursor)
        return nil
    }

    private func literal(_ node: YAMLNode) -> JSONLiteral {
        switch node.content {
        case .scalar(let scalar):
            guard scalar.isPlain else { return .string(scalar.value) }
            if node.isNull { return .null }
            if let flag = node.bool { return .bool(flag) }
            if let text = node.numberText {
                let isInteger = !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) && !text.hasPrefix("0x")
                    && !text.hasPrefix("0o")
                return isInteger ? .integer(text) : .number(text)
            }
            return .string(scalar.value)
        case .sequence(let items):
            return .array(items.map(literal))
        case .mapping(let pairs):
            return .object(pairs.map { JSONLiteral.Member(key: $0.key.scalar?.value ?? "", value: literal($0.value)) })
        }
    }
}
