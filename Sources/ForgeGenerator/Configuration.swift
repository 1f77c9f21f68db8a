/// The generator's configuration file (YAML), read with the same libyaml layer as specs:
///
///     accessModifier: public            # public | package | internal
///     client:
///       name: Client                    # the generated client's type name
///       apiKeyEnvironmentVariable: OPENAI_API_KEY
///     naming:
///       dropOperationSuffixes: [Method] # ListThreadsMethod → listThreads
///     operations:
///       ListThreadItemsMethod:
///         name: listItems               # an explicit method name wins over every rule
///     types:
///       ThreadResource:
///         name: Thread                  # a component schema's Swift name
///     filter:                           # generate only part of the spec (any match keeps an operation)
///       operations: [getThread]
///       tags: [ChatKit]
///       paths: ['/chatkit/*']
///       schemas: [ErrorResponse]        # kept even when no kept operation reaches them
///     output:
///       files: [types, client, api]     # which files to emit
///
/// Unknown keys are errors at their line and column, so a typo never goes unnoticed.
public struct GeneratorConfiguration: Sendable, Equatable {
    public var accessModifier: RenderOptions.AccessModifier?
    public var clientName = "Client"
    public var apiKeyEnvironmentVariable: String?
    public var translator = TranslatorOptions()
    public var filter = SpecFilter()
    public var files = Set(RenderOptions.FileKind.allCases)

    public init() {}

    /// Parses a configuration file; problems go to `diagnostics` and give `nil`.
    public static func parse(_ bytes: [UInt8], file: String, diagnostics: DiagnosticCollector)
        -> GeneratorConfiguration?
    {
        let root: YAMLNode
        do {
            root = try YAMLParser.parse(bytes, file: file)
        } catch {
            diagnostics.emit(Diagnostic(error))
            return nil
        }
        let errorsBefore = diagnostics.errors.count
        var configuration = GeneratorConfiguration()
        let reader = Reader(diagnostics: diagnostics)
        for (key, value) in reader.entries(root, allowed: ["accessModifier", "client", "naming", "operations", "types", "filter", "output"],
            in: "the configuration") {
            switch key {
            case "accessModifier":
                if let text = reader.string(value, key) {
                    if let modifier = RenderOptions.AccessModifier(rawValue: text) {
                        configuration.accessModifier = modifier
                    } else {
                        diagnostics.error("accessModifier must be public, package or internal", at: value.location)
                    }
                }
            case "client":
                for (key, value) in reader.entries(value, allowed: ["name", "apiKeyEnvironmentVariable"], in: "client") {
                    guard let text = reader.string(value, key) else { continue }
                    if key == "name" {
                        if Naming.typeName(text) == text {
                            configuration.clientName = text
                        } else {
                            diagnostics.error("client.name '\(text)' is not a Swift type name", at: value.location)
                        }
                    } else {
                        configuration.apiKeyEnvironmentVariable = text
                    }
                }
            case "naming":
                for (_, value) in reader.entries(value, allowed: ["dropOperationSuffixes"], in: "naming") {
                    configuration.translator.dropOperationSuffixes = reader.strings(value, "dropOperationSuffixes")
                }
            case "operations":
                for (operationID, value) in reader.entries(value, allowed: nil, in: "operations") {
                    for (_, nameNode) in reader.entries(value, allowed: ["name"], in: "operations.\(operationID)") {
                        guard let name = reader.string(nameNode, "name") else { continue }
                        if Naming.memberName(name) == name || Naming.escapeIfNeeded(name) != name {
                            configuration.translator.operationNames[operationID] = name
                        } else {
                            diagnostics.error(
                                "operations.\(operationID).name '\(name)' is not a Swift method name", at: nameNode.location)
                        }
                    }
                }
            case "types":
                for (schemaName, value) in reader.entries(value, allowed: nil, in: "types") {
                    for (_, nameNode) in reader.entries(value, allowed: ["name"], in: "types.\(schemaName)") {
                        guard let name = reader.string(nameNode, "name") else { continue }
                        if Naming.typeName(name) == name && !Naming.reservedTypeNames.contains(name) {
                            configuration.translator.typeNames[schemaName] = name
                        } else {
                            diagnostics.error("types.\(schemaName).name '\(name)' is not a usable Swift type name", at: nameNode.location)
                        }
                    }
                }
            case "filter":
                for (key, value) in reader.entries(value, allowed: ["operations", "tags", "paths", "schemas"], in: "filter") {
                    let list = reader.strings(value, key)
                    switch key {
                    case "operations": configuration.filter.operations = list
                    case "tags": configuration.filter.tags = list
                    case "paths": configuration.filter.paths = list
                    default: configuration.filter.schemas = list
                    }
                }
            case "output":
                for (_, value) in reader.entries(value, allowed: ["files"], in: "output") {
                    var files: Set<RenderOptions.FileKind> = []
                    for item in value.items ?? [] {
                        guard let text = reader.string(item, "files") else { continue }
                        if let kind = RenderOptions.FileKind(rawValue: text) {
                            files.insert(kind)
                        } else {
                            diagnostics.error("output.files: unknown kind '\(text)'; expected types, client or api", at: item.location)
                        }
                    }
                    if value.items == nil { diagnostics.error("'files' must be a list", at: value.location) }
                    configuration.files = files
                }
            default:
                break
            }
        }
        return diagnostics.errors.count == errorsBefore ? configuration : nil
    }

    private struct Reader {
        let diagnostics: DiagnosticCollector

        /// The pairs of a mapping; keys outside `allowed` (when given) are reported.
        func entries(_ node: YAMLNode, allowed: [String]?, in section: String) -> [(String, YAMLNode)] {
            guard let pairs = node.pairs else {
                if !node.isNull { diagnostics.error("\(section) must be a mapping", at: node.location) }
                return []
            }
            var result: [(String, YAMLNode)] = []
            for pair in pairs {
                let key = pair.key.scalar?.value ?? ""
                if let allowed, !allowed.contains(key) {
                    diagnostics.error(
                        "unknown key '\(key)' in \(section); expected \(allowed.joined(separator: ", "))",
                        at: pair.key.location)
                    continue
                }
                result.append((key, pair.value))
            }
            return result
        }

        func string(_ node: YAMLNode, _ key: String) -> String? {
            guard let text = node.string, node.pairs == nil, node.items == nil else {
                diagnostics.error("'\(key)' must be a string", at: node.location)
                return nil
            }
            return text
        }

        func strings(_ node: YAMLNode, _ key: String) -> [String] {
            guard let items = node.items else {
                diagnostics.error("'\(key)' must be a list of strings", at: node.location)
                return []
            }
            return items.compactMap { string($0, key) }
        }
    }
}
