import ForgeYAML
import Testing

@Suite struct ErrorTests {
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ line: Int, _ column: Int, _ message: String) {
            self.init(name, Array(text.utf8), line, column, message)
        }

        init(_ name: String, _ bytes: [UInt8], _ line: Int, _ column: Int, _ message: String) {
            self.name = name
            self.bytes = bytes
            self.line = line
            self.column = column
            self.message = message
        }
    }

    @Test(arguments: [
        // Unclosed quotes and brackets are reported where they open, not at the end of the file.
        ErrorCase("unclosed double quote", "a: 1\nb: \"abc\nc: 2\n", 2, 4,
                  "unclosed double quote; the string runs to the end of the file"),
        ErrorCase("unclosed single quote", "a: 'abc\nc: 2\n", 1, 4,
                  "unclosed single quote; the string runs to the end of the file"),
        ErrorCase("unclosed flow sequence", "a: [1, 2\n", 1, 4,
                  "unclosed '['; the flow sequence runs to the end of the file"),
        ErrorCase("unclosed flow sequence at end of input", "[1, 2", 1, 1,
                  "unclosed '['; the flow sequence runs to the end of the file"),
        ErrorCase("unclosed inner flow mapping", "a: {b: [1], c: {d: 1}\n", 1, 4,
                  "unclosed '{'; the flow mapping runs to the end of the file"),
        // libyaml's marks count characters: text that is not ASCII before the error must not shift them.
        ErrorCase("unclosed double quote after text that is not ASCII", "é: “ü”\nb: \"abc\nc: 2\n", 2, 4,
                  "unclosed double quote; the string runs to the end of the file"),
        ErrorCase("unclosed flow sequence after text that is not ASCII", "a: ééé\nb: [1, 2\n", 2, 4,
                  "unclosed '['; the flow sequence runs to the end of the file"),
        ErrorCase("tab as indentation after text that is not ASCII", "é: ü\na:\n\tb: 1\n", 3, 1,
                  "a tab character in indentation; YAML indents with spaces only"),
        ErrorCase("unclosed flow sequence before more text", "a: [1, 2\nb: 3\n", 2, 2,
                  "did not find expected ',' or ']' (while parsing a flow sequence at 1:4)"),
        ErrorCase("tab as indentation", "a:\n\tb: 1\n", 2, 1,
                  "a tab character in indentation; YAML indents with spaces only"),
        ErrorCase("tab in a block mapping's indentation", "a:\n  b: 1\n\tc: 2\n", 3, 1,
                  "a tab character in indentation; YAML indents with spaces only"),
        ErrorCase("bad indentation", "a: 1\n b: 2\n", 2, 3,
                  "mapping values are not allowed in this context; check this line's indentation, or quote a value that contains ': '"),
        ErrorCase("dedent to no mapping's column", "a:\n    b: 1\n  c: 2\n", 3, 3,
                  "did not find expected key (while parsing a block mapping at 1:1); check this line's indentation"),
        ErrorCase("duplicate key", "a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a' (first defined at 1:1)"),
        ErrorCase("nested duplicate key", "x:\n  y: 1\n  z: 2\n  y: 3\n", 4, 3,
                  "duplicate key 'y' (first defined at 2:3)"),
        ErrorCase("duplicate key in JSON", #"{"a": 1, "a": 2}"#, 1, 10, "duplicate key 'a' (first defined at 1:2)"),
        ErrorCase("duplicate key in pretty JSON", "{\n  \"id\": 1,\n  \"name\": \"n\",\n  \"id\": 2\n}", 4, 3,
                  "duplicate key 'id' (first defined at 2:3)"),
        ErrorCase("duplicate quoted and plain key", "k: 1\n\"k\": 2\n", 2, 1, "duplicate key 'k' (first defined at 1:1)"),
        ErrorCase("duplicate key in a large mapping",
                  (0..<10).map { "k\($0): \($0)\n" }.joined() + "k3: again\n", 11, 1,
                  "duplicate key 'k3' (first defined at 4:1)"),
        ErrorCase("duplicate key right after the index is built",
                  (0..<9).map { "k\($0): \($0)\n" }.joined() + "k8: again\n", 10, 1,
                  "duplicate key 'k8' (first defined at 9:1)"),
        ErrorCase("invalid leading UTF-8 byte", Array("a: 1\nb: x".utf8) + [0xFF, 0x0A], 2, 5,
                  "invalid UTF-8 byte 0xFF; the file must be UTF-8"),
        // Reported at the byte that starts the broken sequence.
        ErrorCase("invalid trailing UTF-8 byte", Array("a: é".utf8) + [0xC3, 0x28], 1, 5,
                  "invalid UTF-8 sequence 0xC3 0x28; the file must be UTF-8"),
        ErrorCase("Latin-1 text", Array("a: caf".utf8) + [0xE9, 0x73, 0x0A, 0x62, 0x3A, 0x20, 0x31, 0x0A], 1, 7,
                  "invalid UTF-8 sequence 0xE9 0x73; the file must be UTF-8"),
        ErrorCase("Latin-1 text at the end of the file", Array("a: caf".utf8) + [0xE9, 0x0A], 1, 7,
                  "invalid UTF-8 sequence 0xE9 0x0A at the end of the file; the file must be UTF-8"),
        ErrorCase("control character", "a: \u{07}\n", 1, 4, "control characters are not allowed (U+0007)"),
        ErrorCase("C1 control character after non-ASCII text", "a: é\u{80}\n", 1, 5, "control characters are not allowed (U+0080)"),
        ErrorCase("noncharacter", "a: 1\nb: [x, \u{FFFE}]\n", 2, 8, "control characters are not allowed (U+FFFE)"),
        ErrorCase("empty file", "", 1, 1, "the file holds no document (it is empty)"),
        ErrorCase("blank lines only", "\n  \n", 1, 1, "the file holds no document (it is empty)"),
        ErrorCase("comments only", "# nothing here\n", 1, 1, "the file holds no document (only comments)"),
        ErrorCase("two documents", "a: 1\n---\nb: 2\n", 2, 1, "expected a single document, found a second one"),
        ErrorCase("two explicit documents", "--- a\n--- b\n", 2, 1, "expected a single document, found a second one"),
        ErrorCase("unknown alias", "a: *nope\n", 1, 4, "unknown alias '*nope'"),
        ErrorCase("unclosed double quote in a key", "a: 1\n\"b: 2\n", 2, 1,
                  "unclosed double quote; the string runs to the end of the file"),
    ])
    func syntaxErrors(_ test: ErrorCase) throws {
        let error = try #require(parseError(test.bytes, file: "spec/t.yaml"))
        #expect(error.location == SourceLocation(file: "spec/t.yaml", line: test.line, column: test.column))
        #expect(error.message == test.message)
        #expect(error.description == "spec/t.yaml:\(test.line):\(test.column): error: \(test.message)")
    }

    @Test func sameKeyInDifferentMappingsIsFine() throws {
        let root = try parse("a: {k: 1}\nb: {k: 2}\nc:\n  - k: 3\n  - k: 4\n")
        #expect(root.at(["b", "k"])?.int == 2)
        #expect(root.at(["c", "1", "k"])?.int == 4)
    }

    @Test func documentMarkersAroundOneDocumentAreFine() throws {
        let root = try parse("---\na: 1\n...\n")
        #expect(root["a"]?.int == 1)
        #expect(root.position == "2:1")
    }

    @Test func explicitEmptyDocumentIsNull() throws {
        let root = try parse("---\n")
        #expect(root.isNull)
    }
}

@Suite struct LimitTests {
    static func nested(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    @Test func nestingUpToMaxDepthIsAccepted() throws {
        var node = try parse(Self.nested(10), limits: YAMLLimits(maxDepth: 10))
        var depth = 0
        while let first = node.items?.first {
            node = first
            depth += 1
        }
        #expect(depth == 9)
        #expect(node.items?.isEmpty == true)
    }

    @Test func nestingBeyondMaxDepthIsRefused() throws {
        let error = try #require(parseError(Self.nested(11), limits: YAMLLimits(maxDepth: 10)))
        #expect(error.location == SourceLocation(file: "t.yaml", line: 1, column: 11))
        #expect(error.message == "nesting deeper than 10 levels; the input is refused")
    }

    @Test func blockNestingBeyondMaxDepthIsRefused() throws {
        // Four nested block mappings: a, b, c and d's value mapping.
        let text = "a:\n  b:\n    c:\n      d:\n        e: 1\n"
        #expect(parseError(text, limits: YAMLLimits(maxDepth: 5)) == nil)
        let error = try #require(parseError(text, limits: YAMLLimits(maxDepth: 4)))
        #expect(error.location == SourceLocation(file: "t.yaml", line: 5, column: 9))
        #expect(error.message == "nesting deeper than 4 levels; the input is refused")
    }

    @Test func tenThousandOpenBracketsThrowWithDefaultLimits() throws {
        let error = try #require(parseError(String(repeating: "[", count: 10_000)))
        #expect(error.location == SourceLocation(file: "t.yaml", line: 1, column: 513))
        #expect(error.message == "nesting deeper than 512 levels; the input is refused")
    }

    @Test func tenThousandNestedFlowMappingsThrowWithDefaultLimits() throws {
        let error = try #require(parseError(String(repeating: "{a: ", count: 10_000)))
        #expect(error.location == SourceLocation(file: "t.yaml", line: 1, column: 4 * 512 + 1))
        #expect(error.message == "nesting deeper than 512 levels; the input is refused")
    }

    /// Every node is counted once: `[1, 2, 3]` is four nodes.
    @Test func nodeCountIsExact() throws {
        let root = try parse("[1, 2, 3]", limits: YAMLLimits(maxNodes: 4))
        #expect(root.items?.count == 3)
        let error = try #require(parseError("[1, 2, 3]", limits: YAMLLimits(maxNodes: 3)))
        #expect(error.location == SourceLocation(file: "t.yaml", line: 1, column: 1))
        #expect(error.message == "the document expands to more than 3 nodes (aliases included); the input is refused")
    }

    /// Deep documents must not be over-counted (each node counted once, not once per enclosing level).
    @Test func deepDocumentIsCountedOncePerNode() throws {
        // 100 nested sequences holding one scalar: 101 nodes.
        let text = String(repeating: "[", count: 100) + "x" + String(repeating: "]", count: 100)
        _ = try parse(text, limits: YAMLLimits(maxNodes: 101))
        let error = try #require(parseError(text, limits: YAMLLimits(maxNodes: 100)))
        #expect(error.message == "the document expands to more than 100 nodes (aliases included); the input is refused")
    }

    @Test func aliasesCountAtTheirExpandedSize() throws {
        // a: 3 nodes; b: 1 + 2 × 3; keys: 2. Total 3 + 7 + 2 + 1 (root) = 13.
        let text = "a: &a [1, 2]\nb: [*a, *a]\n"
        _ = try parse(text, limits: YAMLLimits(maxNodes: 13))
        let error = try #require(parseError(text, limits: YAMLLimits(maxNodes: 12)))
        #expect(error.location == SourceLocation(file: "t.yaml", line: 1, column: 1))
        #expect(error.message.hasPrefix("the document expands to more than 12 nodes"))
    }

    static let billionLaughs = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """

    @Test func billionLaughsIsRefusedQuickly() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(parseError(Self.billionLaughs, limits: YAMLLimits(maxNodes: 100_000)))
        let elapsed = clock.now - start
        // Up to `e`: 5 keys + 10 + 91 + 820 + 7381 + 66430 = 74737 nodes; `f`'s key and first `*e` pass 100000.
        #expect(error.location == SourceLocation(file: "t.yaml", line: 6, column: 8))
        #expect(error.message == "the document expands to more than 100000 nodes (aliases included); the input is refused")
        #expect(elapsed < .seconds(1))
    }

    @Test func billionLaughsIsRefusedWithDefaultLimits() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(parseError(Self.billionLaughs))
        // Aliases up to `e` add 90 + 819 + 7371 + 66420 = 74700 nodes; `f`'s first `*e` (66430) passes 100000.
        #expect(error.message == "aliases expand to more than 100000 nodes; the input is refused")
        #expect(error.location == SourceLocation(file: "t.yaml", line: 6, column: 8))
        #expect(clock.now - start < .seconds(2))
    }

    @Test func billionLaughsHitsTheNodeLimitWhenAliasesAreAllowed() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(parseError(Self.billionLaughs, limits: YAMLLimits(maxAliasNodes: .max)))
        #expect(error.message == "the document expands to more than 10000000 nodes (aliases included); the input is refused")
        // a…g reach 9^7 ≈ 4.8 million nodes; h's aliases cross ten million.
        #expect(error.location.line == 8)
        #expect(clock.now - start < .seconds(2))
    }

    /// Aliases that add up to the limit are accepted; one more node is refused.
    @Test func aliasExpansionLimitIsExact() throws {
        let text = "a: &a [1, 2]\nb: [*a, *a]\n"
        _ = try parse(text, limits: YAMLLimits(maxAliasNodes: 6))
        let error = try #require(parseError(text, limits: YAMLLimits(maxAliasNodes: 5)))
        #expect(error.location == SourceLocation(file: "t.yaml", line: 2, column: 9))
        #expect(error.message == "aliases expand to more than 5 nodes; the input is refused")
    }
}
