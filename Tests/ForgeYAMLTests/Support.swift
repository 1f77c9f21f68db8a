import ForgeYAML
import Testing

/// Parses `text` and fails the test on error.
func parse(_ text: String, file: String = "t.yaml", limits: YAMLLimits = .default) throws -> YAMLNode {
    try YAMLParser.parse(text, file: file, limits: limits)
}

/// The error parsing `bytes` throws, or `nil` when it parses.
func parseError(_ bytes: [UInt8], file: String = "t.yaml", limits: YAMLLimits = .default) -> YAMLError? {
    do {
        _ = try YAMLParser.parse(bytes, file: file, limits: limits)
        return nil
    } catch {
        return error
    }
}

func parseError(_ text: String, file: String = "t.yaml", limits: YAMLLimits = .default) -> YAMLError? {
    parseError(Array(text.utf8), file: file, limits: limits)
}

extension YAMLNode {
    /// Walks mapping keys and sequence indexes (`"0"`, `"1"`…).
    func at(_ path: [String]) -> YAMLNode? {
        var node = self
        for component in path {
            if let items = node.items {
                guard let index = Int(component), items.indices.contains(index) else { return nil }
                node = items[index]
            } else if let pairs = node.pairs {
                guard let pair = pairs.first(where: { $0.key.scalar?.value == component }) else { return nil }
                node = pair.value
            } else {
                return nil
            }
        }
        return node
    }

    /// The key node of `key` in this mapping.
    func keyNode(_ key: String) -> YAMLNode? {
        pairs?.first(where: { $0.key.scalar?.value == key })?.key
    }

    /// `line:column`, without the file.
    var position: String { "\(location.line):\(location.column)" }

    /// The content as flow-style text, positions left out, so that two trees can be compared.
    var rendered: String {
        let tagPrefix = tag.map { "!<\($0)> " } ?? ""
        switch content {
        case .scalar(let scalar):
            return tagPrefix + (scalar.isPlain ? scalar.value : "\"\(scalar.value)\"")
        case .sequence(let items):
            return tagPrefix + "[" + items.map(\.rendered).joined(separator: ", ") + "]"
        case .mapping(let pairs):
            return tagPrefix + "{" + pairs.map { "\($0.key.rendered): \($0.value.rendered)" }.joined(separator: ", ") + "}"
        }
    }
}
