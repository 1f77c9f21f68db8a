import ForgeYAML
import Testing

@Suite struct ScalarTests {
    struct StyleCase: Sendable, CustomTestStringConvertible {
        var yaml: String
        var value: String
        var style: Scalar.Style
        var testDescription: String { yaml.debugDescription }
    }

    @Test(arguments: [
        StyleCase(yaml: "v: plain text", value: "plain text", style: .plain),
        StyleCase(yaml: "v: one\n  two\n", value: "one two", style: .plain),
        StyleCase(yaml: "v: 'it''s \\n'", value: "it's \\n", style: .singleQuoted),
        StyleCase(yaml: #"v: "say \"hi\"""#, value: #"say "hi""#, style: .doubleQuoted),
        StyleCase(yaml: #"v: "line\nbreak \u00e9 \t tab""#, value: "line\nbreak é \t tab", style: .doubleQuoted),
        StyleCase(yaml: "v: |\n  x\n  y\n", value: "x\ny\n", style: .literal),
        StyleCase(yaml: "v: |\n  x\n\n  y\n\n\nw: 1\n", value: "x\n\ny\n", style: .literal),
        StyleCase(yaml: "v: |-\n  x\n  y\n", value: "x\ny", style: .literal),
        StyleCase(yaml: "v: |+\n  x\n\n\nw: 1\n", value: "x\n\n\n", style: .literal),
        StyleCase(yaml: "v: |2\n    indented\n  less\n", value: "  indented\nless\n", style: .literal),
        StyleCase(yaml: "v: >\n  x\n  y\n\n  z\n", value: "x y\nz\n", style: .folded),
        StyleCase(yaml: "v: >-\n  x\n  y\n", value: "x y", style: .folded),
        StyleCase(yaml: "v: >+\n  m\n\n\nw: 1\n", value: "m\n\n\n", style: .folded),
        StyleCase(yaml: "v: héllo wörld 日本 🎉", value: "héllo wörld 日本 🎉", style: .plain),
        StyleCase(yaml: #"v: "\u65E5\U0001F389""#, value: "日🎉", style: .doubleQuoted),
    ])
    func styles(_ test: StyleCase) throws {
        let node = try #require(try parse(test.yaml)["v"])
        #expect(node.scalar?.value == test.value)
        #expect(node.scalar?.style == test.style)
        #expect(node.string == test.value)
    }

    struct ResolutionCase: Sendable, CustomTestStringConvertible {
        var text: String
        var isNull = false
        var bool: Bool? = nil
        var int: Int? = nil
        var double: Double? = nil
        var numberText: String? = nil
        var string: String?
        var testDescription: String { text }
    }

    @Test(arguments: [
        ResolutionCase(text: "~", isNull: true, string: nil),
        ResolutionCase(text: "null", isNull: true, string: nil),
        ResolutionCase(text: "Null", isNull: true, string: nil),
        ResolutionCase(text: "NULL", isNull: true, string: nil),
        ResolutionCase(text: "", isNull: true, string: nil),
        ResolutionCase(text: "'null'", string: "null"),
        ResolutionCase(text: "\"~\"", string: "~"),
        ResolutionCase(text: "''", string: ""),
        ResolutionCase(text: "nil", string: "nil"),
        ResolutionCase(text: "true", bool: true, string: "true"),
        ResolutionCase(text: "False", bool: false, string: "False"),
        ResolutionCase(text: "\"true\"", string: "true"),
        ResolutionCase(text: "'false'", string: "false"),
        ResolutionCase(text: "yes", string: "yes"),
        ResolutionCase(text: "123", int: 123, double: 123, numberText: "123", string: "123"),
        ResolutionCase(text: "\"123\"", string: "123"),
        ResolutionCase(text: "'123'", string: "123"),
        ResolutionCase(text: "-7", int: -7, double: -7, numberText: "-7", string: "-7"),
        ResolutionCase(text: "0x1F", int: 31, double: 31, numberText: "0x1F", string: "0x1F"),
        ResolutionCase(text: "0o17", int: 15, double: 15, numberText: "0o17", string: "0o17"),
        ResolutionCase(text: "0o1f", int: nil, double: nil, numberText: nil, string: "0o1f"),
        ResolutionCase(text: "1e3", int: 1000, double: 1000, numberText: "1e3", string: "1e3"),
        ResolutionCase(text: "1.5", double: 1.5, numberText: "1.5", string: "1.5"),
        ResolutionCase(text: "-2.5E-3", double: -0.0025, numberText: "-2.5E-3", string: "-2.5E-3"),
        ResolutionCase(text: "9223372036854775807", int: Int.max, double: Double(Int.max),
                       numberText: "9223372036854775807", string: "9223372036854775807"),
        ResolutionCase(text: "123456789012345678901234567890", double: 1.2345678901234568e29,
                       numberText: "123456789012345678901234567890", string: "123456789012345678901234567890"),
        ResolutionCase(text: ".inf", double: .infinity, numberText: ".inf", string: ".inf"),
        ResolutionCase(text: "-.inf", double: -.infinity, numberText: "-.inf", string: "-.inf"),
        ResolutionCase(text: "12abc", string: "12abc"),
        ResolutionCase(text: "1.2.3", string: "1.2.3"),
        ResolutionCase(text: "!!str 12", string: "12"),
        ResolutionCase(text: "!!str true", string: "true"),
        ResolutionCase(text: "!!str", string: ""),
    ])
    func resolution(_ test: ResolutionCase) throws {
        let node = try #require(try parse("v: \(test.text)\n")["v"])
        #expect(node.isNull == test.isNull)
        #expect(node.bool == test.bool)
        #expect(node.int == test.int)
        #expect(node.double == test.double)
        #expect(node.numberText == test.numberText)
        #expect(node.string == test.string)
    }

    @Test func bigIntegerInJSONKeepsItsText() throws {
        let root = try parse(#"{"big": 18446744073709551616, "neg": -18446744073709551617}"#)
        #expect(root["big"]?.numberText == "18446744073709551616")
        #expect(root["big"]?.int == nil)
        #expect(root["neg"]?.numberText == "-18446744073709551617")
    }

    @Test func explicitTagIsKept() throws {
        let root = try parse("a: !!str 12\nb: !custom {x: 1}\nc: 12\n")
        #expect(root["a"]?.tag == "tag:yaml.org,2002:str")
        #expect(root["b"]?.tag == "!custom")
        #expect(root["b"]?["x"]?.int == 1)
        #expect(root["c"]?.tag == nil)
    }

    @Test func nullValueInSequenceAndFlowMapping() throws {
        let root = try parse("list:\n  -\n  - ~\nmap: {a: , b: null}\n")
        #expect(root.at(["list", "0"])?.isNull == true)
        #expect(root.at(["list", "1"])?.isNull == true)
        #expect(root.at(["map", "a"])?.isNull == true)
        #expect(root.at(["map", "b"])?.isNull == true)
        #expect(root["list"]?.items?.count == 2)
    }
}
