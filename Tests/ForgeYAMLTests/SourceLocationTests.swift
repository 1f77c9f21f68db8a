import ForgeYAML
import Foundation
import Testing

/// A location keeps its file as a number in a table shared by the process; that must not show.
@Suite struct SourceLocationTests {
    @Test func theFileReadsBackAndDecidesEquality() {
        let a = SourceLocation(file: "spec/a.yaml", line: 3, column: 5)
        var b = SourceLocation(file: "spec/" + "a.yaml", line: 3, column: 5)
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(b.file == "spec/a.yaml" && b.description == "spec/a.yaml:3:5")
        b.file = "spec/b.yaml"
        #expect(a != b && b.file == "spec/b.yaml" && a.file == "spec/a.yaml")
        #expect(a < b && SourceLocation(file: "spec/a.yaml", line: 10, column: 1) < b)
        // Within one file, by line then column.
        #expect(a < SourceLocation(file: "spec/a.yaml", line: 3, column: 6))
        #expect(a < SourceLocation(file: "spec/a.yaml", line: 4, column: 1))
        #expect(!(SourceLocation(file: "spec/a.yaml", line: 10, column: 1) < a) && !(a < a))
    }

    @Test func itEncodesAsFileLineAndColumn() throws {
        let location = SourceLocation(file: "spec/openapi.yaml", line: 12, column: 7)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(location), as: UTF8.self)
        #expect(json == #"{"column":7,"file":"spec\/openapi.yaml","line":12}"#)
        #expect(try JSONDecoder().decode(SourceLocation.self, from: Data(json.utf8)) == location)
    }

    @Test func nodesCarryTheFileTheyWereParsedFrom() throws {
        let node = try YAMLParser.parse("a:\n  b: 1\n", file: "dir/spec.yaml")
        #expect(node["a"]?["b"]?.location == SourceLocation(file: "dir/spec.yaml", line: 2, column: 6))
        #expect(node["a"]?["b"]?.location.file == "dir/spec.yaml")
    }
}
