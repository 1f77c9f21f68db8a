import Foundation

/// A position in a source file, 1-based, as compilers print it.
public struct SourceLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The file as the user named it (relative paths stay relative, so output is machine-independent).
    ///
    /// Kept as its number in a table of file names shared by the process, so that a location, copied with every
    /// node, schema and diagnostic, holds nothing to retain and release.
    public var file: String {
        get { SourceFileNames.shared.name(fileNumber) }
        set { fileNumber = SourceFileNames.shared.number(newValue) }
    }
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// The number of ``file`` in ``SourceFileNames``: equal numbers, equal names.
    private(set) var fileNumber: Int

    public init(file: String, line: Int, column: Int) {
        self.init(fileNumber: SourceFileNames.shared.number(file), line: line, column: column)
    }

    init(fileNumber: Int, line: Int, column: Int) {
        self.fileNumber = fileNumber
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        guard lhs.fileNumber != rhs.fileNumber else { return (lhs.line, lhs.column) < (rhs.line, rhs.column) }
        return (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    private enum CodingKeys: String, CodingKey {
        case file, line, column
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            file: try container.decode(String.self, forKey: .file), line: try container.decode(Int.self, forKey: .line),
            column: try container.decode(Int.self, forKey: .column))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
    }
}

/// The file names ``SourceLocation``s name, each numbered once for the life of the process.
final class SourceFileNames: @unchecked Sendable {
    static let shared = SourceFileNames()

    private let lock = NSLock()
    // Guarded by `lock`.
    private var numbers: [String: Int] = [:]
    private var names: [String] = []

    /// The number of `name`, given it on first use.
    func number(_ name: String) -> Int {
        lock.withLock {
            if let number = numbers[name] { return number }
            names.append(name)
            numbers[name] = names.count - 1
            return names.count - 1
        }
    }

    func name(_ number: Int) -> String {
        lock.withLock { names[number] }
    }
}

/// One node of a parsed YAML (or JSON) document: a scalar, a sequence or a mapping, with its position. Two nodes are
/// equal when everything matches, positions, tags and scalar styles included.
public struct YAMLNode: Sendable, Equatable {
    /// Where the node starts.
    public var location: SourceLocation
    /// What the node holds.
    public var content: Content
    /// The explicit tag (`!!str`, `!custom`), if the source wrote one.
    public var tag: String?

    public enum Content: Sendable, Equatable {
        case scalar(Scalar)
        case sequence([YAMLNode])
        case mapping([Pair])
    }

    /// A key and its value, in source order.
    public struct Pair: Sendable, Equatable {
        public var key: YAMLNode
        public var value: YAMLNode

        public init(key: YAMLNode, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    public init(location: SourceLocation, content: Content, tag: String? = nil) {
        self.location = location
        self.content = content
        self.tag = tag
    }
}

/// A scalar's text and how it was written; the style decides how the text is interpreted.
public struct Scalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var value: String
    public var style: Style

    public init(_ value: String, style: Style = .plain) {
        self.value = value
        self.style = style
    }

    /// Plain scalars are subject to YAML's core-schema resolution (`null`, `true`, `12`); quoted ones are strings.
    public var isPlain: Bool { style == .plain }
}

// MARK: - Convenience accessors

extension YAMLNode {
    /// The scalar, if this node is one.
    public var scalar: Scalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// The pairs, if this node is a mapping.
    public var pairs: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The items, if this node is a sequence.
    public var items: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The value of the first key equal to `key` in a mapping (keys are unique after parsing).
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = content else { return nil }
        // The byte counts first: most keys differ in length, and comparing them costs no string comparison.
        let count = key.utf8.count
        // By index: iterating the pairs would copy each, retaining and releasing everything in it.
        for index in pairs.indices {
            if case .scalar(let scalar) = pairs[index].key.content, scalar.value.utf8.count == count,
                scalar.value == key
            {
                return pairs[index].value
            }
        }
        return nil
    }

    /// The string a scalar holds, whatever its style; `nil` for null, sequences and mappings.
    public var string: String? {
        guard let scalar, !isNull else { return nil }
        return scalar.value
    }

    /// `true` for `null`, `~`, `Null`, `NULL` and an empty plain scalar.
    public var isNull: Bool {
        guard let scalar, scalar.isPlain, tag == nil || tag == "tag:yaml.org,2002:null" else { return false }
        switch scalar.value {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// A boolean per YAML 1.2's core schema (`true`/`false` in three casings).
    public var bool: Bool? {
        guard let scalar, scalar.isPlain, tag == nil || tag == "tag:yaml.org,2002:bool" else { return nil }
        switch scalar.value {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// The text of a plain scalar that reads as a number (decimal, exponent, or `0x`/`0o` integer), unparsed,
    /// so that values beyond `Int64` or `Double` precision reach the caller intact.
    public var numberText: String? {
        guard let scalar, scalar.isPlain, tag == nil || tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float",
            YAMLNode.looksNumeric(scalar.value)
        else { return nil }
        return scalar.value
    }

    /// A plain scalar that is an integer within `Int` range.
    public var int: Int? {
        guard let text = numberText else { return nil }
        if let value = Int(text) { return value }
        if text.hasPrefix("0x"), let value = Int(text.dropFirst(2), radix: 16) { return value }
        if text.hasPrefix("0o"), let value = Int(text.dropFirst(2), radix: 8) { return value }
        if let double = Double(text), double == double.rounded(), abs(double) < 9.0e15 { return Int(double) }
        return nil
    }

    /// A plain scalar that is a number.
    public var double: Double? {
        guard let text = numberText else { return nil }
        if let int { return Double(int) }
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        default: return Double(text)
        }
    }

    static func looksNumeric(_ text: String) -> Bool {
        var utf8 = Substring(text).utf8[...]
        if utf8.first == UInt8(ascii: "-") || utf8.first == UInt8(ascii: "+") { utf8 = utf8.dropFirst() }
        guard let first = utf8.first else { return false }
        if first == UInt8(ascii: "."), utf8.count > 1 {
            return [".inf", ".Inf", ".INF"].contains(String(Substring(utf8)))
        }
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        if utf8.starts(with: "0x".utf8) {
            return utf8.count > 2 && utf8.dropFirst(2).allSatisfy { isHexDigit($0) }
        }
        if utf8.starts(with: "0o".utf8) {
            return utf8.count > 2 && utf8.dropFirst(2).allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "7")).contains($0) }
        }
        var seenExponent = false
        var previous: UInt8 = 0
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."): break
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                if seenExponent { return false }
                seenExponent = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                if previous != UInt8(ascii: "e") && previous != UInt8(ascii: "E") { return false }
            default: return false
            }
            previous = byte
        }
        return Double(String(Substring(utf8))) != nil
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"):
            return true
        default: return false
        }
    }
}
