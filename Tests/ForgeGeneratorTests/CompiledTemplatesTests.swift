@testable import ForgeRenderer
import ForgeGenerator
import Foundation
import Mustache
import Testing

/// Rendering from a skeleton per context shape must give exactly what swift-mustache renders, or fall back to it.
@Suite struct CompiledTemplatesTests {
    /// Every file of `module`, rendered from skeletons and through swift-mustache alone; the number of skeletons.
    func renderBothWays(_ module: IRModule, templates: TemplateSet = .builtin) throws -> (
        memoized: [RenderedFile], plain: [RenderedFile], skeletons: Int
    ) {
        let renderer = Renderer(templates: templates, options: RenderOptions(inputName: "spec.yaml"))
        let memoized = try renderer.startSession(memoize: true)
        let plain = try renderer.startSession(memoize: false)
        let memoizedFiles = try memoized.finish(module)
        return (memoizedFiles, try plain.finish(module), memoized.templates.skeletonCount)
    }

    @Test(arguments: ["Tests/Fixtures/features.yaml", "Tests/Fixtures/adversarial.yaml", "spec/openapi.yaml"])
    func skeletonsRenderExactlyWhatMustacheRenders(spec: String) throws {
        try expectSameBothWays(spec: packageRoot.appendingPathComponent(spec).path)
    }

    @Test(.enabled(
        if: FileManager.default.fileExists(atPath: openAICorpus),
        "../shared/corpus/openai-openapi.yaml is ABSENT: the OpenAI spec is NOT rendered both ways"))
    func skeletonsRenderTheOpenAISpecExactly() throws {
        try expectSameBothWays(spec: openAICorpus)
    }

    /// Renders the spec at `path` from skeletons and through swift-mustache alone; expects the same files, and
    /// few skeletons for many declarations (or the memo is not doing its job).
    func expectSameBothWays(spec path: String) throws {
        let diagnostics = DiagnosticCollector()
        let document = try #require(
            DocumentLoader.load(root: path, reader: FileSystemSpecReader(), diagnostics: diagnostics))
        let module = Translator.translate(document, diagnostics: diagnostics)
        let (memoized, plain, skeletons) = try renderBothWays(module)
        #expect(memoized.map(\.path) == plain.map(\.path))
        for (one, other) in zip(memoized, plain) where one.contents != other.contents {
            Issue.record("\(one.path) differs:\n\(diff(other.contents, one.contents))")
        }
        let declarations = module.types.count
        #expect(declarations >= 30)
        #expect(skeletons > 0 && skeletons * 3 < declarations, "\(skeletons) skeletons for \(declarations) types")
    }

    /// The old templates, which iterate the lazily built lists, go through skeletons too (the lists they name are
    /// part of the shape).
    @Test func templatesThatIterateListsRenderTheSame() throws {
        let override = """
            {{%CONTENT_TYPE: TEXT}}
            {{access}}struct {{name}} {
            {{#properties}}
                {{#deprecated}}@available(*, deprecated) {{/deprecated}}var {{name}}: {{type}}
            {{/properties}}
            }{{^properties}} // empty{{/properties}}

            """
        let templates = try TemplateSet.builtin.overriding(with: ["Struct": override])
        let module = try translate(
            spec(
                schemas: """
                    A: {type: object, properties: {x: {type: string}, y: {type: integer, deprecated: true}}}
                    B: {type: object, properties: {z: {type: string}}}
                    C: {type: object}
                    """))
        let (memoized, plain, skeletons) = try renderBothWays(module, templates: templates)
        #expect(memoized == plain)
        #expect(memoized.contains { $0.contents.contains("@available(*, deprecated) var y: Int?") })
        // A (two properties, one deprecated), B (one) and C (none) are three shapes.
        #expect(skeletons == 3)
    }

    func compiled(_ sources: [String: String]) throws -> CompiledTemplates {
        var library = MustacheLibrary()
        for (name, text) in sources { try library.register(text, named: name) }
        return CompiledTemplates(library: library, sources: sources)
    }

    /// Renders each context from a skeleton and through swift-mustache, and expects the same text.
    func expectBothWays(_ sources: [String: String], _ contexts: [[String: Any]], skeletons: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let templates = try compiled(sources)
        for context in contexts {
            let memoized = templates.render(context, withTemplate: "Main")
            let plain = templates.library.render(context, withTemplate: "Main")
            #expect(memoized == plain, sourceLocation: sourceLocation)
        }
        #expect(templates.skeletonCount == skeletons, sourceLocation: sourceLocation)
    }

    /// swift-mustache indents a partial's line only before output that starts it: values that are empty or end with
    /// a newline must count as such.
    @Test func valuesInIndentedPartials() throws {
        let sources = [
            "Main": "{{%CONTENT_TYPE: TEXT}}\nbegin\n  {{>Part}}\nend\n",
            "Part": "{{%CONTENT_TYPE: TEXT}}\n{{a}}{{b}}\n{{c}}\n",
        ]
        try expectBothWays(
            sources,
            [
                ["a": "x\n", "b": "y", "c": "p\nq"], ["a": "x", "b": "y", "c": "p"], ["a": "", "b": "y", "c": ""],
                ["a": "x\n", "b": "", "c": "\n"], ["a": "one\n", "b": "two", "c": "r\ns"],
            ],
            skeletons: 4)
    }

    @Test func sectionsOverStringsListsAndTheStack() throws {
        let sources = [
            "Main": """
                {{%CONTENT_TYPE: TEXT}}
                {{#name}}[{{.}}]{{/name}}{{^name}}none{{/name}}
                {{#items}}{{title}}:{{label}}{{#tags}}<{{.}}>{{/tags}};{{/items}}{{^items}}no items{{/items}}
                {{#flag}}on{{/flag}}{{count}}
                """
        ]
        try expectBothWays(
            sources,
            [
                ["name": "x", "title": "T", "items": [["label": "a", "tags": ["1", "2"]], ["label": "b", "title": "U"]], "flag": true, "count": 2],
                ["name": "", "title": "T", "items": [[String: Any]](), "flag": false, "count": 0],
                ["title": "V", "items": [["label": "c", "tags": [String]()]], "flag": true, "count": 1],
            ],
            skeletons: 3)
    }

    /// Mustache prints a list or a mapping by its Swift description, which a marker cannot stand for; nor can a
    /// marker survive a transform. Those render through swift-mustache.
    @Test func whatASkeletonCannotStandForFallsBack() throws {
        try expectBothWays(
            ["Main": "{{%CONTENT_TYPE: TEXT}}\n{{items}} {{name}}\n"], [["items": ["a\nb", "c"], "name": "n"]],
            skeletons: 0)
        try expectBothWays(
            ["Main": "{{%CONTENT_TYPE: TEXT}}\n{{#items}}{{.}}{{/items}}\n"], [["items": [["k": "v\"w"]]]], skeletons: 0)
        try expectBothWays(
            ["Main": "{{%CONTENT_TYPE: TEXT}}\n{{uppercased(name)}}\n"], [["name": "abc"], ["name": "def"]],
            skeletons: 0)
        // `{{.}}` printing the root mapping.
        try expectBothWays(["Main": "{{%CONTENT_TYPE: TEXT}}\n{{.}}\n"], [["name": "abc"]], skeletons: 0)
        // Text that looks like a marker in the template itself: no skeleton.
        try expectBothWays(
            ["Main": "{{%CONTENT_TYPE: TEXT}}\n\u{E000}<m0\u{E001} {{name}}\n"], [["name": "abc"]], skeletons: 0)
        // A value that is neither text, a flag, a number, a list nor a mapping.
        try expectBothWays(["Main": "{{%CONTENT_TYPE: TEXT}}\n{{value}}\n"], [["value": 2.5]], skeletons: 0)
    }

    /// A list built lazily stays one in the probe: a tag can reach its stored properties by reflection, and an
    /// inverted section pushes the empty list itself.
    @Test func lazyListsKeepTheirType() throws {
        let item: (Int) -> [String: Any] = { ["name": "n\($0)"] }
        try expectBothWays(
            ["Main": "{{%CONTENT_TYPE: TEXT}}\n[{{cases.count}}]{{#cases}}{{name}};{{/cases}}[{{^cases}}{{count}}{{/cases}}]\n"],
            [
                ["cases": LazyList(count: 3, item: item)], ["cases": LazyList(count: 0, item: item)],
                ["cases": LazyList(count: 3, item: item), "count": 7],
            ],
            skeletons: 3)
        // The same items as an array are another shape.
        try expectBothWays(
            ["Main": "{{%CONTENT_TYPE: TEXT}}\n[{{cases.count}}]{{#cases}}{{name}};{{/cases}}\n"],
            [["cases": LazyList(count: 2, item: item)], ["cases": [item(0), item(1)]]], skeletons: 2)
    }

    /// A section over `true` pushes nothing, so `{{.}}` in it prints the enclosing mapping.
    @Test func anItemPrintedInsideASectionOverTrue() throws {
        try expectBothWays(
            ["Main": "{{%CONTENT_TYPE: TEXT}}\n{{#flag}}{{.}}{{/flag}}{{name}}\n"],
            [["flag": true, "name": "X"], ["flag": false, "name": "Y"]], skeletons: 1)
    }

    /// Carriage returns can join a following newline into one Character, which partial indentation looks at.
    @Test func carriageReturnsAreLeftToMustache() throws {
        let sources = ["Main": "{{%CONTENT_TYPE: TEXT}}\n  {{>P}}\n", "P": "{{%CONTENT_TYPE: TEXT}}\n{{{a}}}\nx\n"]
        try expectBothWays(sources, [["a": "q\r"], ["a": "q\r\n"], ["a": "q"], ["a": "p\rq"], ["a": "p\r\nq\n"]], skeletons: 2)
        #expect(TemplateScan(sources: ["A": "{{%CONTENT_TYPE: TEXT}}\r\n{{a}}\r\n"]) == nil)
    }

    @Test func theScanReadsTagNames() throws {
        let scan = try #require(
            TemplateScan(sources: [
                "A": "{{%CONTENT_TYPE: TEXT}}{{! a comment }}{{#one}}{{two.three}}{{.}}{{/one}}{{{four}}}{{&five}}{{^six}}{{seven}}{{/six}}{{> Part }}"
            ]))
        #expect(scan.mentioned == ["one", "two", "three", "four", "five", "six", "seven"])
        #expect(scan.printed == ["three", "four", "five", "seven"])
        #expect(scan.printsItemIn == ["one"])
        // Names may have newlines around them.
        let spaced = try #require(TemplateScan(sources: ["A": "<{{name\n}}><{{#\nflag}}S{{/flag\n}}>"]))
        #expect(spaced.mentioned == ["name", "flag"])
        #expect(spaced.printed == ["name"])
        #expect(!scan.printsItemAnywhere)
        for anywhere in ["{{.}}", "{{^list}}{{.}}{{/list}}"] {
            #expect(TemplateScan(sources: ["A": anywhere])?.printsItemAnywhere == true, "\(anywhere)")
        }
        for unsupported in [
            "{{=<% %>=}}", "{{>*dynamic}}", "{{$block}}x{{/block}}", "{{<parent}}{{/parent}}", "{{%CONTENT_TYPE: HTML}}",
            "{{lowercased(name)}}", "{{unclosed", "{{#.}}{{/.}}", "{{/closed}}", "{{#open}}", "\u{E000}",
            "{{>\n*dynamic}}",
        ] {
            #expect(TemplateScan(sources: ["A": unsupported]) == nil, "\(unsupported)")
        }
    }
}
