import ForgeDocument
import Testing

@Suite struct MultiFileTests {
    static let files: [String: String] = [
        "spec/openapi.yaml": """
            openapi: 3.1.0
            info:
              title: Pets
              version: 1.0.0
              description: A pet store.
            servers:
              - url: https://pets.example.com/v1
                description: production
            security:
              - bearer: []
            paths:
              /pets/{id}:
                $ref: 'paths/pet.yaml'
            components:
              securitySchemes:
                bearer:
                  type: http
                  scheme: bearer
                key:
                  type: apiKey
                  name: X-Key
                  in: header
              schemas:
                Root:
                  type: string
                Zebra:
                  type: integer
            """,
        "spec/paths/pet.yaml": """
            parameters:
              - name: id
                in: path
                schema: {type: string}
              - name: verbose
                in: query
                description: path-level
                schema: {type: boolean}
            get:
              operationId: getPet
              parameters:
                - name: verbose
                  in: query
                  description: operation-level
                  schema: {type: boolean}
                - $ref: '../components/common.yaml#/components/parameters/Limit'
              responses:
                '200':
                  description: OK
                  content:
                    application/json:
                      schema:
                        $ref: '../components/common.yaml#/components/schemas/Pet'
            delete:
              operationId: deletePet
              responses:
                '204':
                  description: gone
            """,
        "spec/components/common.yaml": """
            components:
              parameters:
                Limit:
                  name: limit
                  in: query
                  schema: {type: integer}
              schemas:
                Pet:
                  type: object
                  properties:
                    owner:
                      $ref: '#/components/schemas/Owner'
                    tag:
                      $ref: '../components/./common.yaml#/components/schemas/Tag'
                Owner:
                  type: string
                Tag:
                  type: string
            """,
    ]

    static let common = "spec/components/common.yaml"

    @Test func operationsAreFoundThroughPathItemReferences() throws {
        let (document, diagnostics) = load(Self.files)
        #expect(diagnostics.isEmpty)
        let doc = try #require(document)
        #expect(doc.operations.map(\.operationID) == ["getPet", "deletePet"])
        #expect(doc.operations.map(\.method) == [.get, .delete])
        #expect(doc.operations.map(\.path) == ["/pets/{id}", "/pets/{id}"])
        #expect(doc.operations[0].location.text == "spec/paths/pet.yaml:10:3")
        #expect(doc.files == ["spec/openapi.yaml", "spec/paths/pet.yaml", Self.common])
    }

    @Test func pathAndOperationParametersAreMerged() throws {
        let doc = try #require(load(Self.files).0)
        let get = doc.operations[0]
        #expect(get.parameters.map(\.name) == ["id", "verbose", "limit"])
        #expect(get.parameters.map(\.location) == [.path, .query, .query])
        #expect(get.parameters.map(\.required) == [true, false, false])
        #expect(get.parameters[1].description == "operation-level")
        #expect(get.parameters[1].sourceLocation.text == "spec/paths/pet.yaml:12:7")
        #expect(get.parameters[2].sourceLocation.text == "\(Self.common):4:7")
        #expect(get.parameters[2].schema?.types == [.integer])
        let delete = doc.operations[1]
        #expect(delete.parameters.map(\.name) == ["id", "verbose"])
        #expect(delete.parameters[1].description == "path-level")
    }

    @Test func referenceTargetsAreResolvedAcrossFiles() throws {
        let doc = try #require(load(Self.files).0)
        let response = try #require(doc.operations[0].responses.first)
        #expect(response.status == "200")
        #expect(response.location.text == "spec/paths/pet.yaml:18:5")
        let schema = try #require(response.content.first?.schema)
        #expect(response.content.first?.contentType == "application/json")
        #expect(schema.ref?.target == id(Self.common, "components", "schemas", "Pet"))
        #expect(schema.ref?.location.text == "spec/paths/pet.yaml:23:19")
        #expect(schema.isPureReference)

        let pet = try #require(doc.schemas[id(Self.common, "components", "schemas", "Pet")])
        #expect(pet.types == [.object])
        #expect(pet.properties.map(\.name) == ["owner", "tag"])
        #expect(pet.properties[0].schema.ref?.target == id(Self.common, "components", "schemas", "Owner"))
        // `../components/./common.yaml` from common.yaml itself normalizes to the same file.
        #expect(pet.properties[1].schema.ref?.target == id(Self.common, "components", "schemas", "Tag"))
        #expect(pet.properties[1].schema.id == id(Self.common, "components", "schemas", "Pet", "properties", "tag"))
        #expect(doc.schemas[id(Self.common, "components", "schemas", "Tag")]?.types == [.string])
    }

    @Test func componentSchemasAreListedRootFirstInLoadOrder() throws {
        let doc = try #require(load(Self.files).0)
        #expect(doc.componentSchemas == [
            rootSchema("Root"), rootSchema("Zebra"),
            id(Self.common, "components", "schemas", "Pet"),
            id(Self.common, "components", "schemas", "Owner"),
            id(Self.common, "components", "schemas", "Tag"),
        ])
        #expect(Set(doc.schemas.keys) == Set(doc.componentSchemas))
    }

    @Test func infoServersAndSecurity() throws {
        let doc = try #require(load(Self.files).0)
        #expect(doc.version == "3.1.0")
        #expect(doc.info.title == "Pets")
        #expect(doc.info.version == "1.0.0")
        #expect(doc.info.description == "A pet store.")
        #expect(doc.servers.map(\.url) == ["https://pets.example.com/v1"])
        #expect(doc.servers.first?.description == "production")
        #expect(doc.security == [["bearer"]])
        #expect(doc.securitySchemes.map(\.name) == ["bearer", "key"])
        #expect(doc.securitySchemes.map(\.kind) == [.httpBearer, .apiKey(name: "X-Key", in: "header")])
    }
}

@Suite struct PointerTests {
    static let files = [
        "spec/openapi.yaml": header + """
            paths: {}
            components:
              schemas:
                a/b~c:
                  type: string
                A B:
                  type: integer
                é:
                  type: boolean
                User:
                  type: object
                  properties:
                    slashy:
                      $ref: '#/components/schemas/a~1b~0c'
                    spaced:
                      $ref: '#/components/schemas/A%20B'
                    accented:
                      $ref: '#/components/schemas/%C3%A9'
            """
    ]

    @Test func escapedAndPercentEncodedReferences() throws {
        let (document, diagnostics) = load(Self.files)
        #expect(diagnostics.isEmpty)
        let doc = try #require(document)
        let user = try #require(doc.schemas[rootSchema("User")])
        let targets = user.properties.map { $0.schema.ref?.target }
        #expect(targets == [rootSchema("a/b~c"), rootSchema("A B"), rootSchema("é")])
        #expect(targets[0]?.description == "spec/openapi.yaml#/components/schemas/a~1b~0c")
        #expect(doc.schemas[rootSchema("a/b~c")]?.types == [.string])
        #expect(doc.schemas[rootSchema("A B")]?.types == [.integer])
        #expect(doc.schemas[rootSchema("é")]?.types == [.boolean])
        #expect(doc.componentSchemas == [rootSchema("a/b~c"), rootSchema("A B"), rootSchema("é"), rootSchema("User")])
    }

    @Test(arguments: [
        ("", [String](), ""),
        ("/", [""], "/"),
        ("/a~1b/c~0d", ["a/b", "c~d"], "/a~1b/c~0d"),
        ("/~01", ["~1"], "/~01"),
        ("/~10", ["/0"], "/~10"),
        ("/components/schemas/A%20B", ["components", "schemas", "A B"], "/components/schemas/A B"),
        ("/%7E1", ["/"], "/~1"),
        ("/%C3%A9/0", ["é", "0"], "/é/0"),
        ("/a//b", ["a", "", "b"], "/a//b"),
        ("/é/x", ["é", "x"], "/é/x"),
        ("/a/", ["a", ""], "/a/"),
    ])
    func fragmentParsing(fragment: String, tokens: [String], description: String) throws {
        let pointer = try #require(JSONPointer(fragment: fragment))
        #expect(pointer.tokens == tokens)
        #expect(pointer.description == description)
    }

    @Test(arguments: ["a/b", "#/a", "/%", "/%2", "/%zz", "/%FF"])
    func invalidFragments(fragment: String) {
        #expect(JSONPointer(fragment: fragment) == nil)
    }

    @Test(arguments: [["a/b~c", "~0", "/~1/"], ["", "x"], ["~", "/"], ["plain", "12"]])
    func roundTrip(tokens: [String]) throws {
        let pointer = JSONPointer(tokens: tokens)
        #expect(JSONPointer(fragment: pointer.description) == pointer)
    }

    @Test func resolveReportsTheFirstMissingToken() throws {
        let root = try YAMLParser.parse("a:\n  list: [x, {b: 1}]\n", file: "f.yaml")
        let found = try JSONPointer(tokens: ["a", "list", "1", "b"]).resolve(in: root).get()
        #expect(found.int == 1)
        guard case .failure(let missing) = JSONPointer(tokens: ["a", "list", "5"]).resolve(in: root) else {
            Issue.record("expected a failure")
            return
        }
        #expect(missing.index == 2)
        #expect(missing.token == "5")
        #expect(missing.parent.text == "f.yaml:2:9")
    }
}

@Suite struct SpecPathTests {
    @Test(arguments: [
        ("spec", "a.yaml", "spec/a.yaml"),
        ("spec/paths", "../components/x.yaml", "spec/components/x.yaml"),
        ("spec/paths", "./x.yaml", "spec/paths/x.yaml"),
        ("spec", "../../etc/passwd", "../etc/passwd"),
        ("", "a/../b.yaml", "b.yaml"),
        ("spec", "/abs/x.yaml", "/abs/x.yaml"),
    ])
    func join(directory: String, relative: String, expected: String) {
        #expect(SpecPath.join(directory, relative) == expected)
    }

    @Test func insideChecks() {
        #expect(SpecPath.isInside("spec/a.yaml", folder: "spec"))
        #expect(!SpecPath.isInside("specs/a.yaml", folder: "spec"))
        #expect(!SpecPath.isInside("../etc/passwd", folder: ""))
        #expect(SpecPath.isInside("a.yaml", folder: ""))
        #expect(SpecPath.normalize("/../x") == nil)
        #expect(SpecPath.directory(of: "spec/paths/x.yaml") == "spec/paths")
        #expect(SpecPath.directory(of: "x.yaml") == "")
    }
}
