import Foundation
import Testing

/// Reads the generated library from disk and checks that spec text cannot end a comment or a string early, nor
/// start one: every line is lexed the way Swift would see it.
@Suite struct GeneratedSourceTests {
    static let library = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AdversarialLibrary")

    static func files() throws -> [(name: String, text: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: library.path).filter { $0.hasSuffix(".swift") }
        return try names.sorted().map { name in
            (name, String(decoding: try Data(contentsOf: library.appendingPathComponent(name)), as: UTF8.self))
        }
    }

    static func lines(of file: String) throws -> [String] {
        let text = try files().first { $0.name == file }?.text ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// What a line holds once string literals and its `//` comment are set aside.
    struct LexedLine {
        var code = ""
        var literals: [String] = []
        var comment: String?
        var problems: [String] = []
    }

    /// Lexes one line: code, `"…"` literals (with escapes), and a trailing `//` comment. Anything that would make
    /// a comment or string span lines, or that generated code never writes (block comments, multi-line and raw
    /// strings), is a problem.
    static func lex(_ line: String) -> LexedLine {
        var result = LexedLine()
        let scalars = Array(line.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if scalar == "/" && next == "/" {
                result.comment = String(String.UnicodeScalarView(scalars[index...]))
                return result
            }
            if scalar == "/" && next == "*" { result.problems.append("opens a block comment") }
            if scalar == "*" && next == "/" { result.problems.append("closes a block comment") }
            if scalar == "#" && next == "\"" { result.problems.append("starts a raw string") }
            if scalar == "\"" {
                if next == "\"" && index + 2 < scalars.count && scalars[index + 2] == "\"" {
                    result.problems.append("starts a multi-line string")
                }
                var literal = String.UnicodeScalarView()
                var end = index + 1
                var closed = false
                while end < scalars.count {
                    if scalars[end] == "\\" && end + 1 < scalars.count {
                        literal.append(scalars[end])
                        literal.append(scalars[end + 1])
                        end += 2
                        continue
                    }
                    if scalars[end] == "\"" {
                        closed = true
                        break
                    }
                    literal.append(scalars[end])
                    end += 1
                }
                if !closed { result.problems.append("leaves a string literal open") }
                result.literals.append(String(literal))
                index = end + 1
                continue
            }
            result.code.unicodeScalars.append(scalar)
            index += 1
        }
        return result
    }

    @Test func theLexerSeesWhatSwiftWouldSee() {
        #expect(Self.lex(#"    case "*/": self = .u2AU2F"#).problems == [])
        #expect(Self.lex(#"    case "*/": self = .u2AU2F"#).literals == ["*/"])
        #expect(Self.lex(#"    /// text */ more"#).comment == "/// text */ more")
        #expect(Self.lex(#"    let x = "a\"b" // */"#).literals == [#"a\"b"#])
        #expect(Self.lex(#"x = "open"#).problems == ["leaves a string literal open"])
        #expect(Self.lex(#"x = 1 */ y"#).problems == ["closes a block comment"])
        #expect(Self.lex(#"x = """"#).problems.contains("starts a multi-line string"))
        #expect(Self.lex(##"x = #"raw"#"##).problems.contains("starts a raw string"))
    }

    @Test func noLineEndsOrStartsACommentOrStringEarly() throws {
        let files = try Self.files()
        #expect(files.count > 10)
        var checkedLines = 0
        for (name, text) in files {
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let where_ = "\(name):\(number + 1)"
                let lexed = Self.lex(String(line))
                #expect(lexed.problems == [], "\(where_): \(line)")
                // Comments are doc comments, or the two header lines.
                if let comment = lexed.comment {
                    #expect(
                        comment.hasPrefix("/// ") || comment == "///" || (number < 2 && comment.hasPrefix("// ")),
                        "\(where_): \(line)")
                    // A comment is the whole line: nothing before it but indentation.
                    #expect(lexed.code.allSatisfy { $0 == " " }, "\(where_): \(line)")
                }
                // `*/` appears only inside a `///` comment or inside a string literal.
                if line.contains("*/") {
                    let inComment = lexed.comment?.contains("*/") ?? false
                    let inLiteral = lexed.literals.contains { $0.contains("*/") }
                    #expect(inComment || inLiteral, "\(where_): \(line)")
                }
                // Only the client's own description interpolates.
                for literal in lexed.literals where literal.unicodeScalars.contains("\\") {
                    let withoutEscapedBackslashes = literal.replacingOccurrences(of: #"\\"#, with: "")
                    if withoutEscapedBackslashes.contains(#"\("#) {
                        #expect(literal == #"Client(\(api.configuration))"#, "\(where_): \(line)")
                    }
                }
                // No character that ends a line, or that the compiler would warn about, survives in the source.
                for scalar in line.unicodeScalars {
                    let value = scalar.value
                    let control = value < 0x20 && scalar != "\t" || (0x7F...0x9F).contains(value)
                    let separator = value == 0x2028 || value == 0x2029
                    #expect(!(control || separator), "\(where_): U+\(String(value, radix: 16)) in \(line)")
                    if scalar == "\t" { #expect(lexed.comment?.contains("\t") == true, "\(where_): a tab outside a comment") }
                }
                checkedLines += 1
            }
        }
        #expect(checkedLines > 2_000)
    }

    @Test func docCommentsKeepTheirText() throws {
        let documented = try Self.lines(of: "Types+D.swift")
        #expect(documented.contains(
            ##"/// Ends a block comment */ and opens one /* and a """ multi-line string, #"""# a raw one, an interpolation \(oops) and a backslash \ at the end \"##))
        for line in ["///  CRLF", "/// next CR", "/// next LS", "/// next PS", "/// next NEL", "/// next VT", "/// next FF"] {
            #expect(documented.contains(line), "missing \(line)")
        }
        // Control characters become U+FFFD; the tab stays.
        #expect(documented.contains("///  NUL\u{FFFD}, ESC\u{FFFD}, DEL\u{FFFD}, CSI\u{FFFD}, BOM\u{FEFF}, RLO\u{202E}evil\u{202C}, tab\there"))
        #expect(documented.contains("///  <script>alert('*/')</script> <!-- comment -->"))
        let long = try #require(documented.first { $0.hasPrefix("///  Long line start.") })
        #expect(long.hasSuffix("Long line end."))
        #expect(long.count > 4_000)
        // A property name with a line break, in the source of the inline type named after it.
        #expect(documented.contains("    /// Generated from `#/components/schemas/Documented/properties/line\\u{A}break`."))
        #expect(documented.contains("    /// Generated from `#/components/schemas/Documented/properties/'backticks'`."))
        #expect(documented.contains("    /// Only a title */ \"\"\" \\(x)"))
        #expect(documented.contains("    /// with a second line"))
        #expect(documented.contains("    /// A property named NUL \u{FFFD}"))

        let client = try Self.lines(of: "Client.swift")
        #expect(client.contains(##"/// A client for Adversarial */ /* """ #"""# \(title) \ spec"##))
        #expect(client.contains(#"    /// Summary */ with /* """ and \(interp)"#))
        #expect(client.contains("    /// and a CRLF"))
        #expect(client.contains("    /// after a line separator\u{FFFD}with a nul"))
        #expect(client.contains(#"    ///   - in: The `in` path parameter */"#))
        #expect(!client.contains { $0.contains("second line /* that the doc drops") })

        let hostileTitle = try Self.lines(of: "Types+H.swift")
        #expect(hostileTitle.contains("/// */ A title: \"\"\" \\(x)\u{FFFD}"))
        #expect(hostileTitle.contains("///  */"))
    }

    @Test func stringLiteralsEscapeWhatWouldBreakThem() throws {
        let status = try Self.lines(of: "Types+S.swift")
        for line in [
            #"        case "\0": self = .u0"#, #"        case "\r\n": self = .uDUA"#, #"        case "\u{2028}": self = .u2028"#,
            #"        case "\t": self = .u9"#, ##"        case "#\"\"\"#": self = .u23U22U22U22U23"##,
            #"        case "\\(interp)": self = .interp"#, #"        case "with \"quotes\"": self = .withQuotes"#,
        ] {
            #expect(status.contains(line), "missing \(line)")
        }
        let events = try Self.lines(of: "Types+E.swift")
        #expect(events.contains(#"        switch try decoder.discriminator("kind \"*/") {"#))
        #expect(events.contains(#"        case "line\r\nbreak\u{2028}\0": self = .lineBreak(try EventLines(from: decoder))"#))
    }
}
