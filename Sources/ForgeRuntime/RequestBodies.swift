import Foundation

// MARK: - multipart/form-data and application/x-www-form-urlencoded bodies

extension APIRequest {
    /// Sends `value` as `multipart/form-data` (RFC 7578), one part per top-level property, named by its key:
    ///
    /// - strings, numbers and booleans are text parts;
    /// - a ``FileUpload`` is a file part with its `filename` and content type (`application/octet-stream` when it
    ///   has none); bare `Data` is a file part whose filename is the key;
    /// - an array of those is one part per element, all with the key as their name (`timestamp_granularities[]`);
    /// - an object, or an array holding objects or arrays, is one `application/json` part;
    /// - `nil` properties send no part.
    ///
    /// `value` must encode as an object. Throws `EncodingError` for a value that cannot be encoded, for example a
    /// content type with a line break.
    public mutating func multipartBody(_ value: some Encodable) throws {
        try multipartBody(value, boundary: nil)
    }

    /// ``multipartBody(_:)`` with a fixed boundary instead of a random one (for tests).
    mutating func multipartBody(_ value: some Encodable, boundary: String?) throws {
        let parts = try MultipartPart.parts(of: FieldEncoder.members(of: value))
        let boundary = boundary ?? MultipartPart.boundary(avoiding: parts)
        body = MultipartPart.render(parts, boundary: boundary)
        contentType = "multipart/form-data; boundary=\(boundary)"
    }

    /// Sends `value` as `application/x-www-form-urlencoded`: each top-level property as `key=value` in the order the
    /// value encodes them, an array as one pair per element with the same key (`a=1&a=2`), an object as
    /// `key[member]=value` pairs (nested as `key[a][b]`), an array of objects as `key[0][member]=value`. `nil`
    /// properties send nothing. Names and values are percent-encoded as the WHATWG URL Standard's
    /// `application/x-www-form-urlencoded` serializer does: a space becomes `+`.
    public mutating func formBody(_ value: some Encodable) throws {
        let members = try FieldEncoder.members(of: value)
        let pairs = members.flatMap { Self.formPairs(name: $0.key, $0.value.json) }
        body = Data(pairs.map { "\(Self.formEncode($0.name))=\(Self.formEncode($0.value))" }.joined(separator: "&").utf8)
        contentType = "application/x-www-form-urlencoded"
    }

    /// The `(name, text)` pairs of one top-level form property.
    static func formPairs(name: String, _ json: JSONValue) -> [(name: String, value: String)] {
        switch json {
        case .array(let items) where items.allSatisfy({ !$0.isStructured }):
            return items.compactMap { scalarText($0).map { (name, $0) } }
        case .array(let items):
            return items.enumerated().flatMap { deepObject(prefix: "\(name)[\($0.offset)]", $0.element) }
        case .object:
            return deepObject(prefix: name, json)
        default:
            return scalarText(json).map { [(name, $0)] } ?? []
        }
    }

    /// The WHATWG `application/x-www-form-urlencoded` byte serializer: ASCII letters, digits and `*-._` stay, a
    /// space becomes `+`, every other UTF-8 byte is `%XX`.
    static func formEncode(_ text: String) -> String {
        percentEncode(text, keeping: UInt8(ascii: "*"), spaceAsPlus: true)
    }
}

extension JSONValue {
    fileprivate var isStructured: Bool {
        switch self {
        case .array, .object: return true
        default: return false
        }
    }
}

/// One part of a `multipart/form-data` body.
struct MultipartPart: Equatable {
    var name: String
    var filename: String?
    var contentType: String?
    var body: Data

    /// The parts for a body's top-level members, in order.
    static func parts(of members: [(key: String, value: FieldValue)]) throws -> [MultipartPart] {
        try members.flatMap { try parts(name: $0.key, $0.value) }
    }

    private static func parts(name: String, _ value: FieldValue) throws -> [MultipartPart] {
        switch value {
        case .null:
            return []
        case .scalar(let json):
            return [MultipartPart(name: name, body: Data((APIRequest.scalarText(json) ?? "").utf8))]
        case .file(let file):
            let type = file.contentType.flatMap { $0.isEmpty ? nil : $0 } ?? "application/octet-stream"
            guard !type.contains(where: \.isNewline) else {
                throw EncodingError.invalidValue(
                    file,
                    .init(codingPath: [AnyCodingKey(name)], debugDescription: "The content type contains a line break."))
            }
            return [MultipartPart(name: name, filename: file.filename, contentType: type, body: file.data)]
        case .bytes(let data):
            return [MultipartPart(name: name, filename: name, contentType: "application/octet-stream", body: data)]
        case .array(let items) where items.allSatisfy(\.isFlat):
            return try items.flatMap { try parts(name: name, $0) }
        case .array, .object:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return [MultipartPart(name: name, contentType: "application/json", body: try encoder.encode(value.json))]
        }
    }

    /// `--boundary`, each part's headers and body, and the closing `--boundary--`, all lines ending in CRLF.
    static func render(_ parts: [MultipartPart], boundary: String) -> Data {
        var data = Data()
        for part in parts {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(escape(part.name))\""
            if let filename = part.filename { head += "; filename=\"\(escape(filename))\"" }
            head += "\r\n"
            if let contentType = part.contentType { head += "Content-Type: \(contentType)\r\n" }
            head += "\r\n"
            data += Data(head.utf8)
            data += part.body
            data += Data("\r\n".utf8)
        }
        data += Data("--\(boundary)--\r\n".utf8)
        return data
    }

    /// A name or filename inside quotes, as RFC 7578 §2 and the WHATWG HTML standard write it: `"` as `%22`, CR as
    /// `%0D`, LF as `%0A`; everything else (UTF-8 included) as it is.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "%22"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A random boundary (`forge-` and 32 hex digits) that occurs in no part.
    static func boundary(avoiding parts: [MultipartPart]) -> String {
        while true {
            var generator = SystemRandomNumberGenerator()
            let hex = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }
            let boundary = "forge-" + hex.joined()
            let delimiter = Data("--\(boundary)".utf8)
            if !parts.contains(where: { $0.body.range(of: delimiter) != nil }) { return boundary }
        }
    }
}
