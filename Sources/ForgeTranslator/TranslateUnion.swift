extension Translator {
    /// `oneOf`/`anyOf`: a discriminated union when a discriminator is declared, otherwise decoded by trying variants.
    mutating func translateUnion(_ schema: Schema, variants: [Schema], in scope: inout Scope) -> IRUnion {
        let discriminator = schema.discriminator
        var cases: [IRUnion.Case] = []
        for (index, variant) in variants.enumerated() {
            let suggestion = variantSuggestion(variant, index: index)
            let (type, nullable) = typeRef(variant, in: &scope, suggestion: suggestion)
            var values: [String] = []
            if let discriminator {
                values = discriminatorValues(for: variant, discriminator: discriminator)
            }
            cases.append(
                IRUnion.Case(
                    swiftName: "", type: nullable ? .optional(type) : type, values: values, doc: docText(variant)))
        }
        // A value several variants pin (the OpenAI spec's input and output messages are both `message`) selects all
        // of them: decoding tries them in decode order, the one with more fixed values first.
        var shared: Set<String> = []
        if let discriminator {
            var seen: [String: Int] = [:]
            for index in cases.indices {
                for value in cases[index].values {
                    if let first = seen[value] {
                        shared.insert(value)
                        diagnostics.warning(
                            "discriminator value '\(value)' selects both variant \(first + 1) and variant \(index + 1); decoding tries them in turn, the one with more fixed values first",
                            at: discriminator.location)
                    } else {
                        seen[value] = index
                    }
                }
            }
        }
        // Wire values name the cases only when each variant has exactly one (`.eq` would mislead for eq/ne/gt…); a
        // variant whose value others share is named after its type (`inputMessage`, `outputMessage`, not
        // `message`, `message2`).
        var names = caseNames(fromTypes: cases.map(\.type))
        if discriminator != nil && cases.allSatisfy({ $0.values.count == 1 }) {
            let fromValues = caseNames(fromValues: cases.map { $0.values[0] })
            for index in cases.indices where !shared.contains(cases[index].values[0]) { names[index] = fromValues[index] }
        }
        // A case hides a type of the same name inside the enum, where `T(from: decoder)` names each payload type;
        // it must not take a nested type's name either. Only names without letter case can meet (`_1st`, `日本語`).
        var used = Set(cases.flatMap { $0.type.typeRoots }).union(scope.usedNames)
        for index in cases.indices {
            cases[index].swiftName = uniqueMember(names[index], in: &used)
        }
        let ranks = zip(variants, cases).map { decodeRank($1.type, schema: $0) }
        let order = cases.indices.sorted {
            ranks[$0].lexicographicallyPrecedes(ranks[$1]) || ranks[$0] == ranks[$1] && $0 < $1
        }
        return IRUnion(
            discriminator: discriminator?.propertyName, cases: cases,
            fallbackCase: discriminator == nil ? nil : fallbackCaseName(avoiding: used), decodeOrder: order)
    }

    /// Where a variant goes in the decoding order; lower is tried first. Values of different JSON kinds never
    /// compete, so the rank only has to order the variants that can accept the same JSON: `Bool`; integers before
    /// floating point (`3` stays an integer); string enums before `String`; objects with more constant and required
    /// properties before looser ones; unions, then maps (any object) after structs; `JSONValue` last.
    func decodeRank(_ type: IRTypeRef, schema: Schema?) -> [Int] {
        switch type {
        case .bool: return [0]
        case .int, .int32, .int64: return [1]
        case .double, .float: return [2]
        case .string: return [4]
        case .data, .file: return [5]
        case .optional(let wrapped): return decodeRank(wrapped, schema: schema)
        case .array(let element): return [6] + decodeRank(element, schema: schema.flatMap(elementSchema))
        case .map: return [9]
        case .json: return [10]
        case .named:
            guard let schema else { return [8] }
            return declaredRank(schema)
        }
    }

    /// The items of an array variant, through `null` alternatives and a plain one-part `allOf`, as `typeRef` sees them.
    func elementSchema(_ schema: Schema) -> Schema? {
        var core = unwrapNullable(schema).0
        if let parts = core.allOf, parts.count == 1, isPlainWrapper(core) { core = unwrapNullable(parts[0]).0 }
        return core.items
    }

    /// The rank of what `declaration(for:named:)` declares for `schema`, followed through `$ref`s and aliases: a
    /// named primitive, array or map (a typealias) ranks as what it aliases, a string enum as an enum, an object as a
    /// struct.
    func declaredRank(_ schema: Schema, depth: Int = 0) -> [Int] {
        guard depth < 32 else { return [8] }
        let (core, _) = unwrapNullable(schema)
        if core.isPureReference, let target = core.ref?.target, let next = document.schemas[target] {
            return declaredRank(next, depth: depth + 1)
        }
        if let variants = core.oneOf ?? core.anyOf, !variants.isEmpty, core.properties.isEmpty, core.allOf == nil {
            return [8]
        }
        if !core.properties.isEmpty || !(core.allOf ?? []).isEmpty {
            if let parts = core.allOf, parts.count == 1, isPlainWrapper(core) {
                return declaredRank(parts[0], depth: depth + 1)
            }
            let (properties, required) = mergedObject(core)
            let constants = properties.filter { constantValue($0.schema) != nil }.count
            // More constants, then more required properties, sort first.
            return [7, -constants, -required.count]
        }
        if isStringEnum(core) { return [3] }
        // A typealias of a structural type (see `structuralType`).
        let types = core.types
        if types.count > 1 { return [10] }
        if types.isEmpty, core.additionalProperties != nil { return [9] }
        switch types.first {
        case .array?:
            guard let items = core.items else { return [6, 10] }
            return [6] + declaredRank(items, depth: depth + 1)
        case .null?, nil:
            guard let items = core.items else { return [10] }
            return [6] + declaredRank(items, depth: depth + 1)
        case .object?: return [9]
        case .string?: return core.format == "binary" || core.format == "byte" ? [5] : [4]
        case .integer?: return [1]
        case .number?: return [2]
        case .boolean?: return [0]
        }
    }

    /// The wire values that select `variant`: explicit `mapping` entries first; otherwise the variant's own constant
    /// on the discriminator property; otherwise its schema name (OpenAPI's default).
    /// Each value once (`enum: [a, a]` is one value); a value the `mapping` gives to another schema is not this
    /// variant's: another variant's constant or schema name does not compete with an explicit mapping.
    func discriminatorValues(for variant: Schema, discriminator: Schema.Discriminator) -> [String] {
        let target = variant.ref?.target
        if let target {
            let mapped = discriminator.mapping.filter { $0.target == target }.map(\.value)
            if !mapped.isEmpty { return mapped }
        }
        var values = pinnedValues(of: discriminator.propertyName, in: variant)
        if values.isEmpty, let target { values = [suggestedName(for: target)] }
        var seen: Set<String> = []
        return values.filter { value in
            seen.insert(value).inserted
                && (discriminator.mapping.first { $0.value == value }.map { $0.target == target } ?? true)
        }
    }

    /// The single-value `enum`/`const` strings of `property` in `schema`, following `$ref` and `allOf`.
    func pinnedValues(of property: String, in schema: Schema, depth: Int = 0) -> [String] {
        guard depth < 32 else { return [] }
        if let target = schema.ref?.target, let resolved = document.schemas[target] {
            let found = pinnedValues(of: property, in: resolved, depth: depth + 1)
            if !found.isEmpty { return found }
        }
        if let match = schema.properties.first(where: { $0.name == property }) {
            let propertySchema = followingReferences(match.schema)
            if let constant = propertySchema.constValue?.string { return [constant] }
            if let values = propertySchema.enumValues { return values.compactMap(\.string) }
        }
        for part in schema.allOf ?? [] {
            let found = pinnedValues(of: property, in: part, depth: depth + 1)
            if !found.isEmpty { return found }
        }
        return []
    }

    func variantSuggestion(_ variant: Schema, index: Int) -> String {
        if let title = variant.title, !Naming.words(title).isEmpty { return title }
        return "Variant\(index + 1)"
    }

    /// Case names from wire values, with the words all values share at the start removed
    /// (`chatkit.user_message`, `chatkit.widget` → `userMessage`, `widget`).
    func caseNames(fromValues values: [String]) -> [String] {
        let split = values.map { Naming.words($0).map { $0.lowercased() } }
        let trimmed = strippingCommonAffixes((split, split), suffix: false).words
        // A value without letters or digits (`*/`, `""`) is named like an enum case for it (`u2AU2F`, `empty`).
        return zip(values, trimmed).map { value, words in
            words.isEmpty ? nameCache.caseName(value) : nameCache.memberName(words.joined(separator: "_"))
        }
    }

    /// Case names from variant types, with shared leading and trailing words removed
    /// (`ActiveStatus`, `LockedStatus` → `active`, `locked`).
    func caseNames(fromTypes types: [IRTypeRef]) -> [String] {
        let split = types.map { Naming.words(caseStem($0)) }
        var trimmed = strippingCommonAffixes((split, split.map { $0.map { $0.lowercased() } }), suffix: false)
        trimmed = strippingCommonAffixes(trimmed, suffix: true)
        return trimmed.words.map { nameCache.memberName($0.joined(separator: "_")) }
    }

    func caseStem(_ type: IRTypeRef) -> String {
        switch type {
        case .named(let name): return String(name.lastDotComponent)
        case .array(let element): return caseStem(element) + "Array"
        case .map(let value): return caseStem(value) + "Map"
        case .optional(let wrapped): return caseStem(wrapped)
        default: return type.swift
        }
    }

    /// Drops the longest run of words shared by every entry at the start (or end), keeping at least one word each
    /// and keeping the entries distinct, both ignoring case. A single entry is left as it is. The words come with
    /// their lowercased forms, which are compared (so each word is lowercased once) and returned trimmed alike.
    func strippingCommonAffixes(_ entries: (words: [[String]], lowered: [[String]]), suffix: Bool)
        -> (words: [[String]], lowered: [[String]])
    {
        let lowered = entries.lowered
        guard lowered.count > 1 else { return entries }
        var shared = 0
        let shortest = lowered.map(\.count).min() ?? 0
        while shared < shortest - 1 {
            let word = suffix ? lowered[0][lowered[0].count - 1 - shared] : lowered[0][shared]
            guard lowered.allSatisfy({ (suffix ? $0[$0.count - 1 - shared] : $0[shared]) == word }) else { break }
            shared += 1
        }
        guard shared > 0 else { return entries }
        func trim(_ words: [String]) -> [String] { suffix ? Array(words.dropLast(shared)) : Array(words.dropFirst(shared)) }
        let trimmedLowered = lowered.map(trim)
        guard Set(trimmedLowered.map { $0.joined(separator: " ") }).count == trimmedLowered.count else { return entries }
        return (entries.words.map(trim), trimmedLowered)
    }
}
