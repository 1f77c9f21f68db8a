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
            guard character.isLetter || character.isNumber else {
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

    /// ``words(_:)`` for ASCII text, on bytes (the common case; names are split very often).
    static func asciiWords(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
        func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        var words: [String] = []
        var start = -1
        for index in bytes.indices {
            let byte = bytes[index]
            guard isLower(byte) || isUpper(byte) || isDigit(byte) else {
                if start >= 0 { words.append(String(decoding: bytes[start..<index], as: UTF8.self)) }
                start = -1
                continue
            }
            if start >= 0 && index > start {
                let previous = bytes[index - 1]
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                let lowerToUpper = (isLower(previous) || isDigit(previous)) && isUpper(byte)
                let acronymEnd = isUpper(previous) && isUpper(byte) && isLower(next)
                if lowerToUpper || acronymEnd {
                    words.append(String(decoding: bytes[start..<index], as: UTF8.self))
                    start = index
                }
            } else if start < 0 {
                start = index
            }
        }
        if start >= 0 { words.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return words
    }

    /// Words written in capitals when they are not the first word of a member name.
    static let acronyms: Set<String> = ["id", "ids", "url", "urls", "uri", "api", "http", "https", "json", "uuid", "ip"]

    /// `created_at` → `createdAt`, `thread_id` → `threadID`, `preview_url` → `previewURL`.
    public static func memberName(_ text: String) -> String {
        let parts = words(text)
        guard let first = parts.first else { return escapeIfNeeded(fallbackName(text, upper: false)) }
        var result = lowercaseLeadingWord(first)
        for word in parts.dropFirst() { result += capitalized(word, acronyms: true) }
        return escapeIfNeeded(prefixDigit(result))
    }

    /// `thread.resource` → `ThreadResource`, `ListThreadsMethod` kept.
    public static func typeName(_ text: String) -> String {
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
        if word.allSatisfy({ $0.isUppercase || $0.isNumber }) { return word.lowercased() }
        return word.prefix(1).lowercased() + word.dropFirst()
    }

    static func capitalized(_ word: String, acronyms useAcronyms: Bool) -> String {
        if useAcronyms, acronyms.contains(word.lowercased()) {
            return word.lowercased() == "ids" ? "IDs" : word.lowercased() == "urls" ? "URLs" : word.uppercased()
        }
        return word.prefix(1).uppercased() + word.dropFirst()
    }

    static func prefixDigit(_ name: String) -> String {
        guard let first = name.first, first.isNumber else { return name }
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

    /// Names a nested type cannot take: metatype syntax (`Type`, `Protocol`), and what generated code inside the
    /// enclosing type refers to.
    public static let reservedNestedTypeNames: Set<String> = [
        "Type", "Protocol", "Self", "Any", "CodingKeys", "CodingKey", "String", "Int", "Int32", "Int64", "Double",
        "Float", "Bool", "Data", "JSONValue", "Decoder", "Encoder", "Error", "Optional",
    ]

    /// Type names that would shadow what generated code or its users rely on.
    public static let reservedTypeNames: Set<String> = [
        "String", "Int", "Int32", "Int64", "Double", "Float", "Bool", "Data", "Date", "URL", "JSONValue", "Array",
        "Dictionary", "Optional", "Set", "Error", "Result", "Task", "Codable", "Decodable", "Encodable", "Decoder",
        "Encoder", "CodingKey", "CodingKeys", "Hashable", "Equatable", "Sendable", "Never", "Void", "Any", "Type",
        "Self", "Protocol", "Character", "Foundation", "Swift", "ForgeRuntime",
    ]
}
