import ForgeYAML
import Testing

@Suite struct AliasTests {
    static let text = """
        base: &b
          type: object
          x: [1, 2]
        copy: *b
        list:
          - &item hello
          - *item
          - *b
        """

    @Test func aliasInMappingHasAnchoredContent() throws {
        let root = try parse(Self.text)
        let base = try #require(root["base"])
        let copy = try #require(root["copy"])
        #expect(base.rendered == "{type: object, x: [1, 2]}")
        #expect(copy.rendered == base.rendered)
        #expect(copy["x"]?.items?.count == 2)
    }

    @Test func aliasInSequenceHasAnchoredContent() throws {
        let root = try parse(Self.text)
        #expect(root.at(["list", "0"])?.string == "hello")
        #expect(root.at(["list", "1"])?.string == "hello")
        #expect(root.at(["list", "2"])?.rendered == "{type: object, x: [1, 2]}")
    }

    @Test func aliasIsLocatedWhereItIsWritten() throws {
        let root = try parse(Self.text)
        #expect(root["copy"]?.position == "4:7")
        #expect(root.at(["list", "0"])?.position == "6:5")
        #expect(root.at(["list", "1"])?.position == "7:5")
        #expect(root.at(["list", "2"])?.position == "8:5")
        // The nodes inside an alias keep the anchored node's positions.
        #expect(root.at(["copy", "type"])?.position == "2:9")
    }

    @Test func aliasInFlowCollections() throws {
        let root = try parse("{a: &x [1, {k: v}], b: [*x, *x]}")
        #expect(root.at(["b", "0"])?.rendered == "[1, {k: v}]")
        #expect(root.at(["b", "1"])?.rendered == "[1, {k: v}]")
        #expect(root.at(["b", "1"])?.position == "1:29")
    }

    @Test func unknownAliasIsAnErrorAtTheAlias() throws {
        let error = try #require(parseError("a: &known 1\nb:\n  - *unknown\n"))
        #expect(error.location == SourceLocation(file: "t.yaml", line: 3, column: 5))
        #expect(error.message == "unknown alias '*unknown'")
    }

    @Test func aliasBeforeItsAnchorIsUnknown() throws {
        let error = try #require(parseError("a: *later\nb: &later 1\n"))
        #expect(error.description == "t.yaml:1:4: error: unknown alias '*later'")
    }
}
