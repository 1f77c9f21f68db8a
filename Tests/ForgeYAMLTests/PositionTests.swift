import ForgeYAML
import Testing

@Suite struct PositionTests {
    static let block = """
        openapi: 3.1.0
        info:
          title: Demo
          tags:
            - one
            - two
          flow: {a: [1, 2], b: x}
        """

    @Test(arguments: [
        ([], "1:1"),
        (["openapi"], "1:10"),
        (["info"], "3:3"),
        (["info", "title"], "3:10"),
        (["info", "tags"], "5:5"),
        (["info", "tags", "0"], "5:7"),
        (["info", "tags", "1"], "6:7"),
        (["info", "flow"], "7:9"),
        (["info", "flow", "a"], "7:13"),
        (["info", "flow", "a", "0"], "7:14"),
        (["info", "flow", "a", "1"], "7:17"),
        (["info", "flow", "b"], "7:24"),
    ])
    func blockValuePositions(path: [String], expected: String) throws {
        let root = try parse(Self.block)
        let node = try #require(root.at(path))
        #expect(node.position == expected)
        #expect(node.location.file == "t.yaml")
    }

    @Test func keyPositions() throws {
        let root = try parse(Self.block)
        #expect(root.keyNode("openapi")?.position == "1:1")
        #expect(root.keyNode("info")?.position == "2:1")
        let info = try #require(root["info"])
        #expect(info.keyNode("title")?.position == "3:3")
        #expect(info.keyNode("tags")?.position == "4:3")
        #expect(info.keyNode("flow")?.position == "7:3")
        let flow = try #require(info["flow"])
        #expect(flow.keyNode("a")?.position == "7:10")
        #expect(flow.keyNode("b")?.position == "7:21")
    }

    @Test func valueAfterMultiLineLiteral() throws {
        let root = try parse("text: |\n  line one\n  line two\n\nafter: 42\n")
        #expect(root["text"]?.position == "1:7")
        #expect(root.keyNode("after")?.position == "5:1")
        #expect(root["after"]?.position == "5:8")
        #expect(root["after"]?.int == 42)
    }

    @Test func keyIndentedByFour() throws {
        let root = try parse("outer:\n    inner: 1\n    second:\n        deep: x\n")
        let outer = try #require(root["outer"])
        #expect(outer.position == "2:5")
        #expect(outer.keyNode("inner")?.position == "2:5")
        #expect(outer["inner"]?.position == "2:12")
        #expect(outer.keyNode("second")?.position == "3:5")
        #expect(outer["second"]?.keyNode("deep")?.position == "4:9")
        #expect(outer["second"]?["deep"]?.position == "4:15")
    }

    static let prettyJSON = """
        {
          "name": "x",
          "list": [
            1,
            {"k": true}
          ]
        }
        """

    @Test(arguments: [
        ([], "1:1"),
        (["name"], "2:11"),
        (["list"], "3:11"),
        (["list", "0"], "4:5"),
        (["list", "1"], "5:5"),
        (["list", "1", "k"], "5:11"),
    ])
    func prettyPrintedJSON(path: [String], expected: String) throws {
        let root = try parse(Self.prettyJSON, file: "doc.json")
        let node = try #require(root.at(path))
        #expect(node.position == expected)
        #expect(node.location.file == "doc.json")
    }

    @Test func prettyPrintedJSONKeys() throws {
        let root = try parse(Self.prettyJSON)
        #expect(root.keyNode("name")?.position == "2:3")
        #expect(root.keyNode("list")?.position == "3:3")
        #expect(root.at(["list", "1"])?.keyNode("k")?.position == "5:6")
        #expect(root.at(["list", "1", "k"])?.bool == true)
    }

    @Test(arguments: [
        ([], "1:1"),
        (["a"], "1:6"),
        (["a", "0"], "1:7"),
        (["a", "1"], "1:9"),
        (["a", "1", "b"], "1:14"),
        (["c"], "1:25"),
    ])
    func singleLineJSON(path: [String], expected: String) throws {
        let root = try parse(#"{"a":[1,{"b":null}],"c":"d"}"#)
        let node = try #require(root.at(path))
        #expect(node.position == expected)
    }

    @Test func singleLineJSONKeysAndValues() throws {
        let root = try parse(#"{"a":[1,{"b":null}],"c":"d"}"#)
        #expect(root.keyNode("a")?.position == "1:2")
        #expect(root.keyNode("c")?.position == "1:21")
        #expect(root.at(["a", "1", "b"])?.isNull == true)
        #expect(root["c"]?.string == "d")
        #expect(root["c"]?.scalar?.style == .doubleQuoted)
    }

    @Test func windowsLineEndings() throws {
        let root = try parse("a: 1\r\nb:\r\n  c: |\r\n    x\r\n    y\r\nd: 2\r\n")
        #expect(root.keyNode("b")?.position == "2:1")
        #expect(root.at(["b", "c"])?.position == "3:6")
        #expect(root.at(["b", "c"])?.string == "x\ny\n")
        #expect(root["d"]?.position == "6:4")
    }

    @Test func byteOrderMarkIsNotAColumn() throws {
        let root = try parse("\u{FEFF}a: 1\nb: 2\n")
        #expect(root.keyNode("a")?.position == "1:1")
        #expect(root["a"]?.position == "1:4")
        #expect(root["b"]?.position == "2:4")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        // "ключ" is 4 characters but 8 bytes.
        let root = try parse("ключ: значение\nnext: [é, ü]\n")
        #expect(root["ключ"]?.position == "1:7")
        #expect(root["ключ"]?.string == "значение")
        #expect(root.at(["next", "1"])?.position == "2:11")
    }
}
