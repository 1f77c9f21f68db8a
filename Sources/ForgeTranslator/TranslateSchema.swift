/// The enclosing type while translating inline schemas: nested declarations land here.
struct Scope {
    /// The enclosing type's qualified name (`ThreadResource`), or `nil` at the module's top level.
    var qualifiedName: String?
    /// Simple names already declared in this scope (nested types).
    var usedNames: Set<String> = []
    /// Member names of the enclosing type (its properties), which a nested type must not take.
    var memberNames: Set<String> = []
    var nested: [IRType] = []

    static let topLevel = Scope(qualifiedName: nil)

    var simpleName: String? {
        guard let qualifiedName, qualifiedName.contains(where: { $0 != "." }) else { return nil }
        return String(qualifiedName.lastDotComponent)
    }
}

extension Translator {
    // MARK: - Schema → type reference

    /// The Swift type for `schema` used in place (a property, an array element, a parameter), declaring inline
    /// object/enum/union schemas as nested types of `scope` named after `suggestion`. `nullable` says `null` is allowed.
    mutating func typeRef(_ schema: Schema, in scope: inout Scope, suggestion: String) -> (type: IRTypeRef, nullable: Bool)
    {
        let (core, nullable) = unwrapNullable(schema)
        if core.isPureReference, let target = core.ref?.target {
            return (.named(name(for: target)), nullable || isNullable(target))
        }
        if let parts = core.allOf, parts.count == 1, isPlainWrapper(core) {
            let inner = typeRef(parts[0], in: &scope, suggestion: suggestion)
            return (inner.type, nullable || inner.nullable)
        }
        if needsDeclaration(core) {
            return (.named(declareInline(core, in: &scope, suggestion: suggestion)), nullable)
        }
        return (structuralType(core, in: &scope, suggestion: suggestion), nullable)
    }

    /// Arrays, maps and primitives: types that need no declaration of their own.
    mutating func structuralType(_ schema: Schema, in scope: inout Scope, suggestion: String) -> IRTypeRef {
        let types = schema.types
        if types.count > 1 {
            diagnostics.warning(
                "a schema with several types (\(types.map(\.rawValue).joined(separator: ", "))) is represented as JSONValue",
                at: schema.location)
            return .json
        }
        if types.isEmpty, schema.additionalProperties != nil { return mapType(schema, in: &scope, suggestion: suggestion) }
        switch types.first {
        case .array?:
            guard let items = schema.items else { return .array(.json) }
            let element = typeRef(items, in: &scope, suggestion: Naming.singular(suggestion))
            return .array(element.nullable ? .optional(element.type) : element.type)
        case .object?:
            return mapType(schema, in: &scope, suggestion: suggestion)
        case .string?:
            switch schema.format {
            case "binary": return .file  // a file: bytes with a name, a file part in multipart bodies
            case "byte": return .data  // base64 in JSON
            default: return .string
            }
        case .integer?:
            switch schema.format {
            case "int32": return .int32
            case "int64": return .int64
            default: return .int
            }
        case .number?:
            return schema.format == "float" ? .float : .double
        case .boolean?:
            return .bool
        case .null?, nil:
            if let items = schema.items {
                let element = typeRef(items, in: &scope, suggestion: Naming.singular(suggestion))
                return .array(element.nullable ? .optional(element.type) : element.type)
            }
            return .json
        }
    }

    /// `{type: object}` without properties: a dictionary of its `additionalProperties` (any JSON by default).
    mutating func mapType(_ schema: Schema, in scope: inout Scope, suggestion: String) -> IRTypeRef {
        guard case .schema(let valueSchema)? = schema.additionalProperties else { return .map(.json) }
        let value = typeRef(valueSchema, in: &scope, suggestion: suggestion + "Value")
        return .map(value.nullable ? .optional(value.type) : value.type)
    }

    /// Whether the schema becomes a declared type (struct, enum or union) rather than a structural one.
    func needsDeclaration(_ schema: Schema) -> Bool {
        if !schema.properties.isEmpty { return true }
        if let allOf = schema.allOf, !allOf.isEmpty { return true }
        if let variants = schema.oneOf ?? schema.anyOf, !variants.isEmpty { return true }
        if isStringEnum(schema) { return true }
        return false
    }

    func isStringEnum(_ schema: Schema) -> Bool {
        guard let values = schema.enumValues, !values.isEmpty else { return false }
        return values.allSatisfy { $0.string != nil }
    }

    /// `allOf: [X]` with nothing else but annotations: just `X`.
    func isPlainWrapper(_ schema: Schema) -> Bool {
        schema.properties.isEmpty && schema.oneOf == nil && schema.anyOf == nil && schema.enumValues == nil
            && schema.additionalProperties == nil && schema.ref == nil && schema.items == nil
    }

    // MARK: - Nullability

    func isNullSchema(_ schema: Schema) -> Bool {
        isOnlyNull(schema.types) && schema.ref == nil
    }

    /// Removes `null` alternatives (`anyOf: [X, {type: 'null'}]`, `type: [X, 'null']`): the schema that remains,
    /// and whether `null` was allowed.
    func unwrapNullable(_ schema: Schema) -> (Schema, Bool) {
        // Only what changes is written: a schema shares its fields with its copies until one is written.
        var result = schema
        var nullable = schema.nullable
        if result.nullable && isOnlyNull(result.types) && (result.oneOf != nil || result.anyOf != nil) {
            result.types = []
        }
        for pass in 0..<2 {  // anyOf, then oneOf (a range, not an array to allocate on every call)
            let anyOf = pass == 0
            guard let variants = anyOf ? result.anyOf : result.oneOf, variants.contains(where: isNullSchema) else {
                continue
            }
            let others = variants.filter { !isNullSchema($0) }
            nullable = true
            if others.count == 1 && result.properties.isEmpty && result.allOf == nil {
                var only = others[0]
                if only.description == nil { only.description = result.description }
                if result.deprecated && !only.deprecated { only.deprecated = true }
                let (inner, innerNullable) = unwrapNullable(only)
                return (inner, true || innerNullable)
            }
            if anyOf { result.anyOf = others } else { result.oneOf = others }
        }
        if result.nullable { result.nullable = false }
        if isOnlyNull(result.types) { result.types = [] }
        return (result, nullable)
    }

    private func isOnlyNull(_ types: [JSONType]) -> Bool {
        types.count == 1 && types[0] == .null
    }

    /// `schema` with pure `$ref`s followed to the schema they name (at most 32 steps, so a cycle ends).
    func followingReferences(_ schema: Schema) -> Schema {
        var resolved = schema
        for _ in 0..<32 {
            guard resolved.isPureReference, let target = resolved.ref?.target, let next = document.schemas[target]
            else { break }
            resolved = next
        }
        return resolved
    }

    /// Whether a named schema admits `null` (so every reference to it is optional).
    func isNullable(_ id: SchemaID, depth: Int = 0) -> Bool {
        guard depth < 32, let schema = document.schemas[id] else { return false }
        if unwrapNullable(schema).1 { return true }
        if schema.isPureReference, let next = schema.ref?.target { return isNullable(next, depth: depth + 1) }
        return false
    }

    // MARK: - Declarations

    /// Declares an inline schema inside `scope` and returns its qualified name. Top-level inline schemas (operation
    /// parameters and bodies) are declared once per schema location.
    mutating func declareInline(_ schema: Schema, in scope: inout Scope, suggestion: String) -> String {
        guard let parent = scope.qualifiedName else {
            if let existing = names[schema.id] { return existing }
            // An inline type takes its suggested name, else that name + `Item`, else a number: no warning, since
            // no name written in the spec is lost.
            var base = nameCache.typeName(suggestion)
            if topLevelNames.contains(base) || Naming.reservedTypeNames.contains(base) || options.reservedNames.contains(base) {
                base += "Item"
            }
            var name = base
            var counter = 2
            while topLevelNames.contains(name) {
                name = "\(base)\(counter)"
                counter += 1
            }
            topLevelNames.insert(name)
            names[schema.id] = name
            declared.insert(schema.id)
            declare(declaration(for: schema, named: name))
            return name
        }
        var simple = nameCache.typeName(suggestion)
        if Naming.reservedNestedTypeNames.contains(simple) || topLevelNames.contains(simple) || simple == scope.simpleName
            || parent.split(separator: ".").contains(Substring(simple)) || scope.memberNames.contains(simple)
        {
            simple = (scope.simpleName ?? "") + simple
        }
        if scope.usedNames.contains(simple) || scope.memberNames.contains(simple) {
            var counter = 2
            while scope.usedNames.contains("\(simple)\(counter)") || scope.memberNames.contains("\(simple)\(counter)") {
                counter += 1
            }
            simple = "\(simple)\(counter)"
        }
        scope.usedNames.insert(simple)
        let qualified = "\(parent).\(simple)"
        scope.nested.append(declaration(for: schema, named: simple, qualifiedName: qualified))
        return qualified
    }

    /// The declaration for a schema: a struct, a string enum, a union, or a typealias.
    mutating func declaration(for schema: Schema, named name: String, qualifiedName: String? = nil) -> IRType {
        let qualified = qualifiedName ?? name
        let (core, _) = unwrapNullable(schema)
        var scope = Scope(qualifiedName: qualified)
        let kind: IRType.Kind
        if core.isPureReference, let target = core.ref?.target {
            kind = .alias(.named(self.name(for: target)))
        } else if let variants = core.oneOf ?? core.anyOf, !variants.isEmpty, core.properties.isEmpty,
            core.allOf == nil
        {
            kind = .union(translateUnion(core, variants: variants, in: &scope))
        } else if !core.properties.isEmpty || !(core.allOf ?? []).isEmpty {
            if let parts = core.allOf, parts.count == 1, isPlainWrapper(core) {
                var topLevel = Scope.topLevel
                let inner = typeRef(parts[0], in: &topLevel, suggestion: name)
                kind = .alias(inner.nullable ? .optional(inner.type) : inner.type)
            } else {
                kind = .structure(translateStruct(core, in: &scope))
            }
        } else if isStringEnum(core) {
            kind = .stringEnum(translateEnum(core))
        } else {
            // A typealias cannot contain nested types: inline types under it are declared at the top level.
            var topLevel = Scope.topLevel
            kind = .alias(structuralType(core, in: &topLevel, suggestion: name))
        }
        return IRType(
            name: name, source: sourceDescription(schema.id).escapingLineBreaks, doc: docText(schema),
            deprecated: schema.deprecated,
            kind: kind, nested: scope.nested.sorted { $0.name < $1.name })
    }

    func docText(_ schema: Schema) -> String? {
        let text = schema.description ?? schema.title
        guard let text, !text.allSatisfy(\.isWhitespace) else { return nil }
        return text
    }

    // MARK: - Enums

    func translateEnum(_ schema: Schema) -> IREnum {
        // The enum declares `knownCases` itself: a case of that name is numbered like any other collision.
        var used = Naming.reservedEnumCaseNames
        let cases = (schema.enumValues ?? []).compactMap(\.string).map { raw -> IREnum.Case in
            IREnum.Case(swiftName: uniqueMember(nameCache.caseName(raw), in: &used), rawValue: raw)
        }
        return IREnum(cases: cases, fallbackCase: fallbackCaseName(avoiding: used))
    }

    /// `unknown`, unless a known case already has that name; then `undocumented`, then `unknown2`, `unknown3`…
    func fallbackCaseName(avoiding used: Set<String>) -> String {
        if !used.contains("unknown") { return "unknown" }
        if !used.contains("undocumented") { return "undocumented" }
        var counter = 2
        while used.contains("unknown\(counter)") { counter += 1 }
        return "unknown\(counter)"
    }
}

/// `name`, or `name2`, `name3`… so that it is unique in `used` (which it joins).
func uniqueMember(_ name: String, in used: inout Set<String>) -> String {
    var candidate = name
    if used.contains(candidate) {
        let bare = name.trimmingBackticks
        var counter = 2
        while used.contains(Naming.escapeIfNeeded("\(bare)\(counter)")) { counter += 1 }
        candidate = "\(bare)\(counter)"
    }
    used.insert(candidate)
    return candidate
}

extension String {
    /// The text on one line: line breaks and other control characters written as `\u{A}` (a property name, and so
    /// an inline schema's source, may contain any character; the source is printed in a `///` line).
    var escapingLineBreaks: String {
        // Printable ASCII, nearly every name, has none: told by its bytes, without decoding scalars.
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return self }
        guard unicodeScalars.contains(where: \.breaksLine) else { return self }
        var result = ""
        for scalar in unicodeScalars {
            if scalar.breaksLine {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `split(separator: ".").first ?? self[...]` (`A` of `A.B.C`), without splitting the rest.
    var firstDotComponent: Substring {
        // By bytes when the first dot stands alone between ASCII bytes (always, for generated type names); a dot
        // at the start, or beside other bytes (which could join it into a larger Character), goes by Characters.
        let utf8 = self.utf8
        guard let dot = utf8.firstIndex(of: UInt8(ascii: ".")) else { return self[...] }
        let after = utf8.index(after: dot)
        if dot != utf8.startIndex, utf8[utf8.index(before: dot)] < 0x80, after == utf8.endIndex || utf8[after] < 0x80 {
            return self[..<dot]
        }
        guard let start = firstIndex(where: { $0 != "." }) else { return self[...] }
        return self[start..<(self[start...].firstIndex(of: ".") ?? endIndex)]
    }

    /// `split(separator: ".").last ?? self[...]` (`C` of `A.B.C`), without splitting the rest.
    var lastDotComponent: Substring {
        // By bytes for ASCII text (generated type names): each byte is a Character of its own then, CR LF aside,
        // which holds no dot and ends where its LF does. Walking Characters backwards is far slower.
        let utf8 = self.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            guard let last = utf8.lastIndex(where: { $0 != UInt8(ascii: ".") }) else { return self[...] }
            let end = utf8.index(after: last)
            let start = utf8[..<end].lastIndex(of: UInt8(ascii: ".")).map { utf8.index(after: $0) } ?? startIndex
            return self[start..<end]
        }
        guard let last = lastIndex(where: { $0 != "." }) else { return self[...] }
        let end = index(after: last)
        let start = self[..<end].lastIndex(of: ".").map { index(after: $0) } ?? startIndex
        return self[start..<end]
    }

    package var trimmingBackticks: String {
        hasPrefix("`") && hasSuffix("`") && count > 1 ? String(dropFirst().dropLast()) : self
    }
}

extension Unicode.Scalar {
    /// A control character (C0, DEL, C1) or a line or paragraph separator.
    var breaksLine: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
    }
}
