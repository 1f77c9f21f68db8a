import Foundation

/// A request body value as the form encodings see it: scalars, files and raw bytes kept as they are, arrays and
/// objects with their members in the order the value encoded them.
indirect enum FieldValue {
    case null
    /// A string, integer, number or boolean.
    case scalar(JSONValue)
    case file(FileUpload)
    /// Bare `Data`.
    case bytes(Data)
    case array([FieldValue])
    case object([(key: String, value: FieldValue)])

    /// The value as `JSONEncoder` would write it: files and bytes as base64 strings.
    var json: JSONValue {
        switch self {
        case .null: return .null
        case .scalar(let value): return value
        case .file(let file): return .string(file.data.base64EncodedString())
        case .bytes(let data): return .string(data.base64EncodedString())
        case .array(let items): return .array(items.map(\.json))
        case .object(let members):
            return .object(Dictionary(members.map { ($0.key, $0.value.json) }, uniquingKeysWith: { _, last in last }))
        }
    }

    /// A scalar, a file, raw bytes or null: something one form field or one part can hold.
    var isFlat: Bool {
        switch self {
        case .null, .scalar, .file, .bytes: return true
        case .array, .object: return false
        }
    }
}

/// Encodes a value's top-level members without a JSON round trip, so file bytes stay bytes and members keep their
/// order. Used by ``APIRequest/multipartBody(_:)`` and ``APIRequest/formBody(_:)``.
enum FieldEncoder {
    /// The members of `value`, which must encode as an object (a keyed container); `nil` members are `.null`.
    static func members(of value: some Encodable) throws -> [(key: String, value: FieldValue)] {
        let root = FieldNode()
        try root.store(value, codingPath: [])
        switch root.value {
        case .object(let members):
            return members
        default:
            throw EncodingError.invalidValue(
                value,
                .init(codingPath: [], debugDescription: "A form or multipart body must encode as an object."))
        }
    }
}

// MARK: - The encoder

/// One value being encoded; containers add child nodes to it.
final class FieldNode {
    private enum Kind { case empty, value, keyed, unkeyed }
    private var kind = Kind.empty
    private var stored = FieldValue.null
    private var members: [(key: String, node: FieldNode)] = []
    private var items: [FieldNode] = []

    var value: FieldValue {
        switch kind {
        // A value that encoded nothing is an empty object, as with `JSONEncoder`.
        case .empty: return .object([])
        case .value: return stored
        case .keyed: return .object(members.map { ($0.key, $0.node.value) })
        case .unkeyed: return .array(items.map(\.value))
        }
    }

    func set(_ value: FieldValue) {
        kind = .value
        stored = value
    }

    /// Makes this an object; members already added stay (a value may ask for its container more than once).
    func makeKeyed() { kind = .keyed }

    /// Makes this an array; items already added stay.
    func makeUnkeyed() { kind = .unkeyed }

    /// The node for member `key`, replacing an earlier one of the same name.
    func member(_ key: String) -> FieldNode {
        let child = FieldNode()
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].node = child
        } else {
            members.append((key, child))
        }
        return child
    }

    func appendItem() -> FieldNode {
        let child = FieldNode()
        items.append(child)
        return child
    }

    var itemCount: Int { items.count }

    /// Stores `value`: files, bytes, URLs and numbers directly, anything else through its `encode(to:)`.
    func store<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws {
        switch value {
        case let file as FileUpload: set(.file(file))
        case let data as Data: set(.bytes(data))
        case let url as URL: set(.scalar(.string(url.absoluteString)))
        case let text as String: set(.scalar(.string(text)))
        case let flag as Bool: set(.scalar(.bool(flag)))
        case let number as Double: try setNumber(number, text: nil, value, codingPath)
        case let number as Float: try setNumber(Double(number), text: "\(number)", value, codingPath)
        case let number as Decimal: set(.scalar(.number(NSDecimalNumber(decimal: number).doubleValue)))
        case let integer as any BinaryInteger:
            set(.scalar(Int64(exactly: integer).map { .integer($0) } ?? .number(Double(integer))))
        default: try value.encode(to: FieldValueEncoder(node: self, codingPath: codingPath))
        }
    }

    /// A finite number; `text` keeps a `Float`'s shortest decimal form (`0.1`, not `0.10000000149011612`).
    private func setNumber(_ number: Double, text: String?, _ value: Any, _ codingPath: [any CodingKey]) throws {
        guard number.isFinite else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: codingPath, debugDescription: "\(number) is not a valid number."))
        }
        set(.scalar(.number(text.flatMap(Double.init) ?? number)))
    }
}

struct FieldValueEncoder: Encoder {
    let node: FieldNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeKeyed()
        return KeyedEncodingContainer(KeyedFieldContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.makeUnkeyed()
        return UnkeyedFieldContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleFieldContainer(node: node, codingPath: codingPath)
    }
}

struct KeyedFieldContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: FieldNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.member(key.stringValue).set(.null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try store(value, key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try store(value, key) }

    private func store<T: Encodable>(_ value: T, _ key: Key) throws {
        try node.member(key.stringValue).store(value, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        FieldValueEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        FieldValueEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        FieldValueEncoder(node: node.member("super"), codingPath: codingPath + [AnyCodingKey("super")])
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        FieldValueEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key])
    }
}

struct UnkeyedFieldContainer: UnkeyedEncodingContainer {
    let node: FieldNode
    let codingPath: [any CodingKey]
    var count: Int { node.itemCount }

    private var nextPath: [any CodingKey] { codingPath + [IndexKey(intValue: count)] }

    mutating func encodeNil() throws { node.appendItem().set(.null) }
    mutating func encode(_ value: Bool) throws { try append(value) }
    mutating func encode(_ value: String) throws { try append(value) }
    mutating func encode(_ value: Double) throws { try append(value) }
    mutating func encode(_ value: Float) throws { try append(value) }
    mutating func encode(_ value: Int) throws { try append(value) }
    mutating func encode(_ value: Int8) throws { try append(value) }
    mutating func encode(_ value: Int16) throws { try append(value) }
    mutating func encode(_ value: Int32) throws { try append(value) }
    mutating func encode(_ value: Int64) throws { try append(value) }
    mutating func encode(_ value: UInt) throws { try append(value) }
    mutating func encode(_ value: UInt8) throws { try append(value) }
    mutating func encode(_ value: UInt16) throws { try append(value) }
    mutating func encode(_ value: UInt32) throws { try append(value) }
    mutating func encode(_ value: UInt64) throws { try append(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try append(value) }

    private func append<T: Encodable>(_ value: T) throws {
        let path = nextPath
        try node.appendItem().store(value, codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let path = nextPath
        return FieldValueEncoder(node: node.appendItem(), codingPath: path).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = nextPath
        return FieldValueEncoder(node: node.appendItem(), codingPath: path).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let path = nextPath
        return FieldValueEncoder(node: node.appendItem(), codingPath: path)
    }
}

struct SingleFieldContainer: SingleValueEncodingContainer {
    let node: FieldNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.set(.null) }
    mutating func encode(_ value: Bool) throws { try node.store(value, codingPath: codingPath) }
    mutating func encode(_ value: String) throws { try node.store(value, codingPath: codingPath) }
    mutating func encode(_ value: Double) throws { try node.store(value, codingPath: codingPath) }
    mutating func encode(_ value: Float) throws { try node.store(value, codingPath: codingPath) }
    mutating func encode(_ value: Int) throws { try node.store(value, codingPath: codingPath) }
    mutating func encode(_ value: Int8) throws { try node.store(value, codingPath: codingPath) }
    mutating func encode(_ value: Int16) throws { try node.store(value, codingPath: codingPath) }
    mutating func encode(_ value: Int32) throws { try node.store(value, codingPath: codingPath) }
    mutating func encode(_ value: Int64) throws { try node.store(value, codingPath: codingPath) }
    mutating func encode(_ value: UInt) throws { try node.store(value, codingPath: codingPath) }
    mutating func encode(_ value: UInt8) throws { try node.store(value, codingPath: codingPath) }
    mutating func encode(_ value: UInt16) throws { try node.store(value, codingPath: codingPath) }
    mutating func encode(_ value: UInt32) throws { try node.store(value, codingPath: codingPath) }
    mutating func encode(_ value: UInt64) throws { try node.store(value, codingPath: codingPath) }
    mutating func encode<T: Encodable>(_ value: T) throws { try node.store(value, codingPath: codingPath) }
}

/// An array index in a coding path.
struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }

    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}
