import ForgeTranslator

extension Renderer {
    /// The context of `Client.mustache`: one method per operation, plus an auto-paging method per list.
    func clientContext(_ module: IRModule) -> [String: Any] {
        let apiKeyExpression =
            options.apiKeyEnvironmentVariable.map {
                "apiKey.map { APIKey($0) } ?? ClientConfiguration.apiKey(fromEnvironment: \(SwiftText.literal($0)))"
            } ?? "apiKey.map { APIKey($0) }"
        let apiKeyDoc =
            options.apiKeyEnvironmentVariable.map {
                "The API key defaults to the `\($0.replacingOccurrences(of: "`", with: "'"))` environment variable."
            } ?? "Without an API key, requests are sent unauthenticated."
        let methodNames = methodNames(module)
        return [
            "header": header(),
            "access": access,
            "clientName": options.clientName,
            "titleDoc": SwiftText.docLines("A client for \(module.title): one method per operation.").first ?? "///",
            "baseURLParameter": module.serverURL.map { "baseURL: URL = URL(string: \(SwiftText.literal($0)))!" }
                ?? "baseURL: URL",
            "apiKeyExpression": apiKeyExpression,
            "apiKeyDoc": apiKeyDoc,
            "operations": module.operations.map { operationContext($0, methodNames: methodNames) },
        ]
    }

    /// The client's method names (pagers included), without backticks: inside any method they hide a type of the
    /// same name.
    func methodNames(_ module: IRModule) -> Set<String> {
        Set(module.operations.flatMap { operation in
            [operation.swiftName.trimmingBackticks] + (operation.pagination.map { [$0.swiftName] } ?? [])
                + (operation.streamSwiftName.map { [$0] } ?? [])
        })
    }

    /// Names generated method bodies declare or use themselves (`var request`, the client's `api`): a parameter of
    /// that name gets a separate local name.
    static let bodyNames: Set<String> = ["request", "api", "streamed"]
    /// What the auto-paging method's closure declares (`cursor in`, `let page`), for the parameters it passes on.
    static let pagerNames: Set<String> = ["cursor", "page"]

    /// A method's parameter list being built: labels, local names (keywords get a separate one) and doc lines.
    struct Signature {
        var parameters: [String] = []
        var arguments: [(label: String, local: String, isCursor: Bool)] = []
        var docs: [String] = []
        var used: Set<String>
        /// Names a local must not take: what the body uses, and type names the body writes in expressions.
        var reserved: Set<String> = Renderer.bodyNames

        /// The first line with text. ASCII text goes by bytes (its line-break characters are the bytes 0x0A–0x0D,
        /// CR LF being two that split alike); other text by characters, stopping at the first line.
        static func firstLine(of text: String) -> String {
            let utf8 = text.utf8
            guard utf8.allSatisfy({ $0 < 0x80 }) else {
                return text.split(maxSplits: 1, whereSeparator: \.isNewline).first.map(String.init) ?? ""
            }
            let breaks: ClosedRange<UInt8> = 0x0A...0x0D
            guard let start = utf8.firstIndex(where: { !breaks.contains($0) }) else { return "" }
            let end = utf8[start...].firstIndex(where: { breaks.contains($0) }) ?? utf8.endIndex
            return String(text[start..<end])
        }

        /// Declares a parameter and returns the local name to use in the body.
        mutating func declare(_ swiftName: String, type: String, required: Bool, doc: String?, isCursor: Bool = false)
            -> String
        {
            let bare = swiftName.trimmingBackticks
            var local = swiftName
            if swiftName != bare || reserved.contains(bare) {
                local = bare + "Value"
                while used.contains(local) || reserved.contains(local) { local += "_" }
                used.insert(local)
            }
            let label = local == swiftName ? swiftName : "\(swiftName) \(local)"
            parameters.append("\(label): \(type)\(required ? "" : "? = nil")")
            let firstLine = Self.firstLine(of: doc ?? "")
            docs.append("- \(bare):\(firstLine.isEmpty ? "" : " " + firstLine)")
            arguments.append((swiftName, local, isCursor))
            return local
        }
    }

    func operationContext(_ operation: IROperation, methodNames: Set<String>) -> [String: Any] {
        var signature = Signature(used: Set(operation.parameters.map { $0.swiftName.trimmingBackticks }))
        // `returning: T.self` is an expression: a parameter named like `T` would be found instead of the type.
        let returnRoots = Set((operation.success?.type?.typeRoots ?? []) + (operation.success?.eventType?.typeRoots ?? []))
        signature.reserved.formUnion(returnRoots)
        if operation.pagination != nil { signature.reserved.formUnion(Self.pagerNames) }
        var requestLines = [
            "var request = APIRequest(method: \(SwiftText.literal(operation.method)), path: \(SwiftText.literal(operation.path)))"
        ]
        // Path parameters first, then the body, then query and header parameters.
        let pathParameters = operation.parameters.filter { $0.location == .path }
        let otherParameters = operation.parameters.filter { $0.location != .path }
        for parameter in pathParameters {
            let local = signature.declare(
                parameter.swiftName, type: parameter.type.swift, required: true, doc: parameter.doc)
            requestLines.append("request.path(\(SwiftText.literal(parameter.wireName)), \(local))")
        }
        var bodyLines: [String] = []
        var streamBodyLines: [String] = []
        if let body = operation.requestBody {
            var name = "body"
            while signature.used.contains(name) { name = "request" + name.prefix(1).uppercased() + name.dropFirst() }
            signature.used.insert(name)
            let local = signature.declare(name, type: body.type.swift, required: body.isRequired, doc: "The request body.")
            let line = bodyCall(body, local)
            bodyLines = [body.isRequired ? line : "if let \(local) { \(line) }"]
            streamBodyLines = bodyLines
            if let flag = body.streamFlag {
                // The streaming method asks the server to stream.
                let setFlag = ["streamed.\(flag) = true", bodyCall(body, "streamed")]
                streamBodyLines =
                    body.isRequired
                    ? ["var streamed = \(local)"] + setFlag : ["if var streamed = \(local) { \(setFlag.joined(separator: "; ")) }"]
            }
        }
        for parameter in otherParameters {
            let call = parameter.location == .query ? "query" : "header"
            if let constant = parameter.constant {
                requestLines.append(
                    "request.\(call)(\(SwiftText.literal(parameter.wireName)), \(SwiftText.literal(constant)))")
                continue
            }
            let local = signature.declare(
                parameter.swiftName, type: parameter.type.swift, required: parameter.isRequired, doc: parameter.doc,
                isCursor: parameter.location == .query && operation.pagination?.cursorParameter == parameter.swiftName)
            requestLines.append(
                "request.\(call)(\(SwiftText.literal(parameter.wireName)), \(local)\(styleArgument(parameter)))")
        }
        let auth = operation.usesBearerAuth ? ["request.usesBearerAuth = true"] : []
        var streamRequestLines = requestLines + streamBodyLines + auth
        requestLines += bodyLines + auth
        let parameters = signature.parameters
        let arguments = signature.arguments
        requestLines = Self.finishingDeclaration(requestLines)
        streamRequestLines = Self.finishingDeclaration(streamRequestLines)

        let returnType: String?
        let sendLine: String
        switch operation.success?.type {
        case nil:
            returnType = nil
            sendLine = "try await api.sendIgnoringBody(request)"
        case .data?:
            returnType = "Data"
            sendLine = "return try await api.sendReturningData(request)"
        case let type?:
            returnType = type.swift
            if returnRoots.isDisjoint(with: methodNames) {
                sendLine = "return try await api.send(request, returning: \(type.swift).self)"
            } else {
                // A method of the same name hides the type in an expression, but not in a declaration; a local
                // alias names it for the call. (Only names without letter case can meet, such as `_404`.)
                requestLines.append("typealias Response = \(type.swift)")
                sendLine = "return try await api.send(request, returning: Response.self)"
            }
        }

        var stream: Any = false
        if let eventType = operation.success?.eventType, let streamName = operation.streamSwiftName {
            var eventExpression = eventType.swift
            if !returnRoots.isDisjoint(with: methodNames) {
                streamRequestLines.append("typealias Event = \(eventType.swift)")
                eventExpression = "Event"
            }
            stream = [
                "name": Naming.escapeIfNeeded(streamName),
                "parameters": signature.parameters.joined(separator: ", "),
                "eventType": eventType.swift,
                "requestLines": Self.block(streamRequestLines),
                "sendLine": "return try await api.sendStreaming(request, of: \(eventExpression).self)",
                "deprecated": operation.deprecated,
                "docLines": Self.block([
                    "/// ``\(operation.swiftName.trimmingBackticks)``, answered as a stream of server-sent events, each decoded as it arrives.",
                    "///",
                    operation.requestBody?.streamFlag != nil
                        ? "/// The request body's `stream` is set to `true`. The sequence ends at the end of the stream or at `[DONE]`."
                        : "/// The sequence ends at the end of the stream or at `[DONE]`.",
                    "/// - Throws: ``APIError`` for a non-2xx status, a timeout or a connection failure; iterating throws for an undecodable event.",
                ]),
            ]
        }

        var docLines = SwiftText.docLines(operation.summary)
        if let doc = operation.doc, doc != operation.summary {
            if !docLines.isEmpty { docLines.append("///") }
            docLines += SwiftText.docLines(doc)
        }
        if !docLines.isEmpty { docLines.append("///") }
        docLines.append("/// `\(operation.method) \(operation.path.replacingOccurrences(of: "`", with: "'"))`")
        if !signature.docs.isEmpty {
            docLines.append("///")
            docLines.append("/// - Parameters:")
            docLines += signature.docs.flatMap { SwiftText.docLines($0) }.map { "///   " + $0.dropFirst(4) }
        }
        if returnType != nil { docLines.append("/// - Returns: The decoded 2xx response.") }
        docLines.append("/// - Throws: ``APIError`` for a non-2xx status, an undecodable body, a timeout or a connection failure.")

        var context: [String: Any] = [
            "name": operation.swiftName,
            "deprecated": operation.deprecated,
            "docLines": Self.optionalBlock(docLines),
            "parameters": parameters.joined(separator: ", "),
            "returnClause": returnType.map { " -> \($0)" } ?? "",
            "requestLines": Self.block(requestLines),
            "sendLine": sendLine,
            "pager": false,
            "stream": stream,
        ]
        if let pagination = operation.pagination {
            // In a call, every keyword but `inout` is a valid argument label as it is (escaping others is a warning).
            let callArguments = arguments.map { argument in
                let bare = argument.label.trimmingBackticks
                let label = bare == "inout" ? argument.label : bare
                return argument.isCursor ? "\(label): cursor ?? \(argument.local)" : "\(label): \(argument.local)"
            }
            context["pager"] = [
                "name": Naming.escapeIfNeeded(pagination.swiftName),
                "operationName": operation.swiftName,
                "parameters": parameters.joined(separator: ", "),
                "itemType": pagination.itemType.swift,
                "callArguments": callArguments.joined(separator: ", "),
                "deprecated": operation.deprecated,
                "data": pagination.dataProperty,
                "hasMore": pagination.hasMoreProperty,
                "nextCursor": pagination.nextCursorProperty,
                "docLines": Self.optionalBlock([
                    "/// Every item of ``\(operation.swiftName.trimmingBackticks)``, fetched page by page while the sequence is iterated.",
                    "///",
                    "/// The other parameters are passed to each page's request unchanged; `\(pagination.cursorParameter.trimmingBackticks)`, if given,",
                    "/// is where the first page starts. Iteration ends after a page whose `has_more` is false.",
                ]),
            ]
        }
        return context
    }

    /// The request's `var` becomes `let` when no statement after its declaration changes it.
    static func finishingDeclaration(_ lines: [String]) -> [String] {
        lines.count == 1 ? ["let" + lines[0].dropFirst(3)] : lines
    }

    /// The statement that writes `local` as the request body.
    func bodyCall(_ body: IRBody, _ local: String) -> String {
        switch body.encoding {
        case .json: "try request.jsonBody(\(local))"
        case .multipart: "try request.multipartBody(\(local))"
        case .form: "try request.formBody(\(local))"
        case .raw: "request.dataBody(\(local), contentType: \(SwiftText.literal(body.contentType)))"
        }
    }


    /// `, style: …` when the spec asks for something other than the location's default.
    func styleArgument(_ parameter: IRParameter) -> String {
        switch (parameter.location, parameter.style, parameter.explode) {
        case (_, "deepObject"?, _):
            return ", style: .deepObject"
        case (.query, "form"?, false?), (.query, nil, false?):
            return ", style: .form(explode: false)"
        case (.header, _, true?), (.path, _, true?):
            return ", style: .simple(explode: true)"
        default:
            return ""
        }
    }
}
