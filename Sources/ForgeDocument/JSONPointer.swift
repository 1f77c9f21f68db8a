/// An RFC 6901 JSON pointer, kept as decoded reference tokens.
public struct JSONPointer: Hashable, Sendable, Codable, CustomStringConvertible {
    public var tokens: [String]

    public init(tokens: [String] = []) {
        self.tokens = tokens
    }

    /// Parses the fragment of a `$ref` (after `#`): percent-decodes it, then splits and unescapes `~1` and `~0`.
    public init?(fragment: String) {
        // Nearly every `$ref` (`/components/schemas/Name`) needs neither decoding nor unescaping: split its bytes.
        // Split in place: through the generic collection methods of the UTF-8 view, this cost some thousands of
        // instructions per `$ref`.
        let plain = fragment.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            guard bytes.first == UInt8(ascii: "/"),
                !bytes.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "~") })
            else { return nil }
            var tokens: [String] = []
            var start = 1
            for index in 1...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
                tokens.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                start = index + 1
            }
            return tokens
        }
        if let plain, let tokens = plain {
            self.init(tokens: tokens)
            return
        }
        guard let decoded = JSONPointer.percentDecode(fragment) else { return nil }
        if decoded.isEmpty {
            self.init()
            return
        }
        guard decoded.hasPrefix("/") else { return nil }
        let parts = decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        var tokens: [String] = []
        tokens.reserveCapacity(parts.count)
        for part in parts {
            tokens.append(part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~"))
        }
        self.init(tokens: tokens)
    }

    public func appending(_ token: String) -> JSONPointer {
        // One new array, sized for the token (`tokens + [token]` made two).
        var tokens: [String] = []
        tokens.reserveCapacity(self.tokens.count + 1)
        tokens.append(contentsOf: self.tokens)
        tokens.append(token)
        return JSONPointer(tokens: tokens)
    }

    public var last: String? { tokens.last }

    /// The pointer as written in a `$ref`: `/components/schemas/A~1B`.
    public var description: String {
        // Byte by byte: the translator names the source of every declaration this way, and the pointers of inline
        // schemas under paths (`/paths/~1chat~1completions/...`) are long and need escaping.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(tokens.reduce(tokens.count) { $0 + $1.utf8.count + 2 })
        for token in tokens {
            bytes.append(UInt8(ascii: "/"))
            // Most tokens need no escaping: copied whole.
            if !token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) {
                bytes.append(contentsOf: token.utf8)
                continue
            }
            for byte in token.utf8 {
                switch byte {
                case UInt8(ascii: "~"):
                    bytes.append(UInt8(ascii: "~"))
                    bytes.append(UInt8(ascii: "0"))
                case UInt8(ascii: "/"):
                    bytes.append(UInt8(ascii: "~"))
                    bytes.append(UInt8(ascii: "1"))
                default: bytes.append(byte)
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The node the pointer designates inside `root`, or the first token that does not exist.
    public func resolve(in root: YAMLNode) -> Result<YAMLNode, MissingToken> {
        var node = root
        for (index, token) in tokens.enumerated() {
            switch node.content {
            case .mapping(let pairs):
                guard let pair = pairs.first(where: { $0.key.scalar?.value == token }) else {
                    return .failure(MissingToken(index: index, token: token, parent: node.location))
                }
                node = pair.value
            case .sequence(let items):
                guard let position = Int(token), items.indices.contains(position) else {
                    return .failure(MissingToken(index: index, token: token, parent: node.location))
                }
                node = items[position]
            case .scalar:
                return .failure(MissingToken(index: index, token: token, parent: node.location))
            }
        }
        return .success(node)
    }

    public struct MissingToken: Error {
        public var index: Int
        public var token: String
        public var parent: SourceLocation
    }

    static func percentDecode(_ text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%") {
                guard iterator.count >= 2,
                    let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

extension Substring {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        String(self).replacingOccurrences(of: target, with: replacement)
    }
}

extension String {
    /// Replaces every occurrence of `target` (non-empty) with `replacement`, without Foundation.
    package func replacingOccurrences(of target: String, with replacement: String) -> String {
        // A byte scan first: most strings hold no occurrence, and `contains` compares Characters.
        guard let first = target.utf8.first, utf8.contains(first), contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
