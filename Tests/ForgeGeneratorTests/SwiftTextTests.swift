import ForgeGenerator
import Testing

@testable import ForgeRenderer

@Suite struct SwiftTextTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("say \"hi\"", #""say \"hi\"""#),
        (#"back\slash \(interpolation)"#, #""back\\slash \\(interpolation)""#),
        ("line\nbreak\r\ttab", #""line\nbreak\r\ttab""#),
        ("nul\u{0}bell\u{7}", #""nul\0bell\u{7}""#),
        ("\"\"\" triple", #""\"\"\" triple""#),
        ("é ✓", #""é ✓""#),
        ("ls\u{2028}ps\u{2029}", #""ls\u{2028}ps\u{2029}""#),
        ("nel\u{85}csi\u{9B}", #""nel\u{85}csi\u{9B}""#),
        ("rlo\u{202E}x\u{202C} bom\u{FEFF}", #""rlo\u{202E}x\u{202C} bom\u{FEFF}""#),
        (##"#"""# */"##, ##""#\"\"\"# */""##),
    ])
    func literals(text: String, literal: String) {
        #expect(SwiftText.literal(text) == literal)
    }

    @Test func docLinesSplitEveryLineBreakSoNothingEndsTheComment() {
        let text = "First */ line\r\nsecond\rthird\u{2028}fourth\n\nfifth with \u{0} nul"
        #expect(
            SwiftText.docLines(text) == [
                "/// First */ line", "/// second", "/// third", "/// fourth", "///", "/// fifth with \u{FFFD} nul",
            ])
    }

    @Test func docLinesReplaceC1ControlsButKeepTabs() {
        #expect(SwiftText.docLines("a\u{9B}b\tc\u{7F}d") == ["/// a\u{FFFD}b\tc\u{FFFD}d"])
        #expect(SwiftText.docLines("next\u{85}line") == ["/// next", "/// line"])
    }

    @Test func docLinesDropLeadingAndTrailingBlankLinesAndTrailingSpaces() {
        #expect(SwiftText.docLines("\n  \nText.   \n\n") == ["/// Text."])
        // Blank lines between lines of text stay, however many.
        #expect(SwiftText.docLines("a\n\n \nb  \n", indent: "  ") == ["  /// a", "  ///", "  ///", "  /// b"])
        #expect(SwiftText.docLines(nil) == [])
    }

    /// A parameter's doc summary is its first line with text, as splitting at line breaks gives it, whether the text
    /// is ASCII (split by bytes) or not.
    @Test(arguments: [
        "", "\n", "\n\nfirst\nsecond", "one line", "crlf\r\nnext", "\r\n\r\nx y \n z", "vt\u{0B}ff\u{0C}", "  \n\tq",
        "é\u{301}\nq", "a\u{2028}b", "nel\u{85}x",
    ])
    func firstLineOfADoc(text: String) {
        #expect(
            Renderer.Signature.firstLine(of: text)
                == text.split(maxSplits: 1, whereSeparator: \.isNewline).first.map(String.init) ?? "")
    }

    /// Simple text (printable ASCII and line feeds) is told apart eight bytes at a time: a byte that is not simple
    /// counts wherever it falls in a word, and a line feed does not make text complex.
    @Test func simpleDocTextAtEveryPosition() {
        for length in 0..<20 {
            let plain = String(repeating: "a", count: length)
            #expect(SwiftText.isSimpleDocText(plain + " ~z"))
            #expect(SwiftText.isSimpleDocText(plain + "\n" + plain))
            for bad in ["\t", "\r", "\u{1}", "\u{7F}", "é", "\u{85}", "\u{2028}"] {
                #expect(!SwiftText.isSimpleDocText(plain + bad + String(repeating: "b", count: 19 - length)), "\(length)")
            }
        }
    }

    /// Text that is not plain ASCII loses its trailing whitespace characters, tabs and wide spaces included, and a
    /// space that a combining mark follows is one such character.
    @Test func trailingWhitespaceOfTextThatIsNotASCII() {
        #expect(
            SwiftText.docLines("café  \n naïve\u{3000}\t\nx \u{301}\n\u{3000}") == ["/// café", "///  naïve", "/// x"])
    }

    /// Doc lines written straight into a block are the lines of `docLines`, joined as `Renderer.block` joins them,
    /// after whatever the block held (both walk simple text the same way; the literal tests above pin that walk).
    @Test(arguments: [
        "", "one line", "  leading spaces kept", "trailing spaces go   ", "\n\nleading blank lines go",
        "trailing blank lines go\n\n  \n", "a\n\n\nb", "a\n   \nb", "tab\there", "crlf\r\nline", "naïve café",
        "bell\u{7}", "line\u{2028}separator", "  \n  ", "a  \n  b  \n",
    ])
    func docLinesAppendedToABlockAreTheDocLines(text: String) {
        for indent in ["", "    "] {
            for before in [[], ["first"], ["first", ""]] {
                var block = Block()
                block.append(contentsOf: before)
                SwiftText.appendDocLines(text, indent: indent, to: &block)
                let lines = before + SwiftText.docLines(text, indent: indent)
                #expect(block.text == Renderer.block(lines), "indent \(indent.count), after \(before)")
                #expect(block.count == lines.count)
            }
        }
        var none = Block()
        SwiftText.appendDocLines(nil, to: &none)
        #expect(none.isEmpty && none.text.isEmpty)
    }
}
