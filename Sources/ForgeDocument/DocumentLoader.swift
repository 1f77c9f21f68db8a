/// Reads a root document and every file it references, resolves `$ref`s, and builds a ``Document``.
///
/// References may not leave the root document's folder; remote (`http:`) references are refused.
public struct DocumentLoader {
    let reader: any SpecFileReader
    let diagnostics: DiagnosticCollector
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

    /// Loads `root` and what it references. Errors go to `diagnostics`; the result is `nil` if any occurred.
    public static func load(
        root: String, reader: any SpecFileReader, diagnostics: DiagnosticCollector, limits: YAMLLimits = .default
    ) -> Document? {
        let normalizedRoot = SpecPath.normalize(root) ?? root
        var loader = DocumentLoader(
            reader: reader, diagnostics: diagnostics, limits: limits, rootFile: normalizedRoot,
            rootFolder: SpecPath.directory(of: normalizedRoot))
        let document = loader.run()
        return diagnostics.hasErrors ? nil : document
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

        func child(_ key: String) -> Cursor? {
            guard let value = node[key] else { return nil }
            return Cursor(file: file, node: value, pointer: pointer.appending(key))
        }

        func children(_ key: String) -> [Cursor]? {
            guard let value = node[key], let items = value.items else { return nil }
            let base = pointer.appending(key)
            return items.enumerated().map { Cursor(file: file, node: $1, pointer: base.appending(String($0))) }
        }

        /// The entries of a mapping, each with its key's text.
        var entries: [(key: String, keyLocation: SourceLocation, cursor: Cursor)] {
            (node.pairs ?? []).map { pair in
                let key = pair.key.scalar?.value ?? ""
                return (key, pair.key.location, Cursor(file: file, node: pair.value, pointer: pointer.appending(key)))
            }
        }

        var location: SourceLocation { node.location }
    }

    // MARK: - Run

    private mutating func run() -> Document? {
        guard let root = file(rootFile, referencedFrom: nil) else { return nil }
        let cursor = Cursor(file: rootFile, node: root, pointer: JSONPointer())
        guard expectMapping(cursor, "an OpenAPI document") else { return nil }

        let version = requiredString(cursor, "openapi", in: "the OpenAPI document") ?? "3.1.0"
        if !version.hasPrefix("3.") {
            diagnostics.error(
                "unsupported OpenAPI version '\(version)'; this generator reads 3.0 and 3.1",
                at: cursor.child("openapi")?.location)
        }
        var info = Document.Info(title: "", version: "")
        if let infoCursor = cursor.child("info"), expectMapping(infoCursor, "the info object") {
            info.title = requiredString(infoCursor, "title", in: "the info object") ?? ""
            info.version = requiredString(infoCursor, "version", in: "the info object") ?? ""
            info.description = string(infoCursor, "description")
        } else if cursor.child("info") == nil {
            diagnostics.error("the OpenAPI document has no 'info' object", at: cursor.location)
        }
        let servers = (cursor.children("servers") ?? []).compactMap { server -> Document.Server? in
            guard let url = requiredString(server, "url", in: "a server") else { return nil }
            return Document.Server(url: url, description: string(server, "description"))
        }
        let security = securityRequirements(cursor.child("security")) ?? []
        var schemes: [SecurityScheme] = []
        if let components = cursor.child("components"), let schemeMap = components.child("securitySchemes") {
            for entry in schemeMap.entries {
                guard let scheme = deref(entry.cursor, "security scheme") else { continue }
                schemes.append(securityScheme(name: entry.key, scheme))
            }
        }

        var operations: [Operation] = []
        if let paths = cursor.child("paths"), expectMapping(paths, "the paths object") {
            for entry in paths.entries {
                guard entry.key.hasPrefix("/") else {
                    if !entry.key.hasPrefix("x-") {
                        diagnostics.error("path '\(entry.key)' must start with '/'", at: entry.keyLocation)
                    }
                    continue
                }
                operations += pathItem(path: entry.key, entry.cursor)
            }
        }

        drainSchemaQueue()
        checkReferenceCycles()

        return Document(
            version: version, info: info, servers: servers, operations: operations, schemas: schemas,
            componentSchemas: componentSchemas, securitySchemes: schemes, security: security, files: fileOrder)
    }

    // MARK: - Files and references

    /// Parses `path` once and registers its `components/schemas` for emission.
    private mutating func file(_ path: String, referencedFrom reference: SourceLocation?) -> YAMLNode? {
        if let node = files[path] { return node }
        if failedFiles.contains(path) { return nil }
        let bytes: [UInt8]
        do {
            bytes = try reader.read(path)
        } catch {
            failedFiles.insert(path)
            diagnostics.error(
                reference == nil ? "cannot read '\(path)': \(error)" : "cannot read '\(path)' named by this $ref: \(error)",
                at: reference)
            return nil
        }
        let node: YAMLNode
        do {
            node = try YAMLParser.parse(bytes, file: path, limits: limits)
        } catch {
            failedFiles.insert(path)
            var diagnostic = Diagnostic(error)
            if let reference { diagnostic.notes.append(.note("file referenced here", at: reference)) }
            diagnostics.emit(diagnostic)
            return nil
        }
        files[path] = node
        fileOrder.append(path)
        let cursor = Cursor(file: path, node: node, pointer: JSONPointer())
        if let schemaMap = cursor.child("components")?.child("schemas"), expectMapping(schemaMap, "components/schemas")
        {
            for entry in schemaMap.entries {
                let id = SchemaID(file: path, pointer: entry.cursor.pointer)
                componentSchemas.append(id)
                enqueue(id, entry.cursor)
            }
        }
        return node
    }

    /// Resolves a `$ref` string written at `cursor` to the node it names.
    private mutating func resolve(_ reference: String, from cursor: Cursor, at location: SourceLocation) -> Cursor? {
        let hash = reference.firstIndex(of: "#")
        let filePart = String(hash.map { reference[..<$0] } ?? reference[...])
        let fragment = hash.map { String(reference[reference.index(after: $0)...]) } ?? ""
        var target = cursor.file
        if !filePart.isEmpty {
            if filePart.contains("://") {
                diagnostics.error("remote reference '\(reference)' is not supported; download it next to the spec", at: location)
                return nil
            }
            guard let decoded = JSONPointer.percentDecode(filePart), let joined = SpecPath.join(SpecPath.directory(of: cursor.file), decoded),
                SpecPath.isInside(joined, folder: rootFolder) || joined == rootFile
            else {
                diagnostics.error(
                    "$ref '\(reference)' points outside the spec's folder '\(rootFolder.isEmpty ? "." : rootFolder)'; it is refused",
                    at: location)
                return nil
            }
            target = joined
        }
        guard let pointer = JSONPointer(fragment: fragment) else {
            diagnostics.error("$ref '\(reference)' has an invalid JSON pointer '#\(fragment)'", at: location)
            return nil
        }
        guard let root = file(target, referencedFrom: location) else { return nil }
        switch pointer.resolve(in: root) {
        case .success(let node):
            return Cursor(file: target, node: node, pointer: pointer)
        case .failure(let missing):
            let found = JSONPointer(tokens: Array(pointer.tokens.prefix(missing.index)))
            diagnostics.error(
                "cannot resolve $ref '\(reference)': '\(missing.token)' not found in \(target)#\(found)",
                at: location, notes: [.note("looked in here", at: missing.parent)])
            return nil
        }
    }

    /// Follows `$ref`s of a non-schema object (parameter, response, path item…) to the object itself.
    private mutating func deref(_ start: Cursor, _ what: String) -> Cursor? {
        var cursor = start
        var seen: [String] = []
        while let refNode = cursor.node["$ref"] {
            guard let reference = refNode.string else {
                diagnostics.error("$ref must be a string", at: refNode.location)
                return nil
            }
            let key = "\(cursor.file)#\(cursor.pointer)"
            if seen.contains(key) {
                diagnostics.error("$ref cycle: \(what) refers back to itself (\(seen.joined(separator: " → ")))", at: refNode.location)
                return nil
            }
            seen.append(key)
            guard let next = resolve(reference, from: cursor, at: refNode.location) else { return nil }
            cursor = next
        }
        return expectMapping(cursor, "a \(what)") ? cursor : nil
    }

    // MARK: - Paths and operations

    private mutating func pathItem(path: String, _ start: Cursor) -> [Operation] {
        guard let item = deref(start, "path item") else { return [] }
        let shared = parameters(item.children("parameters") ?? [])
        var operations: [Operation] = []
        for entry in item.entries {
            guard let method = HTTPMethod(rawValue: entry.key) else { continue }
            guard expectMapping(entry.cursor, "an operation") else { continue }
            operations.append(operation(method: method, path: path, shared: shared, entry.cursor))
        }
        return operations
    }

    private mutating func operation(method: HTTPMethod, path: String, shared: [Parameter], _ cursor: Cursor)
        -> Operation
    {
        var merged = shared
        for parameter in parameters(cursor.children("parameters") ?? []) {
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
                guard let resolved = deref(entry.cursor, "response") else { continue }
                var headers: [Header] = []
                for header in resolved.child("headers")?.entries ?? [] {
                    guard let headerCursor = deref(header.cursor, "header") else { continue }
                    headers.append(
                        Header(
                            name: header.key, description: string(headerCursor, "description"),
                            required: bool(headerCursor, "required") ?? false,
                            schema: headerCursor.child("schema").map { schema($0) }))
                }
                responses.append(
                    Response(
                        status: entry.key, description: string(resolved, "description"), headers: headers,
                        content: content(resolved.child("content")), location: entry.keyLocation))
            }
        }
        return Operation(
            method: method, path: path, operationID: string(cursor, "operationId"), summary: string(cursor, "summary"),
            description: string(cursor, "description"),
            tags: (cursor.children("tags") ?? []).compactMap { $0.node.string },
            deprecated: bool(cursor, "deprecated") ?? false, parameters: merged, requestBody: body,
            responses: responses, security: securityRequirements(cursor.child("security")), location: cursor.location)
    }

    private mutating func parameters(_ cursors: [Cursor]) -> [Parameter] {
        cursors.compactMap { start in
            guard let cursor = deref(start, "parameter") else { return nil }
            guard let name = requiredString(cursor, "name", in: "a parameter"),
                let placeText = requiredString(cursor, "in", in: "a parameter")
            else { return nil }
            guard let place = Parameter.Location(rawValue: placeText) else {
                diagnostics.error(
                    "parameter '\(name)' has 'in: \(placeText)'; expected path, query, header or cookie",
                    at: cursor.child("in")?.location)
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
        guard let cursor, expectMapping(cursor, "a content map") else { return [] }
        return cursor.entries.map { entry in
            MediaType(contentType: entry.key, schema: entry.cursor.child("schema").map { schema($0) })
        }
    }

    private mutating func securityRequirements(_ cursor: Cursor?) -> [[String]]? {
        guard let cursor else { return nil }
        guard let items = cursor.node.items else {
            diagnostics.error("'security' must be a list of security requirements", at: cursor.location)
            return nil
        }
        return items.map { item in (item.pairs ?? []).compactMap { $0.key.scalar?.value } }
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

    private mutating func enqueue(_ id: SchemaID, _ cursor: Cursor) {
        guard schemas[id] == nil, !queued.contains(id) else { return }
        queued.insert(id)
        queue.append(cursor)
    }

    /// First in, first out, so that diagnostics come in source order.
    private mutating func drainSchemaQueue() {
        var next = 0
        while next < queue.count {
            let cursor = queue[next]
            next += 1
            let id = SchemaID(file: cursor.file, pointer: cursor.pointer)
            schemas[id] = schema(cursor)
        }
        queue.removeAll()
    }

    /// A schema and, inline, its sub-schemas; `$ref` targets are queued and kept as IDs.
    mutating func schema(_ cursor: Cursor) -> Schema {
        var result = Schema(id: SchemaID(file: cursor.file, pointer: cursor.pointer), location: cursor.location)
        if let flag = cursor.node.bool {
            result.isFalse = !flag
            return result
        }
        guard expectMapping(cursor, "a schema (a mapping or a boolean)") else { return result }

        if let refNode = cursor.node["$recursiveRef"] ?? cursor.node["$dynamicRef"] {
            // JSON Schema 2019-09 / 2020-12 recursion: the nearest enclosing schema that declares the anchor (the
            // OpenAI spec's CompoundFilter uses `$recursiveRef: "#"` beside `$recursiveAnchor: true`).
            if let target = recursiveTarget(of: cursor, reference: refNode.string ?? "#") {
                let id = SchemaID(file: target.file, pointer: target.pointer)
                enqueue(id, target)
                result.ref = Reference(target: id, location: refNode.location)
            } else {
                diagnostics.error("no enclosing schema declares the anchor this reference needs", at: refNode.location)
            }
        }
        if let refNode = cursor.node["$ref"] {
            if let text = refNode.string, let target = resolve(text, from: cursor, at: refNode.location) {
                let id = SchemaID(file: target.file, pointer: target.pointer)
                enqueue(id, target)
                result.ref = Reference(target: id, location: refNode.location)
            } else if refNode.string == nil {
                diagnostics.error("$ref must be a string", at: refNode.location)
            }
        }

        if let typeCursor = cursor.child("type") {
            let names: [YAMLNode] = typeCursor.node.items ?? [typeCursor.node]
            for name in names {
                guard let text = name.string, let type = JSONType(rawValue: text) else {
                    diagnostics.error(
                        "unknown schema type '\(name.scalar?.value ?? "…")'; expected string, integer, number, boolean, object, array or null",
                        at: name.location)
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
                diagnostics.error("'enum' must be a list", at: enumCursor.location)
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
                diagnostics.error("'required' must be a list of property names", at: requiredCursor.location)
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
            for entry in discriminatorCursor.child("mapping")?.entries ?? [] {
                guard let text = entry.cursor.node.string else { continue }
                let reference = text.contains("/") || text.contains("#") ? text : "#/components/schemas/\(text)"
                if let target = resolve(reference, from: entry.cursor, at: entry.cursor.location) {
                    let id = SchemaID(file: target.file, pointer: target.pointer)
                    enqueue(id, target)
                    mapping.append(Schema.Discriminator.Mapping(value: entry.key, target: id))
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
            let candidate = Cursor(file: cursor.file, node: node, pointer: pointer)
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
            diagnostics.error("'\(key)' must be a list of schemas", at: list.location)
            return nil
        }
        return children.map { schema($0) }
    }

    /// Reports `$ref` chains that loop without ever reaching a schema (`A: {$ref: B}`, `B: {$ref: A}`).
    private mutating func checkReferenceCycles() {
        var reported: Set<SchemaID> = []
        let references = schemas.filter { $0.value.isPureReference }.map { (key: $0.key.description, id: $0.key) }
        for id in references.sorted(by: { $0.key < $1.key }).map(\.id) {
            var chain: [SchemaID] = []
            var current = id
            while let schema = schemas[current], schema.isPureReference, let next = schema.ref?.target {
                if let start = chain.firstIndex(of: current) {
                    let cycle = chain[start...]
                    if reported.isDisjoint(with: cycle) {
                        reported.formUnion(cycle)
                        let names = (cycle + [current]).map(\.description).joined(separator: " → ")
                        diagnostics.error(
                            "$ref cycle with no schema in it: \(names)", at: schemas[cycle.first!]?.ref?.location)
                    }
                    break
                }
                chain.append(current)
                current = next
            }
        }
    }

    // MARK: - Typed field readers

    private func expectMapping(_ cursor: Cursor, _ what: String) -> Bool {
        if cursor.node.pairs != nil { return true }
        diagnostics.error("expected \(what) to be a mapping, found \(kindName(cursor.node))", at: cursor.location)
        return false
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
        diagnostics.error("'\(key)' must be a string, found \(kindName(node))", at: node.location)
        return nil
    }

    private func requiredString(_ cursor: Cursor, _ key: String, in what: String) -> String? {
        guard cursor.node[key] != nil else {
            diagnostics.error("\(what) is missing the required field '\(key)'", at: cursor.location)
            return nil
        }
        return string(cursor, key)
    }

    private func bool(_ cursor: Cursor, _ key: String) -> Bool? {
        guard let node = cursor.node[key] else { return nil }
        if let value = node.bool { return value }
        diagnostics.error("'\(key)' must be true or false, found \(kindName(node))", at: node.location)
        return nil
    }

    private func int(_ cursor: Cursor, _ key: String) -> Int? {
        guard let node = cursor.node[key] else { return nil }
        if let value = node.int, value >= 0 { return value }
        diagnostics.error("'\(key)' must be a non-negative integer, found \(kindName(node))", at: node.location)
        return nil
    }

    private func number(_ cursor: Cursor, _ key: String) -> String? {
        guard let node = cursor.node[key] else { return nil }
        if let text = node.numberText { return text }
        diagnostics.error("'\(key)' must be a number, found \(kindName(node))", at: node.location)
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
