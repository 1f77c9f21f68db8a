import CYAML

/// A YAML or JSON syntax error, or a resource limit that the input exceeded.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    /// Printed the way the Swift compiler prints errors, so IDEs can jump to it.
    public var description: String { "\(location): error: \(message)" }
}

/// Limits that keep hostile input from exhausting memory or stack.
public struct YAMLLimits: Sendable {
    /// Deepest nesting of sequences and mappings.
    public var maxDepth: Int
    /// Most nodes the document may hold once aliases are expanded (guards against "billion laughs").
    public var maxNodes: Int

    public init(maxDepth: Int = 512, maxNodes: Int = 10_000_000) {
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }

    public static let `default` = YAMLLimits()
}

/// Parses YAML 1.1 / JSON text with libyaml's event API into a ``YAMLNode`` tree.
///
/// The builder is iterative (an explicit stack), so nesting depth is bounded by ``YAMLLimits/maxDepth``,
/// never by the thread's stack.
public enum YAMLParser {
    /// Parses one document. `file` is only used in locations.
    public static func parse(_ bytes: [UInt8], file: String, limits: YAMLLimits = .default) throws(YAMLError)
        -> YAMLNode
    {
        var builder = Builder(file: file, limits: limits, bytes: bytes)
        return try builder.run()
    }

    /// Parses one document given as text.
    public static func parse(_ text: String, file: String, limits: YAMLLimits = .default) throws(YAMLError)
        -> YAMLNode
    {
        try parse(Array(text.utf8), file: file, limits: limits)
    }
}

private struct Frame {
    enum Kind { case sequence, mapping }
    var kind: Kind
    var location: SourceLocation
    var tag: String?
    var anchor: String?
    var items: [YAMLNode] = []
    var pairs: [YAMLNode.Pair] = []
    var pendingKey: YAMLNode?
    /// Nodes in this subtree, aliases counted at their expanded size.
    var weight = 1
    /// Keys seen so far, built only once a mapping grows past a few keys.
    var keyIndex: [String: SourceLocation]?
}

private struct Builder {
    let file: String
    let limits: YAMLLimits
    let bytes: [UInt8]
    var stack: [Frame] = []
    var anchors: [String: (node: YAMLNode, weight: Int)] = [:]
    var totalWeight = 0
    var root: YAMLNode?
    var documents = 0

    init(file: String, limits: YAMLLimits, bytes: [UInt8]) {
        self.file = file
        self.limits = limits
        self.bytes = bytes
    }

    mutating func run() throws(YAMLError) -> YAMLNode {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(location: location(line: 0, column: 0), message: "cannot initialise the YAML parser")
        }
        defer { yaml_parser_delete(&parser) }
        let input = bytes
        return try input.withUnsafeBufferPointer { buffer throws(YAMLError) -> YAMLNode in
            // An empty buffer may have a nil base address; libyaml needs a valid pointer.
            let empty: [UInt8] = [0]
            return try empty.withUnsafeBufferPointer { emptyBuffer throws(YAMLError) -> YAMLNode in
                let base = buffer.baseAddress ?? emptyBuffer.baseAddress!
                yaml_parser_set_input_string(&parser, base, buffer.count)
                return try loop(&parser)
            }
        }
    }

    private mutating func loop(_ parser: inout yaml_parser_t) throws(YAMLError) -> YAMLNode {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                throw syntaxError(parser)
            }
            defer { yaml_event_delete(&event) }
            let mark = location(line: event.start_mark.line, column: event.start_mark.column)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                guard let root else {
                    throw YAMLError(location: mark, message: "the file holds no document (it is empty)")
                }
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw YAMLError(location: mark, message: "expected a single document, found a second one")
                }
            case YAML_SCALAR_EVENT:
                let data = event.data.scalar
                let value = string(data.value, Int(data.length))
                let style: Scalar.Style
                switch data.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: style = .literal
                case YAML_FOLDED_SCALAR_STYLE: style = .folded
                default: style = .plain
                }
                let tag = optionalString(data.tag)
                let node = YAMLNode(location: mark, content: .scalar(Scalar(value, style: style)), tag: tag)
                try add(node, weight: 1, newNodes: 1, anchor: optionalString(data.anchor))
            case YAML_ALIAS_EVENT:
                let name = optionalString(event.data.alias.anchor) ?? ""
                guard let target = anchors[name] else {
                    throw YAMLError(location: mark, message: "unknown alias '*\(name)'")
                }
                var node = target.node
                node.location = mark
                try add(node, weight: target.weight, newNodes: target.weight, anchor: nil)
            case YAML_SEQUENCE_START_EVENT:
                let data = event.data.sequence_start
                try push(Frame(kind: .sequence, location: mark, tag: optionalString(data.tag),
                               anchor: optionalString(data.anchor)))
            case YAML_MAPPING_START_EVENT:
                let data = event.data.mapping_start
                try push(Frame(kind: .mapping, location: mark, tag: optionalString(data.tag),
                               anchor: optionalString(data.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = stack.removeLast()
                let content: YAMLNode.Content = frame.kind == .sequence ? .sequence(frame.items) : .mapping(frame.pairs)
                let node = YAMLNode(location: frame.location, content: content, tag: frame.tag)
                // The children were counted as they were added; only the collection itself is new.
                try add(node, weight: frame.weight, newNodes: 1, anchor: frame.anchor)
            default:
                break
            }
        }
    }

    private mutating func push(_ frame: Frame) throws(YAMLError) {
        guard stack.count < limits.maxDepth else {
            throw YAMLError(location: frame.location,
                            message: "nesting deeper than \(limits.maxDepth) levels; the input is refused")
        }
        stack.append(frame)
    }

    /// `weight` is the node's subtree size (aliases expanded); `newNodes` is how many of those were not counted yet.
    private mutating func add(_ node: YAMLNode, weight: Int, newNodes: Int, anchor: String?) throws(YAMLError) {
        totalWeight += newNodes
        guard totalWeight <= limits.maxNodes else {
            throw YAMLError(
                location: node.location,
                message: "the document expands to more than \(limits.maxNodes) nodes (aliases included); the input is refused")
        }
        if let anchor { anchors[anchor] = (node, weight) }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].weight += weight
        switch stack[top].kind {
        case .sequence:
            stack[top].items.append(node)
        case .mapping:
            if let key = stack[top].pendingKey {
                stack[top].pendingKey = nil
                stack[top].pairs.append(YAMLNode.Pair(key: key, value: node))
            } else {
                try checkDuplicate(key: node, in: top)
                stack[top].pendingKey = node
            }
        }
    }

    private mutating func checkDuplicate(key: YAMLNode, in index: Int) throws(YAMLError) {
        guard let text = key.scalar?.value else { return }
        if stack[index].keyIndex == nil {
            for pair in stack[index].pairs where pair.key.scalar?.value == text {
                throw duplicate(text, at: key.location, first: pair.key.location)
            }
            if stack[index].pairs.count >= 8 {
                var index_: [String: SourceLocation] = [:]
                for pair in stack[index].pairs {
                    if let existing = pair.key.scalar?.value { index_[existing] = pair.key.location }
                }
                index_[text] = key.location
                stack[index].keyIndex = index_
            }
        } else if let first = stack[index].keyIndex![text] {
            throw duplicate(text, at: key.location, first: first)
        } else {
            stack[index].keyIndex![text] = key.location
        }
    }

    private func duplicate(_ key: String, at location: SourceLocation, first: SourceLocation) -> YAMLError {
        YAMLError(location: location,
                  message: "duplicate key '\(key)' (first defined at \(first.line):\(first.column))")
    }

    // MARK: - Conversions

    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + 1, column: column + 1)
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ length: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private func optionalString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private func syntaxError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        if parser.error == YAML_READER_ERROR {
            // Reader errors (bad encoding, control characters) carry a byte offset, not a mark.
            let (line, column) = lineAndColumn(ofByte: parser.problem_offset)
            var message = problem
            if parser.problem_value != -1 {
                let hex = String(parser.problem_value, radix: 16, uppercase: true)
                if problem.contains("UTF-8") {
                    // The value is the offending byte.
                    message += " (byte 0x\(String(repeating: "0", count: max(0, 2 - hex.count)) + hex))"
                } else {
                    // Control characters and invalid characters: the value is a code point, not a byte.
                    message += " (U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex))"
                }
            }
            return YAMLError(location: SourceLocation(file: file, line: line, column: column), message: message)
        }
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            let start = location(line: parser.context_mark.line, column: parser.context_mark.column)
            message += " (\(context) at \(start.line):\(start.column))"
        }
        return YAMLError(location: location(line: parser.problem_mark.line, column: parser.problem_mark.column),
                         message: message)
    }

    /// 1-based line and column (in characters) of a byte offset.
    private func lineAndColumn(ofByte offset: Int) -> (Int, Int) {
        var line = 1
        var column = 1
        var index = 0
        while index < min(offset, bytes.count) {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }
}
