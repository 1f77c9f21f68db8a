import Foundation
import ForgeRuntime
import OpenAIChatKit
import Testing

/// Decodes `json` as `T` with a plain `JSONDecoder` (no key strategy: the generated coding keys carry the snake_case names).
func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(json.utf8))
}

/// Encodes `value` with sorted keys, so that the output text is deterministic.
func encode<T: Encodable>(_ value: T) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try encoder.encode(value)
}

/// The encoded text of `value` (sorted keys, compact).
func encodedText<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try encode(value), as: UTF8.self)
}

/// Encodes then decodes `value`.
func roundTrip<T: Codable>(_ value: T) throws -> T {
    try JSONDecoder().decode(T.self, from: try encode(value))
}

/// The JSON document `json` as a generic value, for comparing documents independently of key order and spacing.
func jsonValue(_ json: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
}

func jsonValue(_ data: Data) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: data)
}

/// The encoded `value` parsed by `JSONSerialization` as a top-level object.
func foundationObject<T: Encodable>(_ value: T) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: try encode(value), options: [.fragmentsAllowed])
    return try #require(object as? [String: Any])
}

/// `JSONSerialization` equality of two JSON documents (an independent check from `JSONValue` equality).
/// Compared member by member: `NSDictionary.isEqual` is unreliable for booleans on Linux.
func foundationEqual(_ a: Data, _ b: Data) throws -> Bool {
    let left = try JSONSerialization.jsonObject(with: a, options: [.fragmentsAllowed])
    let right = try JSONSerialization.jsonObject(with: b, options: [.fragmentsAllowed])
    return deepEqual(left, right)
}

private func deepEqual(_ a: Any, _ b: Any) -> Bool {
    switch (a, b) {
    case let (a as [String: Any], b as [String: Any]):
        return Set(a.keys) == Set(b.keys) && a.allSatisfy { key, value in deepEqual(value, b[key]!) }
    case let (a as [Any], b as [Any]):
        return a.count == b.count && zip(a, b).allSatisfy(deepEqual)
    case (is NSNull, is NSNull):
        return true
    case let (a as String, b as String):
        return a == b
    case let (a as Bool, b as Bool):
        return a == b
    case let (a as NSNumber, b as NSNumber):
        return a == b
    default:
        return false
    }
}

/// The `DecodingError` thrown when decoding `json` as `T`, or `nil` when decoding succeeds (or throws something else).
func decodingError<T: Decodable>(_ type: T.Type, _ json: String) -> DecodingError? {
    do {
        _ = try decode(type, json)
        return nil
    } catch let error as DecodingError {
        return error
    } catch {
        return nil
    }
}

/// One step of a coding path: an object member or an array index.
enum PathStep: Equatable, CustomStringConvertible, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case key(String)
    case index(Int)

    init(stringLiteral value: String) { self = .key(value) }
    init(integerLiteral value: Int) { self = .index(value) }

    init(_ key: any CodingKey) {
        if let index = key.intValue { self = .index(index) } else { self = .key(key.stringValue) }
    }

    var description: String {
        switch self {
        case .key(let key): key
        case .index(let index): "[\(index)]"
        }
    }
}

func steps(_ path: [any CodingKey]) -> [PathStep] { path.map(PathStep.init) }

/// A `keyNotFound` error's missing key and the path of the object that lacks it.
func keyNotFound(_ error: DecodingError?) -> (key: String, path: [PathStep])? {
    guard case .keyNotFound(let key, let context) = error else { return nil }
    return (key.stringValue, steps(context.codingPath))
}

/// A `dataCorrupted` error's path.
func dataCorruptedPath(_ error: DecodingError?) -> [PathStep]? {
    guard case .dataCorrupted(let context) = error else { return nil }
    return steps(context.codingPath)
}

/// A `typeMismatch` error's path.
func typeMismatchPath(_ error: DecodingError?) -> [PathStep]? {
    guard case .typeMismatch(_, let context) = error else { return nil }
    return steps(context.codingPath)
}

@Suite("Test helpers")
struct HelperTests {
    @Test("The JSON comparisons tell different documents apart and ignore key order and spacing")
    func comparisonsDiscriminate() throws {
        let base = #"{"a": false, "b": [1, "x", null], "c": {"d": 2.5}}"#
        let reordered = #"{"c":{"d":2.5},"b":[1,"x",null],"a":false}"#
        #expect(try foundationEqual(Data(base.utf8), Data(reordered.utf8)))
        #expect(try jsonValue(base) == jsonValue(reordered))
        for different in [
            #"{"a": true, "b": [1, "x", null], "c": {"d": 2.5}}"#,
            #"{"a": false, "b": [1, "x"], "c": {"d": 2.5}}"#,
            #"{"a": false, "b": [1, "y", null], "c": {"d": 2.5}}"#,
            #"{"a": false, "b": [1, "x", null], "c": {"d": 2.25}}"#,
            #"{"a": false, "b": [1, "x", null], "c": {"d": 2.5}, "e": null}"#,
            #"{"a": false, "b": [1, "x", "null"], "c": {"d": 2.5}}"#,
            #"{"a": false, "b": ["1", "x", null], "c": {"d": 2.5}}"#,
        ] {
            #expect(try !foundationEqual(Data(base.utf8), Data(different.utf8)), "\(different)")
            #expect(try jsonValue(base) != jsonValue(different), "\(different)")
        }
    }
}
