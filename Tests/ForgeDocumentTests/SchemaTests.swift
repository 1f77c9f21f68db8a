import ForgeDocument
import Testing

@Suite struct RecursionTests {
    static let files = [
        "spec/openapi.yaml": header + """
            paths: {}
            components:
              schemas:
                Node:
                  type: object
                  properties:
                    children:
                      type: array
                      items:
                        $ref: '#/components/schemas/Node'
                A:
                  type: object
                  properties:
                    b: {$ref: 'schemas/b.yaml#/B'}
            """,
        "spec/schemas/b.yaml": """
            B:
              type: object
              properties:
                a:
                  $ref: '../openapi.yaml#/components/schemas/A'
                self:
                  $ref: '#/B'
            """,
    ]

    @Test func selfRecursiveSchema() throws {
        let (document, diagnostics) = load(Self.files)
        #expect(diagnostics.isEmpty)
        let doc = try #require(document)
        let node = try #require(doc.schemas[rootSchema("Node")])
        let children = try #require(node.properties.first)
        #expect(children.name == "children")
        #expect(children.schema.types == [.array])
        let items = try #require(children.schema.items)
        #expect(items.ref?.target == rootSchema("Node"))
        #expect(items.id == id("spec/openapi.yaml", "components", "schemas", "Node", "properties", "children", "items"))
        #expect(items.location.text == "spec/openapi.yaml:12:13")
    }

    @Test func mutuallyRecursiveSchemasAcrossFiles() throws {
        let doc = try #require(load(Self.files).0)
        let b = id("spec/schemas/b.yaml", "B")
        let a = try #require(doc.schemas[rootSchema("A")])
        #expect(a.properties.first?.schema.ref?.target == b)
        let bSchema = try #require(doc.schemas[b])
        #expect(bSchema.properties.map { $0.schema.ref?.target } == [rootSchema("A"), b])
        #expect(Set(doc.schemas.keys) == [rootSchema("Node"), rootSchema("A"), b])
        // b.yaml has no components/schemas: only the root's entries are listed for emission.
        #expect(doc.componentSchemas == [rootSchema("Node"), rootSchema("A")])
        #expect(doc.files == ["spec/openapi.yaml", "spec/schemas/b.yaml"])
    }
}

@Suite struct NullableTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var version = "3.1.0"
        var schema: String
        var types: [JSONType]
        var nullable: Bool
        var anyOfTypes: [[JSONType]]? = nil
        var enumValues: [JSONLiteral]? = nil
        var minimum: String? = nil
        var exclusiveMinimum: String? = nil
        var maximum: String? = nil
        var exclusiveMaximum: String? = nil
        var testDescription: String { schema }
    }

    @Test(arguments: [
        Case(schema: "{anyOf: [{type: string}, {type: 'null'}]}", types: [], nullable: false,
             anyOfTypes: [[.string], [.null]]),
        Case(schema: "{type: [string, 'null']}", types: [.string], nullable: true),
        Case(schema: "{type: ['null', integer, string]}", types: [.integer, .string], nullable: true),
        Case(schema: "{type: 'null'}", types: [.null], nullable: true),
        Case(version: "3.0.3", schema: "{type: string, nullable: true}", types: [.string], nullable: true),
        Case(version: "3.0.3", schema: "{type: string, nullable: false}", types: [.string], nullable: false),
        Case(schema: "{type: string, enum: [a, null]}", types: [.string], nullable: true, enumValues: [.string("a")]),
        Case(schema: "{enum: [1, 'two', true, 2.5, 'null']}", types: [], nullable: false,
             enumValues: [.integer("1"), .string("two"), .bool(true), .number("2.5"), .string("null")]),
        Case(schema: "{const: null}", types: [], nullable: true),
        Case(version: "3.0.3", schema: "{type: integer, minimum: 0, exclusiveMinimum: true}", types: [.integer],
             nullable: false, minimum: "0", exclusiveMinimum: "0"),
        Case(version: "3.0.3", schema: "{type: integer, minimum: 0, exclusiveMinimum: false, maximum: 9, exclusiveMaximum: true}",
             types: [.integer], nullable: false, minimum: "0", maximum: "9", exclusiveMaximum: "9"),
        Case(schema: "{type: number, exclusiveMinimum: 5, exclusiveMaximum: 1e3}", types: [.number], nullable: false,
             exclusiveMinimum: "5", exclusiveMaximum: "1e3"),
    ])
    func nullableForms(_ test: Case) throws {
        let root = "openapi: \(test.version)\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    S: \(test.schema)\n"
        let (document, diagnostics) = load(["spec/openapi.yaml": root])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let schema = try #require(document?.schemas[rootSchema("S")])
        #expect(schema.types == test.types)
        #expect(schema.nullable == test.nullable)
        #expect(schema.anyOf?.map(\.types) == test.anyOfTypes)
        #expect(schema.enumValues == test.enumValues)
        #expect(schema.minimum == test.minimum)
        #expect(schema.exclusiveMinimum == test.exclusiveMinimum)
        #expect(schema.maximum == test.maximum)
        #expect(schema.exclusiveMaximum == test.exclusiveMaximum)
    }

    @Test func anyOfWithNullKeepsBothBranches() throws {
        let root = header + "paths: {}\ncomponents:\n  schemas:\n    S:\n      anyOf:\n        - type: string\n        - type: 'null'\n"
        let schema = try #require(load(["spec/openapi.yaml": root]).0?.schemas[rootSchema("S")])
        let anyOf = try #require(schema.anyOf)
        #expect(anyOf.count == 2)
        #expect(anyOf[1].nullable)
        #expect(anyOf[1].id == id("spec/openapi.yaml", "components", "schemas", "S", "anyOf", "1"))
        #expect(anyOf[1].location.text == "spec/openapi.yaml:9:11")
    }
}
