/// Turning spec text into Swift source that cannot be broken by what the text contains.
public enum SwiftText {
    /// A Swift string literal for `text`: quotes, backslashes (so `\(` cannot interpolate), control characters (C0,
    /// DEL, C1), line and paragraph separators, and the invisible characters that reorder or hide text (bidi
    /// controls, byte order mark) escaped, so the literal is one line and reads as what it holds.
    public static func literal(_ text: String) -> String {
        // Printable ASCII without a quote or backslash, the common case, needs no escaping.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\0": result += "\\0"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || isInvisibleFormat(scalar) {
                    result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// Line and paragraph separators, bidi controls (which can make source read in another order than it compiles)
    /// and the byte order mark.
    static func isInvisibleFormat(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    /// Appends the lines of ``docLines(_:indent:)`` to `block`, without an array of lines in between for text of
    /// printable ASCII (the common case).
    static func appendDocLines(_ text: String?, indent: String = "", to block: inout Block) {
        guard let text else { return }
        guard isSimpleDocText(text) else {
            block.append(contentsOf: docLines(text, indent: indent))
            return
        }
        forEachSimpleDocLine(text) { content in
            if let content {
                block.append(indent, "/// ", content)
            } else {
                block.append(indent, "///")
            }
        }
    }

    /// Text of printable ASCII and `\n` only, whose doc lines need no per-scalar work.
    static func isSimpleDocText(_ text: String) -> Bool {
        func isSimple(_ byte: UInt8) -> Bool {
            (byte >= 0x20 || byte == UInt8(ascii: "\n")) && byte != 0x7F && byte < 0xC2
        }
        // A plain loop over the bytes: every doc comment of a run is checked, and a long description costs a closure
        // call per byte through `contains(where:)`.
        if let simple = text.utf8.withContiguousStorageIfAvailable({ bytes in
            var index = 0
            if let base = bytes.baseAddress {
                // Eight bytes at a time while all are printable ASCII (0x20 ... 0x7E), which is simple text: no byte
                // below 0x20 (the usual test for a byte less than n), none of 0x7F or more (adding one sets its top
                // bit). A word that fails is checked byte by byte.
                let ones: UInt64 = 0x0101_0101_0101_0101
                let highs: UInt64 = 0x8080_8080_8080_8080
                while index + 8 <= bytes.count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    guard (word &- ones &* 0x20) & ~word & highs == 0, ((word &+ ones) | word) & highs == 0 else { break }
                    index += 8
                }
            }
            while index < bytes.count {
                guard isSimple(bytes[index]) else { return false }
                index += 1
            }
            return true
        }) {
            return simple
        }
        return text.utf8.allSatisfy(isSimple)
    }

    /// The doc lines of simple text (see ``isSimpleDocText(_:)``), each line's bytes with trailing spaces and tabs
    /// trimmed, or `nil` for a blank line; blank lines come only between lines with text.
    static func forEachSimpleDocLine(_ text: String, _ body: (UnsafeBufferPointer<UInt8>?) -> Void) {
        var wroteLine = false
        var pendingBlanks = 0
        var contiguous = text
        contiguous.withUTF8 { bytes in
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
                var trimmed = end
                while trimmed > start && (bytes[trimmed - 1] == UInt8(ascii: " ") || bytes[trimmed - 1] == UInt8(ascii: "\t")) {
                    trimmed -= 1
                }
                if trimmed == start {
                    if wroteLine { pendingBlanks += 1 }
                } else {
                    for _ in 0..<pendingBlanks { body(nil) }
                    pendingBlanks = 0
                    body(UnsafeBufferPointer(rebasing: bytes[start..<trimmed]))
                    wroteLine = true
                }
                start = end + 1
            }
        }
    }

    /// `///` lines for a doc comment. Every line break in the text starts a new `///` line, so no text can end the
    /// comment; other control characters (C0 but tab, DEL, C1) are replaced by U+FFFD.
    public static func docLines(_ text: String?, indent: String = "") -> [String] {
        guard let text else { return [] }
        if isSimpleDocText(text) {
            var lines: [String] = []
            forEachSimpleDocLine(text) { content in
                lines.append(content.map { indent + "/// " + String(decoding: $0, as: UTF8.self) } ?? indent + "///")
            }
            return lines
        }
        var lines: [String] = []
        var current = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{0B}"
                || scalar == "\u{0C}" || scalar == "\u{85}"
            {
                lines.append(current)
                current = ""
            } else if scalar.value < 0x20 && scalar != "\t" || (0x7F...0x9F).contains(scalar.value) {
                current.unicodeScalars.append("\u{FFFD}")
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        lines.append(current)
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        while lines.first?.allSatisfy(\.isWhitespace) == true { lines.removeFirst() }
        return lines.map { line in
            // Trailing whitespace characters go, found from the end (not by reversing the whole line).
            var end = line.endIndex
            while end > line.startIndex {
                let before = line.index(before: end)
                guard line[before].isWhitespace else { break }
                end = before
            }
            return end == line.startIndex ? "\(indent)///" : "\(indent)/// \(line[..<end])"
        }
    }
}

/// The lines of a ``Renderer/block(_:)`` built in place: the same text as joining an array of the lines.
struct Block {
    /// The lines as UTF-8, made a `String` once at the end: appending to a `String` costs far more per piece than
    /// copying bytes, and most lines are ASCII, which is checked quickly.
    private var bytes: [UInt8] = []
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// The lines, joined as ``Renderer/block(_:)`` joins them.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    init() {}

    /// A block with room for `capacity` bytes, so that it does not grow as its lines are appended.
    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    private mutating func startLine() {
        if count > 0 { bytes += [UInt8(ascii: "\n"), Renderer.continuation] }
        count += 1
    }

    mutating func append(_ line: String) {
        startLine()
        bytes += line.utf8
    }

    /// One line made of `prefix`, `marker` and `bytes` (UTF-8).
    mutating func append(_ prefix: String, _ marker: String, _ bytes: UnsafeBufferPointer<UInt8> = .init(start: nil, count: 0)) {
        startLine()
        self.bytes += prefix.utf8
        self.bytes += marker.utf8
        self.bytes += bytes
    }

    mutating func append(contentsOf lines: [String]) {
        for line in lines { append(line) }
    }

    /// One line made of `a`, `b`, … in order, written straight into the block: the same as appending the line
    /// built by interpolation, without building it first (the renderer writes several such lines per property).
    mutating func appendLine(
        _ a: String, _ b: String, _ c: String = "", _ d: String = "", _ e: String = "", _ f: String = "",
        _ g: String = ""
    ) {
        startLine()
        bytes += a.utf8
        bytes += b.utf8
        bytes += c.utf8
        bytes += d.utf8
        bytes += e.utf8
        bytes += f.utf8
        bytes += g.utf8
    }
}
