import Dispatch
import Foundation
import ForgeTranslator
import Mustache

/// Options that change the text, never the meaning.
public struct RenderOptions: Sendable {
    public enum AccessModifier: String, Sendable, CaseIterable {
        case `public`, package, `internal`
    }

    public var accessModifier: AccessModifier
    /// The root input as the user named it, for the header.
    public var inputName: String
    /// The generated client's type name.
    public var clientName: String
    /// The environment variable the client reads its API key from when none is passed.
    public var apiKeyEnvironmentVariable: String?

    /// The kinds of file that can be emitted.
    public enum FileKind: String, Sendable, CaseIterable {
        /// `Types+X.swift`: the models.
        case types
        /// `Client.swift`: one method per operation.
        case client
        /// `API.swift`: what the library was generated from.
        case api
    }

    /// Which kinds of file to emit.
    public var files: Set<FileKind>
    /// Always write the same 29 files (`API.swift`, `Client.swift`, `Types+A.swift` … `Types+Z.swift`,
    /// `Types+Other.swift`; unused ones hold only the header), so a build-tool plugin can declare its outputs.
    public var fixedFileSet: Bool
    /// The Swift module the files are compiled into, when known (named in the header).
    public var moduleName: String?

    public init(
        accessModifier: AccessModifier = .public, inputName: String, clientName: String = "Client",
        apiKeyEnvironmentVariable: String? = nil, files: Set<FileKind> = Set(FileKind.allCases),
        fixedFileSet: Bool = false, moduleName: String? = nil
    ) {
        self.accessModifier = accessModifier
        self.inputName = inputName
        self.clientName = clientName
        self.apiKeyEnvironmentVariable = apiKeyEnvironmentVariable
        self.files = files
        self.fixedFileSet = fixedFileSet
        self.moduleName = moduleName
    }

    /// The file names ``fixedFileSet`` always produces.
    public static let fixedFileNames: [String] =
        ["API.swift", "Client.swift"] + (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { "Types+\(Character(Unicode.Scalar($0))).swift" }
        + ["Types+Other.swift"]
}

/// A list a template may iterate, whose items are built only when it does (the built-in templates print
/// precomputed blocks instead, which is far cheaper than a section over many items).
struct LazyList: MustacheSequence {
    let count: Int
    let item: (Int) -> [String: Any]

    func makeIterator() -> AnyIterator<[String: Any]> {
        var index = 0
        return AnyIterator {
            guard index < count else { return nil }
            defer { index += 1 }
            return item(index)
        }
    }
}

/// Renders an ``IRModule`` into Swift files with Mustache templates. Contexts are plain dictionaries of
/// precomputed strings; templates only print.
public struct Renderer: Sendable {
    let templates: TemplateSet
    let options: RenderOptions
    /// The templates print unions from the `cases` lists and know nothing of shared discriminator values: they
    /// mention neither `discriminatedCases` nor `sharedValues` (see ``unionContext(_:into:)``).
    let unionListsWithoutSharedValues: Bool
    /// `public `, `package ` or empty: written before every declaration and member.
    let access: String

    public init(templates: TemplateSet = .builtin, options: RenderOptions) {
        self.templates = templates
        self.options = options
        self.access = options.accessModifier == .internal ? "" : options.accessModifier.rawValue + " "
        self.unionListsWithoutSharedValues = !templates.sources.values.contains {
            $0.contains("discriminatedCases") || $0.contains("sharedValues")
        }
    }

    /// The files for `module`, sorted by path, rendered on all cores.
    public func render(_ module: IRModule) throws(TemplateError) -> [RenderedFile] {
        let session = try startSession()
        session.submitClient(for: module)  // the largest item: started first
        for type in module.types { session.submit(type) }
        return try session.finish(module)
    }

    /// Whether `module` gets a `Client.swift`.
    func wantsClient(_ module: IRModule) -> Bool {
        options.files.contains(.client) && (!module.operations.isEmpty || options.fixedFileSet)
    }

    /// The bytes of `Client.swift`. Each operation's methods are rendered on their own by `Operation` (like a
    /// declaration, from a skeleton per shape) and handed to `Client` already indented, as `methods`: going through
    /// swift-mustache, whose every tag is a lookup through the context stack, once per operation had been most of the
    /// time the client took.
    func renderClient(_ module: IRModule, _ compiled: CompiledTemplates) throws(TemplateError) -> [UInt8] {
        var context = clientContext(module)
        if compiled.mayPrint("methods"), var operations = context["operations"] as? [[String: Any]] {
            for index in operations.indices {
                var operation = operations[index]
                // What `Operation` may use of the client's own keys.
                operation["access"] = context["access"]
                operation["clientName"] = context["clientName"]
                guard let text = compiled.render(operation, withTemplate: "Operation") else {
                    throw TemplateError(template: "Operation", message: "is missing")
                }
                var methods: [UInt8] = []
                Self.appendIndented(Self.trimmingTrailingNewlines(text), to: &methods)
                if methods.last == UInt8(ascii: "\n") { methods.removeLast() }
                operations[index]["methods"] = String(decoding: methods, as: UTF8.self)
            }
            context["operations"] = operations
        }
        return try render(compiled.library, "Client", context)
    }

    /// The files, given the client's text and each declaration's (in the module's order).
    func assemble(
        _ module: IRModule, client: [UInt8]?, declarations: [(IRType, String)], _ library: MustacheLibrary
    ) throws(TemplateError) -> [RenderedFile] {
        var files: [RenderedFile] = []
        if let client { files.append(RenderedFile(path: "Client.swift", bytes: client)) }
        var groups: [String: [String]] = [:]
        for (type, text) in declarations {
            groups[Self.fileGroup(for: type.name), default: []].append(text)
        }
        let groupNames = groups.keys.sorted()
        let typeFiles = try Self.concurrentMap(groupNames) { group throws(TemplateError) in
            let declarations = groups[group] ?? []
            // All of them in one string, each after a blank line: one tag to print instead of a section of
            // hundreds, each of whose items is a lookup through the context stack.
            var body = ""
            body.reserveCapacity(declarations.reduce(0) { $0 + $1.utf8.count + 2 })
            for text in declarations {
                body += "\n"
                body += text
                body += "\n"
            }
            let context: [String: Any] = [
                "header": header(),
                "imports": ["Foundation", "ForgeRuntime"],
                "declarations": declarations,
                "body": body,
            ]
            return try render(library, "File", context)
        }
        for (group, bytes) in zip(groupNames, typeFiles) {
            files.append(RenderedFile(path: "Types+\(group).swift", bytes: bytes))
        }
        if options.files.contains(.api) {
            let api: [String: Any] = [
                "header": header(),
                "access": access,
                "titleLiteral": SwiftText.literal(module.title),
                "versionLiteral": SwiftText.literal(module.version),
                "serverLiteral": module.serverURL.map(SwiftText.literal) ?? "nil",
            ]
            files.append(RenderedFile(path: "API.swift", bytes: try render(library, "API", api)))
        }
        if options.fixedFileSet {
            // Files this spec or configuration does not need still exist, holding only the header.
            let present = Set(files.map(\.path))
            for name in RenderOptions.fixedFileNames where !present.contains(name) {
                files.append(RenderedFile(path: name, contents: header().joined(separator: "\n") + "\n"))
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The Swift text of one declaration (with its nested types), as it appears in a generated file.
    public func render(declaration type: IRType) throws(TemplateError) -> String {
        String(decoding: Self.tidy(try renderDeclaration(type, templates.compiled())).dropLast(), as: UTF8.self)
    }

    /// One declaration rendered on its own (nested ones first, indented into it), so that no Mustache context
    /// leaks from a parent and indentation is exact.
    func renderDeclaration(_ type: IRType, _ compiled: CompiledTemplates) throws(TemplateError) -> String {
        var context = declarationContext(type)
        var nested: [UInt8] = []
        for child in type.nested {
            nested.append(UInt8(ascii: "\n"))
            Self.appendIndented(try renderDeclaration(child, compiled), to: &nested)
        }
        context["nested"] = String(decoding: nested, as: UTF8.self)
        // Declarations come in few shapes: rendered from a skeleton per shape (see CompiledTemplates).
        guard let text = compiled.render(context, withTemplate: "Declaration") else {
            throw TemplateError(template: "Declaration", message: "is missing")
        }
        // Tidied once per file; here only the trailing newlines go, so the text can be indented into a parent.
        return Self.trimmingTrailingNewlines(text)
    }

    static func trimmingTrailingNewlines(_ text: String) -> String {
        let utf8 = text.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: "\n") { end = utf8.index(before: end) }
        return String(text[..<end])
    }

    /// Marks a line of a multi-line context value that continues the previous one: after rendering it takes the
    /// indentation of the line the value started on. (No generated text contains U+0001 otherwise: spec text reaches
    /// the output only as escaped literals and doc lines, which replace control characters.)
    static let continuation: UInt8 = 0x01

    /// Lines as one context value, printed with a single tag: each line after the first is indented like the line
    /// the tag is on. Far cheaper to render than a section over the lines.
    static func block(_ lines: [String]) -> String {
        lines.joined(separator: "\n\u{1}")
    }

    /// Like ``block(_:)``, but `false` (an empty section) when there are no lines.
    static func optionalBlock(_ lines: [String]) -> Any {
        lines.isEmpty ? false : block(lines)
    }

    /// `transform` applied to each item, on all cores; the first error (in item order) is thrown.
    static func concurrentMap<Item: Sendable, Output>(
        _ items: [Item], _ transform: (Item) throws(TemplateError) -> Output
    ) throws(TemplateError) -> [Output] {
        var results = [Result<Output, TemplateError>?](repeating: nil, count: items.count)
        let chunks = min(items.count, ProcessInfo.processInfo.activeProcessorCount * 8)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            withoutActuallyEscaping(transform) { transform in
                nonisolated(unsafe) let transform = transform
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    // Each chunk writes only its own indices.
                    for index in stride(from: chunk, to: items.count, by: chunks) {
                        do throws(TemplateError) {
                            buffer[index] = .success(try transform(items[index]))
                        } catch {
                            buffer[index] = .failure(error)
                        }
                    }
                }
            }
        }
        return try results.map { result throws(TemplateError) in try result!.get() }
    }

    /// Appends `text` with every non-empty line indented by four spaces, each line ending in a newline. A line that
    /// continues a block keeps its mark: it takes the indentation of the block's first line, indented already.
    static func appendIndented(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            output.reserveCapacity(output.count + bytes.count + bytes.count / 8)
            var start = 0
            while start < bytes.count {
                var end = bytes.count
                if let newline = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start) {
                    end = bytes.baseAddress!.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                }
                if end > start && bytes[start] != continuation {
                    output.append(contentsOf: "    ".utf8)
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                output.append(UInt8(ascii: "\n"))
                start = end + 1
            }
        }
    }

    /// Types are grouped in files by the first letter of their name, so the compiler can work on files in
    /// parallel and a spec edit regenerates few files.
    static func fileGroup(for name: String) -> String {
        // One leading underscore is skipped (not through `trimmingPrefix`, which is slow for so small a job).
        var rest = Substring(name)
        if rest.utf8.first == UInt8(ascii: "_") { rest = rest.dropFirst() }
        guard let first = rest.first, first.isASCII, first.isLetter else { return "Other" }
        return first.uppercased()
    }

    /// `template` rendered with `context`, tidied.
    private func render(_ library: MustacheLibrary, _ template: String, _ context: [String: Any])
        throws(TemplateError) -> [UInt8]
    {
        Self.tidy(try untidied(library, template, context))
    }

    private func untidied(_ library: MustacheLibrary, _ template: String, _ context: [String: Any])
        throws(TemplateError) -> String
    {
        guard let text = library.render(context, withTemplate: template) else {
            throw TemplateError(template: template, message: "is missing")
        }
        return text
    }

    /// Collapses runs of blank lines and trailing spaces that conditional template sections leave behind, and ends
    /// the file with one newline. The result is UTF-8 as `text` is: only ASCII spaces and newlines are added or
    /// dropped, so it is kept as bytes rather than checked again by making it a `String` (for the whole OpenAI spec,
    /// 5 MB, that check cost a sixth as much as rendering the declarations).
    static func tidy(_ text: String) -> [UInt8] {
        var text = text
        let output = text.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var lastLineStart = 0  // where the last line written starts in `output`
            var lastLineBlank = true  // no line yet counts as blank, so leading blank lines go
            var lastLineOpens = false
            var indentation = 0  // of the last line that does not continue a block
            var start = 0
            while start <= bytes.count {
                var end = bytes.count
                if start < bytes.count, let newline = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start) {
                    end = bytes.baseAddress!.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                }
                var continues = false
                if start < end && bytes[start] == continuation {
                    continues = true
                    start += 1
                }
                var trimmedEnd = end
                while trimmedEnd > start && bytes[trimmedEnd - 1] == UInt8(ascii: " ") { trimmedEnd -= 1 }
                if trimmedEnd == start {
                    // No blank line twice, none at the start, none right after an opening brace.
                    if !(lastLineBlank || lastLineOpens) {
                        lastLineStart = output.count
                        output.append(UInt8(ascii: "\n"))
                        lastLineBlank = true
                        lastLineOpens = false
                    }
                } else {
                    var first = start
                    while bytes[first] == UInt8(ascii: " ") { first += 1 }
                    if bytes[first] == UInt8(ascii: "}") && lastLineBlank && !output.isEmpty {
                        // None right before a closing brace.
                        output.removeSubrange(lastLineStart...)
                    }
                    lastLineStart = output.count
                    if continues {
                        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indentation))
                    } else {
                        indentation = first - start
                    }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<trimmedEnd]))
                    output.append(UInt8(ascii: "\n"))
                    lastLineBlank = false
                    lastLineOpens = bytes[trimmedEnd - 1] == UInt8(ascii: "{")
                }
                start = end + 1
            }
            while output.count >= 2 && output[output.count - 1] == UInt8(ascii: "\n")
                && output[output.count - 2] == UInt8(ascii: "\n")
            {
                output.removeLast()
            }
            if output.isEmpty { output.append(UInt8(ascii: "\n")) }
            return output
        }
        return output
    }

    func header() -> [String] {
        let module = options.moduleName.map { " for module \($0.replacingNewlines)" } ?? ""
        return [
            "// Generated by openapi-forge from \(options.inputName.replacingNewlines)\(module). Do not edit.",
            "// swift-format-ignore-file",
        ]
    }

    // MARK: - Declarations

    func declarationContext(_ type: IRType) -> [String: Any] {
        var docLines = Block()
        SwiftText.appendDocLines(type.doc, to: &docLines)
        if !docLines.isEmpty { docLines.append("///") }
        let source =
            type.source.utf8.contains(UInt8(ascii: "`")) ? type.source.replacingOccurrences(of: "`", with: "'") : type.source
        docLines.appendLine("/// Generated from `", source, "`.")
        if type.deprecated {
            // Not `@available(*, deprecated)`: the spec uses deprecated schemas from current ones, and every such
            // use would be a compiler warning in the generated library.
            docLines.append("///")
            docLines.append("/// - Warning: Deprecated in the API description.")
        }
        // Room for the kind's keys from the start: no rehashing as they are added.
        var context = [String: Any](minimumCapacity: 24)
        context["name"] = type.name
        context["access"] = access
        context["docLines"] = docLines.text
        context["isStruct"] = false
        context["isEnum"] = false
        context["isUnion"] = false
        context["isAlias"] = false
        switch type.kind {
        case .structure(let structure):
            context["isStruct"] = true
            structContext(structure, into: &context)
        case .stringEnum(let enumeration):
            context["isEnum"] = true
            context["fallback"] = enumeration.fallbackCase
            let literals = enumeration.cases.map { SwiftText.literal($0.rawValue) }
            // Written piece by piece into blocks, as the struct's lines are.
            var caseDeclarations = Block(capacity: enumeration.cases.count * 24)
            var initCases = Block(capacity: enumeration.cases.count * 48)
            var rawValueCases = Block(capacity: enumeration.cases.count * 40)
            for (enumCase, literal) in zip(enumeration.cases, literals) {
                caseDeclarations.appendLine("case ", enumCase.swiftName)
                initCases.appendLine("case ", literal, ": self = .", enumCase.swiftName)
                rawValueCases.appendLine("case .", enumCase.swiftName, ": ", literal)
            }
            context["caseDeclarations"] = caseDeclarations.text
            context["initCases"] = initCases.text
            context["rawValueCases"] = rawValueCases.text
            context["cases"] = LazyList(count: enumeration.cases.count) { index in
                ["name": enumeration.cases[index].swiftName, "literal": literals[index]]
            }
            context["knownCases"] = enumeration.cases.map { ".\($0.swiftName)" }.joined(separator: ", ")
        case .union(let union):
            context["isUnion"] = true
            unionContext(union, into: &context)
        case .alias(let aliased):
            context["isAlias"] = true
            context["aliasedType"] = aliased.swift
        }
        return context
    }

    static let additionalPropertiesDoc = "/// Members beside the declared properties, by name."

    /// Adds a struct's keys to its declaration's `context`.
    func structContext(_ structure: IRStruct, into context: inout [String: Any]) {
        // Room for typical lines, so that the blocks do not grow (and copy themselves) line by line.
        let count = structure.properties.count + 1
        var members = Block(capacity: count * 96)
        var parameters: [UInt8] = []  // joined with ", "
        parameters.reserveCapacity(count * 40)
        var assignments = Block(capacity: count * 40)
        var decodeLines = Block(capacity: count * 112)
        var encodeLines = Block(capacity: count * 96)
        // Needed only for deprecated properties and keywords, which are rare.
        var knownMemberNames: Set<String>?
        func memberNames() -> Set<String> {
            if let knownMemberNames { return knownMemberNames }
            let names = Set(structure.properties.map { $0.swiftName.trimmingBackticks })
            knownMemberNames = names
            return names
        }
        // A deprecated property keeps its value in internal storage that the generated code uses, so only the
        // library's users see the deprecation warning.
        let storage: [String?] = structure.properties.map { property in
            guard property.deprecated, property.constant == nil else { return nil }
            var storage = "_" + property.swiftName.trimmingBackticks
            while memberNames().contains(storage) { storage += "_" }
            return storage
        }
        for (property, storage) in zip(structure.properties, storage) {
            let key = SwiftText.literal(property.wireName)
            let bare = property.swiftName.trimmingBackticks
            let memberName = storage ?? property.swiftName  // the member's value is `self.memberName`
            SwiftText.appendDocLines(property.doc, to: &members)
            if property.deprecated { members.append("@available(*, deprecated)") }
            if let constant = property.constant {
                let literal = SwiftText.literal(constant)
                members.append("\(access)var \(property.swiftName): String { \(literal) }")
                decodeLines.append(
                    property.isRequired
                        ? "try container.decodeConstant(\(literal), forKey: \(key))"
                        : "try container.decodeConstant(\(literal), forKey: \(key), required: false)")
                encodeLines.append("try container.encodeValue(\(literal), forKey: \(key))")
                continue
            }
            let swiftType = property.type.swift
            let mark = property.isOptional ? "?" : ""
            if let storage {
                let declared = swiftType + mark
                members.append(contentsOf: [
                    "\(access)var \(property.swiftName): \(declared) {",
                    "    get { \(storage) }",
                    "    set { \(storage) = newValue }",
                    "}",
                    "var \(storage): \(declared)",
                ])
            } else {
                members.appendLine(access, "var ", property.swiftName, ": ", swiftType, mark)
            }
            // A keyword (`self`, `default`) cannot be used as a local name: give the parameter a separate one.
            var local = property.swiftName
            if property.swiftName != bare {
                local = bare + "Value"
                while memberNames().contains(local) { local += "_" }
            }
            let label = local == property.swiftName ? property.swiftName : "\(property.swiftName) \(local)"
            if !parameters.isEmpty { parameters += ", ".utf8 }
            parameters += label.utf8
            parameters += ": ".utf8
            parameters += swiftType.utf8
            parameters += mark.utf8
            if !property.isRequired { parameters += " = nil".utf8 }
            assignments.appendLine("self.", memberName, " = ", local)
            switch (property.isRequired, property.isNullable) {
            case (true, false):
                decodeLines.appendLine(
                    "self.", memberName, " = try container.decodeValue(", swiftType, ".self, forKey: ", key, ")")
                encodeLines.appendLine("try container.encodeValue(self.", memberName, ", forKey: ", key, ")")
            case (true, true):
                decodeLines.appendLine(
                    "self.", memberName, " = try container.decodeNullable(", swiftType, ".self, forKey: ", key, ")")
                encodeLines.appendLine("try container.encodeNullable(self.", memberName, ", forKey: ", key, ")")
            case (false, _) where property.type == .json:
                decodeLines.appendLine("self.", memberName, " = try container.decodeJSONIfPresent(forKey: ", key, ")")
                encodeLines.appendLine("try container.encodeValueIfPresent(self.", memberName, ", forKey: ", key, ")")
            case (false, _):
                decodeLines.appendLine(
                    "self.", memberName, " = try container.decodeValueIfPresent(", swiftType, ".self, forKey: ", key,
                    ")")
                encodeLines.appendLine("try container.encodeValueIfPresent(self.", memberName, ", forKey: ", key, ")")
            }
        }
        if let additional = structure.additionalProperties {
            // Every member not declared as a property, in a dictionary of its own.
            let type = "[String: \(additional.valueType.swift)]"
            let known = "[" + structure.properties.map { SwiftText.literal($0.wireName) }.joined(separator: ", ") + "]"
            let member = "self.\(additional.swiftName)"
            members.append(contentsOf: [Self.additionalPropertiesDoc, "\(access)var \(additional.swiftName): \(type)"])
            if !parameters.isEmpty { parameters += ", ".utf8 }
            parameters += "\(additional.swiftName): \(type) = [:]".utf8
            assignments.append("\(member) = \(additional.swiftName)")
            decodeLines.append(
                "\(member) = try container.decodeAdditionalProperties(\(additional.valueType.swift).self, excluding: \(known))")
            encodeLines.append("try container.encodeAdditionalProperties(\(member), excluding: \(known))")
        }
        if decodeLines.isEmpty { decodeLines.append("_ = container") }
        // Nothing to encode still writes `{}`; without a property the container is never mutated.
        let encodeContainer =
            encodeLines.isEmpty
            ? "_ = encoder.container(keyedBy: AnyCodingKey.self)" : "var container = encoder.container(keyedBy: AnyCodingKey.self)"
        let keys: KeyValuePairs<String, Any> = [
            "members": members.text,
            "properties": LazyList(count: structure.properties.count + (structure.additionalProperties == nil ? 0 : 1)) {
                index in
                if index < structure.properties.count {
                    return propertyContext(structure.properties[index], storage: storage[index])
                }
                let additional = structure.additionalProperties!  // the one item past the properties
                return [
                    "name": additional.swiftName, "type": "[String: \(additional.valueType.swift)]",
                    "deprecated": false, "isConstant": false, "storage": false,
                    "docLines": Self.additionalPropertiesDoc,
                ]
            },
            "encodeContainer": encodeContainer,
            "initParameters": String(decoding: parameters, as: UTF8.self),
            "initAssignments": assignments.text,
            "decodeLines": decodeLines.text,
            "encodeLines": encodeLines.text,
        ]
        for (key, value) in keys { context[key] = value }
    }

    /// One entry of `properties`, for templates that declare the members themselves instead of printing `members`.
    func propertyContext(_ property: IRProperty, storage: String?) -> [String: Any] {
        var entry: [String: Any] = [
            "name": property.swiftName,
            "docLines": Self.optionalBlock(SwiftText.docLines(property.doc)),
            "deprecated": property.deprecated,
            "isConstant": property.constant != nil,
            "storage": storage ?? false,
        ]
        if let constant = property.constant {
            entry["literal"] = SwiftText.literal(constant)
        } else {
            entry["type"] = property.isOptional ? property.type.swift + "?" : property.type.swift
        }
        return entry
    }

    /// Adds a union's keys to its declaration's `context`.
    func unionContext(_ union: IRUnion, into context: inout [String: Any]) {
        // A value several variants pin selects all of them, tried in decode order: one `switch` arm of attempts.
        var owners: [String: [Int]] = [:]
        for index in union.decodeOrder {
            for value in union.cases[index].values { owners[value, default: []].append(index) }
        }
        let contests = Self.contests(union, owners: owners)
        // Each variant's values of its own. Templates that print unions from the lists and know nothing of shared
        // values get them as before shared values were tried: a shared value selects the first variant naming it,
        // and a variant left without values is tried by decoding, so none falls to the fallback.
        let firstWins = union.discriminator != nil && unionListsWithoutSharedValues
        let ownValues: [[String]] = union.cases.indices.map { index in
            union.cases[index].values.filter { value in
                firstWins ? union.cases.firstIndex { $0.values.contains(value) } == index : owners[value]?.count == 1
            }
        }
        // In a discriminated union, variants that pin no value are tried in turn before the fallback.
        let untagged = union.discriminator == nil
            ? [] : union.decodeOrder.filter { firstWins ? ownValues[$0].isEmpty : union.cases[$0].values.isEmpty }
                .map { union.cases[$0] }
        // With variants to try when the discriminator is absent, it is read as an optional.
        let suffix = untagged.isEmpty ? "" : "?"
        let decodedIndices = union.discriminator == nil
            ? union.decodeOrder : union.cases.indices.filter { !ownValues[$0].isEmpty }
        let decoded = decodedIndices.map { union.cases[$0] }
        let values = decodedIndices.map { index in
            ownValues[index].map { SwiftText.literal($0) + suffix }.joined(separator: ", ")
        }
        func attempt(_ unionCase: IRUnion.Case) -> [String] {
            [
                "do {",
                "    self = .\(unionCase.swiftName)(try \(constructor(unionCase.type))(from: decoder))",
                "    return",
                "} catch {",
                "    failures.append((\(SwiftText.literal(unionCase.swiftName.trimmingBackticks)), error))",
                "}",
            ]
        }
        let keys: KeyValuePairs<String, Any> = [
            "caseDeclarations": Self.block(union.cases.flatMap { SwiftText.docLines($0.doc) + ["case \($0.swiftName)(\($0.type.swift))"] }),
            "encodeCases": Self.block(union.cases.map { "case .\($0.swiftName)(let value): try value.encode(to: encoder)" }),
            "untaggedCases": LazyList(count: untagged.count) { index in
                ["name": untagged[index].swiftName, "constructor": constructor(untagged[index].type)]
            },
            "cases": LazyList(count: decoded.count) { index in
                let unionCase = decoded[index]
                return [
                    "name": unionCase.swiftName,
                    "nameLiteral": SwiftText.literal(unionCase.swiftName.trimmingBackticks),
                    "type": unionCase.type.swift,
                    "constructor": constructor(unionCase.type),
                    "values": values[index],
                    "docLines": Self.optionalBlock(SwiftText.docLines(unionCase.doc)),
                ]
            },
            "allCases": LazyList(count: union.cases.count) { index in
                let unionCase = union.cases[index]
                return [
                    "name": unionCase.swiftName, "type": unionCase.type.swift,
                    "docLines": Self.optionalBlock(SwiftText.docLines(unionCase.doc)),
                ]
            },
            "sharedValues": LazyList(count: contests.count) { index in
                let contest = contests[index]
                return [
                    "values": contest.values.map { SwiftText.literal($0) + suffix }.joined(separator: ", "),
                    "cases": contest.cases.map { caseIndex -> [String: Any] in
                        let unionCase = union.cases[caseIndex]
                        return [
                            "name": unionCase.swiftName,
                            "nameLiteral": SwiftText.literal(unionCase.swiftName.trimmingBackticks),
                            "constructor": constructor(unionCase.type),
                        ]
                    },
                ]
            },
        ]
        for (key, value) in keys { context[key] = value }
        if let discriminator = union.discriminator {
            let literal = SwiftText.literal(discriminator)
            context["discriminator"] = literal
            context["discriminatorRead"] =
                untagged.isEmpty ? "try decoder.discriminator(\(literal))" : "decoder.discriminatorIfPresent(\(literal))"
            // One arm per variant with values of its own, in order, then one per value several variants share.
            var arms = zip(decoded, values).map { unionCase, values in
                "case \(values): self = .\(unionCase.swiftName)(try \(constructor(unionCase.type))(from: decoder))"
            }
            for contest in contests {
                arms.append("case \(contest.values.map { SwiftText.literal($0) + suffix }.joined(separator: ", ")):")
                arms.append("    var failures: [(String, any Error)] = []")
                arms += contest.cases.flatMap { attempt(union.cases[$0]) }.map { "    " + $0 }
                arms.append("    throw decoder.noVariantMatched(Self.self, failures)")
            }
            context["discriminatedCases"] = Self.block(arms)
            context["untaggedAttempts"] = Self.optionalBlock(untagged.flatMap { unionCase in
                [
                    "if let value = try? \(constructor(unionCase.type))(from: decoder) {",
                    "    self = .\(unionCase.swiftName)(value)",
                    "    return",
                    "}",
                ]
            })
        } else {
            context["discriminator"] = false
            context["discriminatorRead"] = false
            context["attempts"] = Self.block(decoded.flatMap(attempt))
        }
        context["fallback"] = union.fallbackCase ?? false
        // Sections over booleans: a section over a string would push it on the context stack, and every tag inside
        // would first be looked up in the string (by reflection).
        context["hasDiscriminator"] = union.discriminator != nil
        context["hasFallback"] = union.fallbackCase != nil
    }

    /// Discriminator values that several variants pin, grouped by the variants they select (in decode order), in
    /// the order of the variants' first values.
    static func contests(_ union: IRUnion, owners: [String: [Int]]) -> [(values: [String], cases: [Int])] {
        var result: [(values: [String], cases: [Int])] = []
        for unionCase in union.cases {
            for value in unionCase.values {
                guard let cases = owners[value], cases.count > 1 else { continue }
                if let index = result.firstIndex(where: { $0.cases == cases }) {
                    if !result[index].values.contains(value) { result[index].values.append(value) }
                } else {
                    result.append(([value], cases))
                }
            }
        }
        return result
    }

    /// A type written so that `T(from: decoder)` parses: `Optional<X>` instead of `X?`.
    func constructor(_ type: IRTypeRef) -> String {
        if case .optional(let wrapped) = type { return "Optional<\(wrapped.swift)>" }
        return type.swift
    }
}

extension String {
    var replacingNewlines: String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
