extension Translator {
    mutating func translateOperations() -> [IROperation] {
        // The first operation to use each operationId and each Swift method name.
        var operationIDs: [String: Operation] = [:]
        var methodNames: Set<String> = []
        var result: [IROperation] = []
        for operation in document.operations {
            if let operationID = operation.operationID {
                if let first = operationIDs[operationID] {
                    diagnostics.error(
                        "duplicate operationId '\(operationID)'; each operation needs its own",
                        at: operation.operationIDLocation ?? operation.location,
                        notes: [.note("first used here", at: first.operationIDLocation ?? first.location)])
                    continue
                }
                operationIDs[operationID] = operation
            }
            let operationID = operation.operationID ?? defaultOperationID(operation)
            let swiftName = methodName(for: operationID)
            // (ForgeGeneratorTests asserts this message and location as they are.)
            if methodNames.contains(swiftName) {
                diagnostics.error(
                    "operation '\(operationID)' maps to the Swift method '\(swiftName)', which another operation already uses",
                    at: operation.location)
                continue
            }
            methodNames.insert(swiftName)
            guard let translated = translateOperation(operation, id: operationID, swiftName: swiftName) else { continue }
            result.append(translated)
        }
        // Derived methods (auto-paging, streaming) must not take an operation's name, nor each other's.
        var taken = Set(result.map { $0.swiftName.trimmingBackticks })
        for index in result.indices {
            if let pager = result[index].pagination?.swiftName {
                result[index].pagination?.swiftName = uniqueMember(pager, in: &taken)
            }
            if result[index].success?.eventType != nil {
                result[index].streamSwiftName = uniqueMember(result[index].swiftName.trimmingBackticks + "Stream", in: &taken)
            }
        }
        return result
    }

    /// The configured name, else the operationId without the configured suffixes, in lowerCamelCase.
    func methodName(for operationID: String) -> String {
        if let configured = options.operationNames[operationID] { return Naming.escapeIfNeeded(configured) }
        var words = Naming.words(operationID)
        for suffix in options.dropOperationSuffixes where words.count > 1 {
            if words.last?.lowercased() == suffix.lowercased() { words.removeLast() }
        }
        return nameCache.memberName(words.joined(separator: "_"))
    }

    /// `get /chatkit/threads/{thread_id}` → `getChatkitThreadsThreadId`.
    func defaultOperationID(_ operation: Operation) -> String {
        ([operation.method.rawValue] + Naming.words(operation.path)).joined(separator: "_")
    }

    mutating func translateOperation(_ operation: Operation, id: String, swiftName: String) -> IROperation? {
        let typePrefix = nameCache.typeName(id)
        var scope = Scope.topLevel
        var used: Set<String> = []
        var parameters: [IRParameter] = []
        for parameter in operation.parameters {
            guard let location = IRParameter.Location(rawValue: parameter.location.rawValue) else { continue }
            let name = uniqueMember(nameCache.memberName(parameter.name), in: &used)
            let constant = parameter.schema.flatMap(constantValue)
            var type = IRTypeRef.string
            if constant == nil, let schema = parameter.schema {
                type = typeRef(schema, in: &scope, suggestion: parameterTypeName(parameter, prefix: typePrefix)).type
            }
            parameters.append(
                IRParameter(
                    swiftName: name, wireName: parameter.name, location: location, type: type,
                    isRequired: parameter.required, constant: constant, doc: parameter.description,
                    style: parameter.style, explode: parameter.explode))
        }
        // A path key may carry a fixed query (`/responses?beta=true`): those become constant query parameters.
        var path = operation.path
        // By bytes: a Character search walks grapheme clusters (the index is the same, `?` being ASCII).
        if let mark = path.utf8.firstIndex(of: UInt8(ascii: "?")) {
            for item in path[path.utf8.index(after: mark)...].split(separator: "&") {
                let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard !parts[0].isEmpty else {
                    diagnostics.error(
                        "the path '\(operation.path)' has a query item '\(item)' without a name", at: operation.location)
                    return nil
                }
                parameters.append(
                    IRParameter(
                        swiftName: uniqueMember(nameCache.memberName(parts[0]), in: &used), wireName: parts[0],
                        location: .query, type: .string, isRequired: true, constant: parts.count > 1 ? parts[1] : "",
                        doc: nil, style: nil, explode: nil))
            }
            path = String(path[..<mark])
        }
        var body: IRBody?
        if let requestBody = operation.requestBody {
            body = translateBody(requestBody, operationID: id, in: &scope, suggestion: typePrefix + "Request")
        }
        var success: IRResponse?
        var errors: [IRResponse] = []
        for response in operation.responses {
            let translated = translateResponse(response, in: &scope, suggestion: typePrefix + "Response")
            if response.status.hasPrefix("2") {
                if success == nil { success = translated }
            } else {
                errors.append(translated)
            }
        }
        if success?.eventType != nil, let requestBody = body, case .named(let name) = requestBody.type,
            case .structure(let structure)? = type(named: name)?.kind,
            let flag = structure.properties.first(where: { $0.wireName == "stream" && $0.type == .bool })
        {
            // The server streams when the body says `stream: true`: the streaming method sets it.
            body?.streamFlag = flag.swiftName
        }
        let security = (operation.security ?? document.security).flatMap { $0 }
        let bearer = security.contains { name in
            document.securitySchemes.contains { $0.name == name && $0.kind == .httpBearer }
        }
        return IROperation(
            swiftName: swiftName, operationID: id, method: operation.method.rawValue.uppercased(), path: path,
            summary: operation.summary, doc: operation.description, deprecated: operation.deprecated,
            tags: operation.tags, parameters: parameters, requestBody: body, success: success, errors: errors,
            security: security, usesBearerAuth: bearer,
            pagination: pagination(swiftName: swiftName, parameters: parameters, success: success))
    }

    /// Cursor pagination, recognised by shape so that no endpoint is special-cased: a query parameter `after`
    /// (or `starting_after`), and a response struct with an array `data`, a boolean `has_more` and `last_id`.
    mutating func pagination(swiftName: String, parameters: [IRParameter], success: IRResponse?) -> IRPagination? {
        guard let cursor = parameters.first(where: { $0.location == .query && ["after", "starting_after"].contains($0.wireName) }),
            case .named(let responseName)? = success?.type,
            case .structure(let page)? = type(named: responseName)?.kind,
            let data = page.properties.first(where: { $0.wireName == "data" }), case .array(let item) = data.type,
            let hasMore = page.properties.first(where: { $0.wireName == "has_more" && $0.type == .bool }),
            let lastID = page.properties.first(where: { $0.wireName == "last_id" && $0.type == .string })
        else { return nil }
        let bare = swiftName.trimmingBackticks
        let base = bare.hasPrefix("list") && bare.count > 4 ? "all" + bare.dropFirst(4) : bare + "AutoPaging"
        return IRPagination(
            swiftName: base, cursorParameter: cursor.swiftName, itemType: item, dataProperty: data.swiftName,
            hasMoreProperty: hasMore.swiftName, nextCursorProperty: lastID.swiftName)
    }

    /// A shared parameter (`components/parameters/ListOrder`) names its inline type after itself; otherwise the
    /// operation and parameter names are joined (`ListThreadsOrder`).
    func parameterTypeName(_ parameter: Parameter, prefix: String) -> String {
        let tokens = parameter.schema?.id.pointer.tokens ?? []
        if tokens.count >= 3, tokens[0] == "components", tokens[1] == "parameters" { return tokens[2] }
        return prefix + nameCache.typeName(parameter.name)
    }

    /// A request body: JSON when the spec offers it, else multipart or form-urlencoded with a schema, else raw bytes.
    mutating func translateBody(_ requestBody: RequestBody, operationID: String, in scope: inout Scope, suggestion: String)
        -> IRBody
    {
        let candidates: [(IRBody.Encoding, (String) -> Bool)] = [
            (.json, isJSON), (.multipart, { Self.mediaBase($0) == "multipart/form-data" }),
            (.form, { Self.mediaBase($0) == "application/x-www-form-urlencoded" }),
        ]
        let contentType = requestBody.content.first?.contentType ?? "application/octet-stream"
        let raw = IRBody(contentType: contentType, type: .data, isRequired: requestBody.required, encoding: .raw)
        for (encoding, matches) in candidates {
            guard let media = requestBody.content.first(where: { matches($0.contentType) }), let schema = media.schema
            else { continue }
            if encoding != .json, !isObject(schema) {
                diagnostics.warning(
                    "the \(media.contentType) body of '\(operationID)' is not an object schema; it is sent as raw data",
                    at: requestBody.location)
                return raw
            }
            // Only now: a body sent as raw data must not leave a type behind.
            let (type, _) = typeRef(schema, in: &scope, suggestion: suggestion)
            return IRBody(contentType: media.contentType, type: type, isRequired: requestBody.required, encoding: encoding)
        }
        let base = Self.mediaBase(contentType)
        if base.hasPrefix("multipart/") || base == "application/x-www-form-urlencoded" || base.hasSuffix("json") {
            diagnostics.warning(
                "request body of '\(operationID)' (\(contentType)) has no schema this generator can use; it is sent as raw data",
                at: requestBody.location)
        }
        return raw
    }

    /// An object schema, directly or through `$ref`/`allOf`: what multipart and form bodies need (a part or pair per
    /// property).
    func isObject(_ schema: Schema, depth: Int = 0) -> Bool {
        guard depth < 32 else { return false }
        let schema = followingReferences(schema)
        return !schema.properties.isEmpty || schema.types == [.object] && schema.oneOf == nil && schema.anyOf == nil
            || (schema.allOf ?? []).contains { isObject($0, depth: depth + 1) }
    }

    func preferredMedia(_ content: [MediaType]) -> MediaType? {
        content.first { isJSON($0.contentType) }
    }

    /// `Application/JSON; charset=utf-8` → `application/json`.
    static func mediaBase(_ contentType: String) -> String {
        let utf8 = contentType.utf8
        var start = utf8.startIndex
        var end = utf8.firstIndex(of: UInt8(ascii: ";")) ?? utf8.endIndex
        while start < end && utf8[start] == UInt8(ascii: " ") { start = utf8.index(after: start) }
        while end > start && utf8[utf8.index(before: end)] == UInt8(ascii: " ") { end = utf8.index(before: end) }
        return String(contentType[start..<end]).lowercased()
    }

    func isJSON(_ contentType: String) -> Bool {
        let base = Self.mediaBase(contentType)
        return base == "application/json" || base.hasSuffix("+json")
    }

    func isEventStream(_ contentType: String) -> Bool {
        Self.mediaBase(contentType) == "text/event-stream"
    }

    mutating func translateResponse(_ response: Response, in scope: inout Scope, suggestion: String) -> IRResponse {
        var type: IRTypeRef?
        var contentType: String?
        if let media = preferredMedia(response.content) {
            contentType = media.contentType
            if let schema = media.schema {
                let (core, nullable) = typeRef(schema, in: &scope, suggestion: suggestion)
                type = nullable ? .optional(core) : core
            } else {
                type = .json
            }
        } else if let first = response.content.first(where: { !isEventStream($0.contentType) }) {
            contentType = first.contentType
            type = .data
        }
        // A response that may also stream: its events' type, for a separate streaming method.
        var eventType: IRTypeRef?
        if let media = response.content.first(where: { isEventStream($0.contentType) }) {
            if let schema = media.schema {
                let (core, nullable) = typeRef(schema, in: &scope, suggestion: suggestion + "Event")
                eventType = nullable ? .optional(core) : core
            } else {
                eventType = .json
            }
        }
        var used: Set<String> = []
        let headers = response.headers.map { header in
            IRHeader(
                swiftName: uniqueMember(nameCache.memberName(header.name), in: &used), wireName: header.name,
                type: header.schema.map { structuralType($0, in: &scope, suggestion: header.name) } ?? .string)
        }
        return IRResponse(
            status: response.status, contentType: contentType, type: type, eventType: eventType, headers: headers,
            doc: response.description)
    }
}

