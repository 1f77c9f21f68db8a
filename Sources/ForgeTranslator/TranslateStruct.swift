extension Translator {
    /// An object schema's properties, `allOf` parts merged in order (later parts win by name).
    func mergedObject(_ schema: Schema, depth: Int = 0) -> (properties: [Schema.Property], required: Set<String>) {
        guard depth < 32 else { return ([], []) }
        let schema = followingReferences(schema)
        let own = (properties: schema.properties, required: Set(schema.required))
        guard let parts = schema.allOf, !parts.isEmpty else { return own }  // most schemas
        var properties: [Schema.Property] = []
        var required: Set<String> = []
        // A property a later part declares again takes the earlier one's place.
        var positions: [String: Int] = [:]
        func add(_ part: (properties: [Schema.Property], required: Set<String>)) {
            for property in part.properties {
                if let index = positions[property.name] {
                    properties[index] = property
                } else {
                    positions[property.name] = properties.count
                    properties.append(property)
                }
            }
            required.formUnion(part.required)
        }
        for part in parts {
            add(mergedObject(part, depth: depth + 1))
        }
        add(own)
        return (properties, required)
    }

    mutating func translateStruct(_ schema: Schema, in scope: inout Scope) -> IRStruct {
        let (properties, required) = mergedObject(schema)
        var used = Set<String>(minimumCapacity: properties.count)
        let swiftNames = properties.map { uniqueMember(nameCache.memberName($0.name), in: &used) }
        // Nested types must not take a property's name (`_3d` for both the property `3d` and its inline type).
        scope.memberNames.formUnion(swiftNames.map(\.trimmingBackticks))
        var result: [IRProperty] = []
        for (property, swiftName) in zip(properties, swiftNames) {
            // `readOnly` (server to client only) and `writeOnly` (client to server only) properties are required in
            // one direction: the shared Swift type must accept their absence in the other.
            let oneWay = property.schema.readOnly || property.schema.writeOnly
            let isRequired = required.contains(property.name) && !oneWay
            var doc = docText(property.schema)
            if oneWay {
                let note = property.schema.readOnly
                    ? "Read-only: sent by the server, ignored in requests." : "Write-only: sent in requests, never returned."
                doc = doc.map { $0 + "\n\n" + note } ?? note
            }
            if let constant = constantValue(property.schema) {
                result.append(
                    IRProperty(
                        swiftName: swiftName, wireName: property.name, type: .string, isRequired: isRequired,
                        isNullable: false, constant: constant, doc: doc, deprecated: property.schema.deprecated))
                continue
            }
            let (type, nullable) = typeRef(property.schema, in: &scope, suggestion: property.name)
            result.append(
                IRProperty(
                    swiftName: swiftName, wireName: property.name, type: type, isRequired: isRequired,
                    isNullable: nullable, constant: nil, doc: doc, deprecated: property.schema.deprecated))
        }
        // Inside the struct a property hides a type of the same name, and generated code names property types in
        // expressions (`container.decode(_1st._3d.self, …)`): a property named like the first component of a type it
        // uses is numbered instead. Only names without letter case can meet (`1st`, `日本語`).
        // Most structs have no such property: the scope's names join `used` only for those that do.
        let roots = Set(result.flatMap { $0.type.typeRoots })
        if result.contains(where: { roots.contains($0.swiftName.trimmingBackticks) }) {
            used.formUnion(scope.usedNames)
            for index in result.indices where roots.contains(result[index].swiftName.trimmingBackticks) {
                result[index].swiftName = uniqueMember(result[index].swiftName, in: &used)
            }
        }
        var additional: IRStruct.AdditionalProperties?
        if let valueType = additionalPropertiesType(schema, in: &scope) {
            used.formUnion(scope.usedNames)
            let name = uniqueMember("additionalProperties", in: &used)
            scope.memberNames.insert(name)
            additional = IRStruct.AdditionalProperties(swiftName: name, valueType: valueType)
        }
        return IRStruct(properties: result, additionalProperties: additional)
    }

    /// The value type of members an object schema allows beside its properties: `additionalProperties: true` or a
    /// schema, on the object or one of its `allOf` parts. `false` or absent (the common case, and what OpenAPI
    /// descriptions usually mean by omitting it) keeps none.
    mutating func additionalPropertiesType(_ schema: Schema, in scope: inout Scope, depth: Int = 0) -> IRTypeRef? {
        guard depth < 32 else { return nil }
        let schema = followingReferences(schema)
        switch schema.additionalProperties {
        case .allowed(true)?:
            return .json
        case .schema(let valueSchema)?:
            if valueSchema.isFalse { return nil }
            let (type, nullable) = typeRef(valueSchema, in: &scope, suggestion: "AdditionalProperty")
            return nullable ? .optional(type) : type
        default:
            for part in schema.allOf ?? [] {
                if let type = additionalPropertiesType(part, in: &scope, depth: depth + 1) { return type }
            }
            return nil
        }
    }

    /// The fixed string of a property written as `const: x` or a single-value string `enum` (and not nullable).
    func constantValue(_ schema: Schema) -> String? {
        guard schema.ref == nil, !schema.nullable else { return nil }
        if let constant = schema.constValue?.string { return constant }
        if let values = schema.enumValues, values.count == 1, let only = values[0].string { return only }
        return nil
    }
}
