import ForgeYAML
import Testing

/// Parses `text` and fails the test on error. Every input is also read with libyaml on a second thread, which must
/// give the same tree.
func parse(_ text: String, file: String = "t.yaml", limits: YAMLLimits = .default) throws -> YAMLNode {
    let node = try YAMLParser.parse(text, file: file, limits: limits, reading: .sameThread)
    let piped = try YAMLParser.parse(text, file: file, limits: limits, reading: .separateThread)
    #expect(piped == node, "reading on a second thread gives another tree")
    return node
}

/// The error parsing `bytes` throws, or `nil` when it parses; the same whichever thread libyaml runs on.
func parseError(_ bytes: [UInt8], file: String = "t.yaml", limits: YAMLLimits = .default) -> YAMLError? {
    let errors = [YAMLParser.Reading.sameThread, .separateThread].map { reading -> YAMLError? in
        do throws(YAMLError) {
            _ = try YAMLParser.parse(bytes, file: file, limits: limits, reading: reading)
            return nil
        } catch {
            return error
        }
    }
    #expect(errors[0] == errors[1], "reading on a second thread gives another error")
    return errors[0]
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
