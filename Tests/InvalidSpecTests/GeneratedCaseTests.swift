import Foundation
import ForgeGenerator
import Testing

/// An invalid spec too large, too binary or too repetitive to commit: `make` writes it into a case folder at run
/// time (`Cases/<name>/` inside a temporary folder, so that paths print as for the committed cases).
struct GeneratedCase: Sendable, CustomTestStringConvertible {
    var name: String
    var make: @Sendable (_ folder: TemporaryFolder) throws -> Void
    var expected: String
    var testDescription: String { name }

    init(_ name: String, _ expected: String, make: @escaping @Sendable (_ folder: TemporaryFolder) throws -> Void) {
        self.name = name
        self.make = make
        self.expected = expected
    }
}

private let header = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\n"

/// YAML whose size is exactly `bytes`: a header, then comment lines.
private func padded(toSize bytes: Int) -> [UInt8] {
    var result = Array((header + "paths: {}\n").utf8)
    let line = Array("# padding padding padding padding padding padding padding padding padding padding padding\n".utf8)
    result.reserveCapacity(bytes)
    while result.count + line.count <= bytes { result += line }
    result += [UInt8](repeating: UInt8(ascii: "\n"), count: bytes - result.count)
    return result
}

private let billionLaughs = """
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

/// Eight component schemas, each with four properties whose objects reuse the previous schema's properties by
/// alias: 4⁸ nested structs from a 2 KB file.
private let schemaAliasBomb: String = {
    var text = header + "paths: {}\ncomponents:\n  schemas:\n"
    text += "    A0:\n      type: object\n      properties: &p0 {a: {type: string}, b: {type: string}, c: {type: string}, d: {type: string}}\n"
    for level in 1..<8 {
        let item = "{type: object, properties: *p\(level - 1)}"
        text += "    A\(level):\n      type: object\n      properties: &p\(level) {a: \(item), b: \(item), c: \(item), d: \(item)}\n"
    }
    return text
}()

/// `P0 → P1 → … → P1000`, the last one invalid.
private let parameterChainLength = 1000

private let parameterChain: String = {
    var text = header + """
        paths:
          /threads:
            get:
              parameters:
                - $ref: '#/components/parameters/P0'
              responses: {'200': {description: ok}}
        components:
          parameters:

        """
    for index in 0..<parameterChainLength {
        text += "    P\(index): {$ref: '#/components/parameters/P\(index + 1)'}\n"
    }
    text += "    P\(parameterChainLength): {name: limit, in: query, required: maybe}\n"
    return text
}()

/// The expected diagnostic for ``parameterChain``: the innermost 15 `$ref`s, a count of those left out, the first.
private let parameterChainDiagnostic: String = {
    let file = "Cases/ref-parameter-chain-long/openapi.yaml"
    let last = "    P\(parameterChainLength): {name: limit, in: query, required: "
    var lines = ["\(file):\(11 + parameterChainLength):\(last.count + 1): error: 'required' must be true or false, found the scalar 'maybe'"]
    for index in stride(from: parameterChainLength - 1, through: parameterChainLength - 15, by: -1) {
        let prefix = "    P\(index): {$ref: "
        lines.append("\(file):\(11 + index):\(prefix.count + 1): note: referenced from here")
    }
    lines.append("note: \(parameterChainLength + 1 - 16) more $refs on the way are not shown")
    lines.append("\(file):7:17: note: referenced from here")
    return lines.joined(separator: "\n")
}()

private let cycleLength = 5000

@Suite struct GeneratedCaseTests {
    static let cases: [GeneratedCase] = [
        GeneratedCase(
            "yaml-invalid-utf8",
            "Cases/yaml-invalid-utf8/openapi.yaml:6:47: error: invalid UTF-8 sequence 0xE9 0x73; the file must be UTF-8"
        ) { folder in
            // Latin-1 `résumé`.
            let text = header + "paths:\n  /threads:\n    get:\n      summary: Liste des fils de discussion (r"
            try folder.write("Cases/yaml-invalid-utf8/openapi.yaml", Array(text.utf8) + [0xE9] + Array("sum".utf8) + [0xE9, 0x29, 0x0A])
        },
        GeneratedCase(
            "yaml-control-character",
            "Cases/yaml-control-character/openapi.yaml:3:13: error: control characters are not allowed (U+0000)"
        ) { folder in
            try folder.write("Cases/yaml-control-character/openapi.yaml", Array((header + "x-note: 'a b").utf8) + [0x00] + Array("'\npaths: {}\n".utf8))
        },
        GeneratedCase(
            "yaml-too-large",
            "error: cannot read 'Cases/yaml-too-large/openapi.yaml': the file is 50 MiB; the limit is 32 MiB"
        ) { folder in
            try folder.write("Cases/yaml-too-large/openapi.yaml", padded(toSize: 50 << 20))
        },
        GeneratedCase(
            "ref-too-large",
            "Cases/ref-too-large/openapi.yaml:7:13: error: cannot read 'Cases/ref-too-large/schemas.yaml' named by this $ref: the file is 50 MiB; the limit is 32 MiB"
        ) { folder in
            try folder.write(
                "Cases/ref-too-large/openapi.yaml",
                header + "paths: {}\ncomponents:\n  schemas:\n    Thread:\n      $ref: 'schemas.yaml#/Thread'\n")
            try folder.write("Cases/ref-too-large/schemas.yaml", padded(toSize: 50 << 20))
        },
        GeneratedCase(
            "yaml-billion-laughs",
            "Cases/yaml-billion-laughs/openapi.yaml:10:10: error: aliases expand to more than 100000 nodes; the input is refused"
        ) { folder in
            try folder.write("Cases/yaml-billion-laughs/openapi.yaml", header + "paths: {}\nx-lol:\n" + billionLaughs + "\n")
        },
        GeneratedCase(
            "yaml-alias-bomb-in-schemas",
            "Cases/yaml-alias-bomb-in-schemas/openapi.yaml:26:126: error: aliases expand to more than 100000 nodes; the input is refused"
        ) { folder in
            try folder.write("Cases/yaml-alias-bomb-in-schemas/openapi.yaml", schemaAliasBomb)
        },
        GeneratedCase(
            "yaml-deep-flow-nesting",
            // The document's mapping is the first level; `x-deep: ` ends at column 8.
            "Cases/yaml-deep-flow-nesting/openapi.yaml:4:520: error: nesting deeper than 512 levels; the input is refused"
        ) { folder in
            let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
            try folder.write("Cases/yaml-deep-flow-nesting/openapi.yaml", header + "paths: {}\nx-deep: " + deep + "\n")
        },
        GeneratedCase(
            "yaml-deep-block-nesting",
            "Cases/yaml-deep-block-nesting/openapi.yaml:5:1025: error: nesting deeper than 512 levels; the input is refused"
        ) { folder in
            let deep = String(repeating: "- ", count: 10_000) + "x"
            try folder.write("Cases/yaml-deep-block-nesting/openapi.yaml", header + "paths: {}\nx-deep:\n  " + deep + "\n")
        },
        GeneratedCase(
            "yaml-deep-block-mappings",
            // 600 mappings, each indented one space more; the document's mapping is the first level.
            "Cases/yaml-deep-block-mappings/openapi.yaml:516:513: error: nesting deeper than 512 levels; the input is refused"
        ) { folder in
            var text = header + "paths: {}\nx-deep:\n"
            for level in 1...600 { text += String(repeating: " ", count: level) + "a:\n" }
            try folder.write("Cases/yaml-deep-block-mappings/openapi.yaml", text + String(repeating: " ", count: 601) + "b: 1\n")
        },
        GeneratedCase(
            "schema-nesting-limit",
            // Reported at the 65th schema: `    Deep: ` is 10 columns and each level 21.
            "Cases/schema-nesting-limit/openapi.yaml:6:1355: error: schemas nested deeper than 64 levels; the input is refused"
        ) { folder in
            let nested = String(repeating: "{type: array, items: ", count: 100) + "{type: string}"
                + String(repeating: "}", count: 100)
            try folder.write(
                "Cases/schema-nesting-limit/openapi.yaml",
                header + "paths: {}\ncomponents:\n  schemas:\n    Deep: " + nested + "\n")
        },
        GeneratedCase(
            "ref-long-schema-cycle",
            "Cases/ref-long-schema-cycle/openapi.yaml:6:16: error: $ref cycle with no schema in it: "
                + ["S0", "S1", "S2", "S3"].map { "Cases/ref-long-schema-cycle/openapi.yaml#/components/schemas/\($0)" }
                .joined(separator: " → ")
                + " → … \(cycleLength + 1 - 7) more … → "
                + ["S\(cycleLength - 2)", "S\(cycleLength - 1)", "S0"]
                .map { "Cases/ref-long-schema-cycle/openapi.yaml#/components/schemas/\($0)" }.joined(separator: " → ")
        ) { folder in
            var text = header + "paths: {}\ncomponents:\n  schemas:\n"
            for index in 0..<cycleLength {
                text += "    S\(index): {$ref: '#/components/schemas/S\((index + 1) % cycleLength)'}\n"
            }
            try folder.write("Cases/ref-long-schema-cycle/openapi.yaml", text)
        },
        GeneratedCase("ref-parameter-chain-long", parameterChainDiagnostic) { folder in
            try folder.write("Cases/ref-parameter-chain-long/openapi.yaml", parameterChain)
        },
        GeneratedCase(
            "root-missing",
            "error: cannot read 'Cases/root-missing/openapi.yaml': no such file"
        ) { folder in
            try FileManager.default.createDirectory(
                atPath: folder.path + "/Cases/root-missing", withIntermediateDirectories: true)
        },
    ]

    @Test(arguments: cases)
    func reportsTheError(_ test: GeneratedCase) throws {
        let folder = try TemporaryFolder()
        try test.make(folder)
        let outcome = try run(input: "\(folder.path)/Cases/\(test.name)/openapi.yaml", base: folder.path)
        check(outcome, test.expected)
    }
}
