import ArgumentParser
import ForgeGenerator
import Foundation

@main
struct OpenAPIForge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi-forge",
        abstract: "Generates a Swift library from OpenAPI 3.0/3.1 documents.",
        version: "0.1.0",
        subcommands: [Generate.self],
        defaultSubcommand: Generate.self
    )
}

/// Exit codes: 0 success, 1 errors in the input (or a stale `--check`), 2 usage errors.
enum ExitStatus {
    static let inputErrors = ExitCode(1)
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate Swift from an OpenAPI document and the files it references.",
        discussion: """
            Diagnostics are printed as path:line:column: error|warning: message, like the Swift compiler's.
            Exit status: 0 success, 1 errors in the input or stale output (--check), 2 usage errors.

            Examples:
              openapi-forge generate spec/openapi.yaml --output Generated
              openapi-forge generate spec/openapi.yaml --output Generated --check
              openapi-forge generate spec/openapi.yaml --dump-ir > ir.json
            """
    )

    @Argument(help: "The root OpenAPI document (YAML or JSON).")
    var input: String

    @Option(name: .shortAndLong, help: "The folder to write Swift files to.")
    var output: String?

    @Option(help: "A folder of .mustache files that override built-in templates of the same name.")
    var templates: String?

    @Option(help: "Access level of generated declarations: public, package or internal.")
    var accessModifier: String = "public"

    @Flag(help: "Print the translated intermediate representation as JSON to stdout instead of writing files.")
    var dumpIR = false

    @Flag(help: "Write nothing; exit 1 if the output folder differs from what would be generated.")
    var check = false

    @Flag(help: "List what would be written or removed, without writing.")
    var dryRun = false

    @Flag(name: .shortAndLong, help: "Print only diagnostics.")
    var quiet = false

    func validate() throws {
        guard RenderOptions.AccessModifier(rawValue: accessModifier) != nil else {
            throw ValidationError("--access-modifier must be public, package or internal")
        }
        if output == nil && !dumpIR {
            throw ValidationError("--output is required unless --dump-ir is given")
        }
    }

    func run() throws {
        let start = Date()
        let diagnostics = DiagnosticCollector()
        var templateSet = TemplateSet.builtin
        if let templates {
            do {
                templateSet = try templateSet.overriding(with: loadTemplateOverrides(from: templates))
            } catch {
                printError("error: \(error)")
                throw ExitStatus.inputErrors
            }
        }
        let options = RenderOptions(accessModifier: RenderOptions.AccessModifier(rawValue: accessModifier)!, inputName: input)
        let result = Pipeline.run(
            root: input, reader: FileSystemSpecReader(), templates: templateSet, options: options,
            diagnostics: diagnostics)
        for diagnostic in diagnostics.diagnostics {
            printError(diagnostic.description)
        }
        guard let result else { throw ExitStatus.inputErrors }

        if dumpIR {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(result.module))
            FileHandle.standardOutput.write(Data("\n".utf8))
            if output == nil { return }
        }
        let writer = OutputWriter(folder: output!)
        if check || dryRun {
            let plan = try writer.plan(result.files)
            for path in plan.written { printError("would write \(path)") }
            for path in plan.removed { printError("would remove \(path)") }
            if check && !plan.isClean {
                printError("error: \(output!) is out of date with \(input); regenerate it")
                throw ExitStatus.inputErrors
            }
            return
        }
        let summary = try writer.write(result.files)
        if !quiet {
            let elapsed = String(format: "%.2f", Date().timeIntervalSince(start))
            printError("\(output!): \(summary) in \(elapsed) s")
        }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
