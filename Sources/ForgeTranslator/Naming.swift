/// Swift naming rules: wire names → identifiers. Pure functions, table-tested.
public enum Naming {
    /// Words of a wire name: split on non-alphanumerics and on lower→upper case changes (`created_at`,
    /// `chatkit.user_message`, `ListThreadsMethod`, `HTTPHeader`).
    public static func words(_ text: String) -> [String] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiWords(text) }
        var words: [String] = []
        var current = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            guard character.isLetter || character.isNumber, isIdentifierCharacter(character) else {
                if !current.isEmpty { words.append(current) }
                current = ""
                continue
            }
            if !current.isEmpty, let previous = current.last {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let lowerToUpper = (previous.isLowercase || previous.isNumber) && character.isUppercase
                let acronymEnd = previous.isUppercase && character.isUppercase && (next?.isLowercase ?? false)
                if lowerToUpper || acronymEnd {
                    words.append(current)
                    current = ""
                }
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Whether every scalar of `character` may appear in a Swift identifier (after its first character): the
    /// ranges of The Swift Programming Language's `identifier-head` and `identifier-character`. Unicode calls more
    /// characters letters than Swift accepts (`ⸯ`, U+2E2F, is a letter but not an identifier character).
    static func isIdentifierCharacter(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { scalar in
            let value = scalar.value
            if value < 0x80 {
                return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
                    || value == 0x5F
            }
            return identifierRanges.contains { $0.contains(value) }
        }
    }

    /// Non-ASCII `identifier-head` and `identifier-character` ranges (combining marks included: they never start a
    /// word, since a word starts with a letter or digit).
    static let identifierRanges: [ClosedRange<UInt32>] = [
        0xA8...0xA8, 0xAA...0xAA, 0xAD...0xAD, 0xAF...0xAF, 0xB2...0xB5, 0xB7...0xBA, 0xBC...0xBE, 0xC0...0xD6,
        0xD8...0xF6, 0xF8...0xFF, 0x100...0x2FF, 0x300...0x36F, 0x370...0x167F, 0x1681...0x180D, 0x180F...0x1DBF,
        0x1DC0...0x1DFF, 0x1E00...0x1FFF, 0x200B...0x200D, 0x202A...0x202E, 0x203F...0x2040, 0x2054...0x2054,
        0x2060...0x206F, 0x2070...0x20CF, 0x20D0...0x20FF, 0x2100...0x218F, 0x2460...0x24FF, 0x2776...0x2793,
        0x2C00...0x2DFF, 0x2E80...0x2FFF, 0x3004...0x3007, 0x3021...0x302F, 0x3031...0x303F, 0x3040...0xD7FF,
        0xF900...0xFD3D, 0xFD40...0xFDCF, 0xFDF0...0xFE1F, 0xFE20...0xFE2F, 0xFE30...0xFE44, 0xFE47...0xFFFD,
        0x10000...0x1FFFD, 0x20000...0x2FFFD, 0x30000...0x3FFFD, 0x40000...0x4FFFD, 0x50000...0x5FFFD,
        0x60000...0x6FFFD, 0x70000...0x7FFFD, 0x80000...0x8FFFD, 0x90000...0x9FFFD, 0xA0000...0xAFFFD,
        0xB0000...0xBFFFD, 0xC0000...0xCFFFD, 0xD0000...0xDFFFD, 0xE0000...0xEFFFD,
    ]

    /// ``words(_:)`` for ASCII text, on bytes (the common case; names are split very often).
    static func asciiWords(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var words: [String] = []
        forEachASCIIWord(bytes) { words.append(String(decoding: bytes[$0], as: UTF8.self)) }
        return words
    }

    /// The ranges of the words of ASCII `bytes`, in order (see ``words(_:)``).
    static func forEachASCIIWord(_ bytes: [UInt8], _ body: (Range<Int>) -> Void) {
        func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
        func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        var start = -1
        for index in bytes.indices {
            let byte = bytes[index]
            guard isLower(byte) || isUpper(byte) || isDigit(byte) else {
                if start >= 0 { body(start..<index) }
                start = -1
                continue
            }
            if start >= 0 && index > start {
                let previous = bytes[index - 1]
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                let lowerToUpper = (isLower(previous) || isDigit(previous)) && isUpper(byte)
                let acronymEnd = isUpper(previous) && isUpper(byte) && isLower(next)
                if lowerToUpper || acronymEnd {
                    body(start..<index)
                    start = index
                }
            } else if start < 0 {
                start = index
            }
        }
        if start >= 0 { body(start..<bytes.count) }
    }

    /// Words written in capitals when they are not the first word of a member name.
    static let acronyms: Set<String> = ["id", "ids", "url", "urls", "uri", "api", "http", "https", "json", "uuid", "ip"]
    static let longestAcronym = acronyms.map(\.utf8.count).max()!

    /// `created_at` → `createdAt`, `thread_id` → `threadID`, `preview_url` → `previewURL`.
    public static func memberName(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII, the common case, in one pass over the bytes, without a string per word.
            let bytes = Array(text.utf8)
            var name: [UInt8] = []
            name.reserveCapacity(bytes.count + 1)
            forEachASCIIWord(bytes) { word in
                if name.isEmpty {
                    appendLeadingWord(bytes[word], to: &name)
                } else {
                    appendCapitalized(bytes[word], acronyms: true, to: &name)
                }
            }
            guard !name.isEmpty else { return escapeIfNeeded(fallbackName(text, upper: false)) }
            return escapeIfNeeded(asciiName(prefixingDigit: name))
        }
        let parts = words(text)
        guard let first = parts.first else { return escapeIfNeeded(fallbackName(text, upper: false)) }
        var result = lowercaseLeadingWord(first)
        for word in parts.dropFirst() { result += capitalized(word, acronyms: true) }
        return escapeIfNeeded(prefixDigit(result))
    }

    /// `thread.resource` → `ThreadResource`, `ListThreadsMethod` kept.
    public static func typeName(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII, the common case, in one pass over the bytes, without a string per word.
            let bytes = Array(text.utf8)
            var name: [UInt8] = []
            name.reserveCapacity(bytes.count + 1)
            forEachASCIIWord(bytes) { appendCapitalized(bytes[$0], acronyms: false, to: &name) }
            guard !name.isEmpty else { return fallbackName(text, upper: true) }
            return asciiName(prefixingDigit: name)
        }
        let parts = words(text)
        guard !parts.isEmpty else { return fallbackName(text, upper: true) }
        let result = parts.map { capitalized($0, acronyms: false) }.joined()
        return prefixDigit(result)
    }

    /// An enum case for a raw value: `in_progress` → `inProgress`, `1024x1024` → `_1024x1024`, `""` → `empty`.
    public static func caseName(_ rawValue: String) -> String {
        if rawValue.isEmpty { return "empty" }
        var text = rawValue
        if text.hasPrefix("-"), text.dropFirst().first?.isNumber == true { text = "minus" + text.dropFirst() }
        if words(text).isEmpty { return fallbackName(rawValue, upper: false) }
        return memberName(text)
    }

    /// A naive English singular for naming the element type of an array property (`tasks` → `Task`).
    public static func singular(_ name: String) -> String {
        if name.hasSuffix("ies"), name.count > 4 { return String(name.dropLast(3)) + "y" }
        if name.hasSuffix("ses") || name.hasSuffix("xes") { return String(name.dropLast(2)) }
        if name.hasSuffix("s"), !name.hasSuffix("ss"), !name.hasSuffix("us"), !name.hasSuffix("is"), name.count > 3 {
            return String(name.dropLast())
        }
        return name
    }

    static func lowercaseLeadingWord(_ word: String) -> String {
        if isASCII(word) {
            // The common case, byte by byte: far cheaper than Character's Unicode properties.
            var name: [UInt8] = []
            appendLeadingWord(word.utf8, to: &name)
            return String(decoding: name, as: UTF8.self)
        }
        if word.allSatisfy({ $0.isUppercase || $0.isNumber }) { return word.lowercased() }
        return word.prefix(1).lowercased() + word.dropFirst()
    }

    static func capitalized(_ word: String, acronyms useAcronyms: Bool) -> String {
        if isASCII(word) {
            var name: [UInt8] = []
            appendCapitalized(word.utf8, acronyms: useAcronyms, to: &name)
            return String(decoding: name, as: UTF8.self)
        }
        if useAcronyms, word.utf8.count <= longestAcronym, acronyms.contains(word.lowercased()) {
            return word.lowercased() == "ids" ? "IDs" : word.lowercased() == "urls" ? "URLs" : word.uppercased()
        }
        return word.prefix(1).uppercased() + word.dropFirst()
    }

    /// ``lowercaseLeadingWord(_:)`` of a non-empty ASCII word, appended to `name`: a word of capitals (and digits)
    /// is lowercased whole, any other only its first letter.
    static func appendLeadingWord(_ word: some Collection<UInt8>, to name: inout [UInt8]) {
        if word.allSatisfy({ (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }) {
            name += word.map(asciiLowercased)
        } else {
            name.append(asciiLowercased(word.first!))
            name += word.dropFirst()
        }
    }

    /// ``capitalized(_:acronyms:)`` of a non-empty ASCII word, appended to `name`: an acronym in capitals (`IDs`,
    /// `URLs`), any other word with its first letter capitalized.
    static func appendCapitalized(_ word: some Collection<UInt8>, acronyms useAcronyms: Bool, to name: inout [UInt8]) {
        if useAcronyms, word.count <= longestAcronym {
            let lowered = String(decoding: word.map(asciiLowercased), as: UTF8.self)
            if acronyms.contains(lowered) {
                name += (lowered == "ids" ? "IDs" : lowered == "urls" ? "URLs" : lowered.uppercased()).utf8
                return
            }
        }
        name.append(asciiUppercased(word.first!))
        name += word.dropFirst()
    }

    /// ``prefixDigit(_:)`` of an ASCII name.
    static func asciiName(prefixingDigit name: [UInt8]) -> String {
        guard let first = name.first, (0x30...0x39).contains(first) else { return String(decoding: name, as: UTF8.self) }
        return String(decoding: [UInt8(ascii: "_")] + name, as: UTF8.self)
    }

    static func asciiLowercased(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }
    static func asciiUppercased(_ byte: UInt8) -> UInt8 { (0x61...0x7A).contains(byte) ? byte - 0x20 : byte }

    static func isASCII(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 < 0x80 }
    }

    static func prefixDigit(_ name: String) -> String {
        guard let first = name.utf8.first else { return name }
        if first < 0x80 { return (0x30...0x39).contains(first) ? "_" + name : name }
        guard let character = name.first, character.isNumber else { return name }
        return "_" + name
    }

    /// For names with no letters or digits at all: spell the scalars out.
    static func fallbackName(_ text: String, upper: Bool) -> String {
        let spelled = text.unicodeScalars.map { "U\(String($0.value, radix: 16, uppercase: true))" }.joined()
        let base = spelled.isEmpty ? "Empty" : spelled
        return upper ? base : base.prefix(1).lowercased() + base.dropFirst()
    }

    /// Keywords that must be written in backticks when used as a member name.
    public static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer",
        "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where",
        "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try",
        "Type", "Protocol",
    ]

    public static func escapeIfNeeded(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// Names a nested type cannot take: metatype syntax (`Type`, `Protocol`), and every name that generated code
    /// inside the enclosing type refers to (a nested `Codable` or `Hasher` would capture the parent's references).
    public static let reservedNestedTypeNames: Set<String> = [
        "Type", "Protocol", "Self", "Any", "CodingKeys", "CodingKey", "String", "Int", "Int32", "Int64", "Double",
        "Float", "Bool", "Data", "JSONValue", "Decoder", "Encoder", "Error", "Optional", "FileUpload", "OpenStringEnum",
        // The conformances of every generated type, and what their members name.
        "Codable", "Hashable", "Sendable", "RawRepresentable", "Hasher", "AnyCodingKey",
    ]

    /// Type names that would shadow what generated code or its users rely on.
    public static let reservedTypeNames: Set<String> = [
        "String", "Int", "Int32", "Int64", "Double", "Float", "Bool", "Data", "Date", "URL", "JSONValue", "Array",
        "Dictionary", "Optional", "Set", "Error", "Result", "Task", "Codable", "Decodable", "Encodable", "Decoder",
        "Encoder", "CodingKey", "CodingKeys", "Hashable", "Equatable", "Sendable", "Never", "Void", "Any", "Type",
        "Self", "Protocol", "Character", "Foundation", "Swift", "ForgeRuntime",
        // What generated code names: protocols it conforms to, and runtime and generated types it uses.
        "RawRepresentable", "CustomStringConvertible", "Hasher", "TimeInterval", "AnyCodingKey", "APIClient",
        "APIDescription", "APIError", "APIKey", "APIRequest", "AutoPager", "Client", "ClientConfiguration",
        "HTTPTransport", "Page", "ParameterStyle", "RetryPolicy", "URLSessionTransport", "FileUpload", "EventStream",
        "ServerSentEvent", "ServerSentEvents", "StreamingResponse", "OpenStringEnum", "TransportRequest", "TransportResponse",
    ]

    /// Member names a string enum's case cannot take: the generated enum declares them.
    public static let reservedEnumCaseNames: Set<String> = ["knownCases"]
}
