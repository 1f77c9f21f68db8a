import ArgumentParser
import ForgeGenerator
import Foundation

@main
struct OpenAPIForge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi-forge",
        abstract: "Generates a Swift library from OpenAPI 3.0/3.1 documents.",
        version: "0.1.0",
        subcommands: [Generate.self, Templates.self],
        defaultSubcommand: Generate.self
    )

    /// Exit codes: 0 success, 1 errors in the input, 2 usage errors (argument-parser's default is 64).
    static func main() {
        // Before parsing the arguments: that alone takes a few milliseconds, which a restart would pay twice, and
        // which the parse of a large spec need not wait for.
        if let root = LargeInput.find(in: Array(CommandLine.arguments.dropFirst())) {
            MallocTuning.restart()
            LargeInput.prefetch = SpecPrefetch(path: SpecPath.normalize(root) ?? root)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(fullMessage(for: error))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate Swift from an OpenAPI document and the files it references.",
        discussion: """
            Diagnostics are printed as path:line:column: error|warning: message, like the Swift compiler's.
            Exit status: 0 success, 1 errors in the input or stale output (--check), 2 usage errors.

            Examples:
              openapi-forge generate spec/openapi.yaml --output Generated
              openapi-forge generate spec/openapi.yaml --config spec/openapi-forge.yaml --output Generated
              openapi-forge generate spec/openapi.yaml --output Generated --check
              openapi-forge generate spec/openapi.yaml --dump-ir > ir.json
              openapi-forge generate Sources/MyAPI/spec --output Sources/MyAPI/Generated
              openapi-forge templates cat Struct > MyTemplates/Struct.mustache
            """
    )

    @Argument(
        help: "The root OpenAPI document (YAML or JSON), or a folder holding openapi.yaml (and openapi-forge.yaml).")
    var input: String

    @Option(name: .shortAndLong, help: "The folder to write Swift files to.")
    var output: String?

    @Option(help: "A folder of .mustache files that override built-in templates of the same name.")
    var templates: String?

    @Option(help: "A configuration file (YAML): client name, API key variable, operation naming, access level.")
    var config: String?

    @Option(help: "Access level of generated declarations: public, package or internal (overrides the configuration).")
    var accessModifier: String?

    @Flag(help: "Print the translated intermediate representation as JSON to stdout.")
    var dumpIR = false

    @Flag(help: "Write nothing; exit 1 if the output folder differs from what would be generated.")
    var check = false

    @Flag(help: "List what would be written or removed, without writing.")
    var dryRun = false

    @Flag(name: .shortAndLong, help: "Print only diagnostics.")
    var quiet = false

    @Flag(help: "Print the wall time of each stage (load, translate, render, write) to stderr.")
    var timings = false

    @Option(help: "The Swift module the output is compiled into (named in the generated header).")
    var moduleName: String?

    @Flag(help: "Always write the same 29 files (API, Client, Types+A…Z, Types+Other), for build-tool plugins.")
    var fixedFileSet = false

    func validate() throws {
        guard accessModifier.map({ RenderOptions.AccessModifier(rawValue: $0) != nil }) ?? true else {
            throw ValidationError("--access-modifier must be public, package or internal")
        }
        if output == nil && !dumpIR {
            throw ValidationError("--output is required unless --dump-ir is given")
        }
        if check && dryRun {
            throw ValidationError("--check and --dry-run cannot be combined")
        }
    }

    func run() throws {
        let start = Date()
        let mode: GenerateRequest.Mode = check ? .check : (dryRun || output == nil) ? .dryRun : .write
        let request = GenerateRequest(
            input: input, output: output ?? FileManager.default.temporaryDirectory.path + "/openapi-forge-dump",
            templatesFolder: templates, configFile: config,
            accessModifier: accessModifier.flatMap(RenderOptions.AccessModifier.init(rawValue:)), mode: mode,
            fixedFileSet: fixedFileSet, moduleName: moduleName)
        let result = generate(request, prefetch: LargeInput.prefetch)
        for diagnostic in result.diagnostics {
            printError(diagnostic.description)
        }
        if timings {
            printError("timings: " + result.timings.map(\.description).joined(separator: ", "))
        }
        if dumpIR, let module = result.module {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(module))
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
        if let summary = result.summary, output != nil {
            if mode != .write {
                for path in summary.written { printError("would write \(path)") }
                for path in summary.removed { printError("would remove \(path)") }
            } else if !quiet {
                let elapsed = String(format: "%.2f", Date().timeIntervalSince(start))
                printError("\(output!): \(summary) in \(elapsed) s")
            }
        }
        // Exit here rather than return: returning would first free the document, the IR and the output (for the
        // whole OpenAI spec, a tenth of the run, much of it handing pages back to the kernel one trim at a time).
        // The process is about to end, so like a compiler driver we leave that to the kernel.
        Foundation.exit(result.failed ? 1 : 0)
    }
}

struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the built-in templates, to start a custom one (pass its folder with --templates).",
        subcommands: [List.self, Cat.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the built-in template names.")

        func run() {
            for name in TemplateSet.builtin.sources.keys.sorted() { print(name) }
        }
    }

    struct Cat: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a built-in template.")

        @Argument(help: "The template's name (see `templates list`).")
        var name: String

        func validate() throws {
            guard TemplateSet.builtin.sources[name] != nil else {
                throw ValidationError(
                    "no template '\(name)'; known: \(TemplateSet.builtin.sources.keys.sorted().joined(separator: ", "))")
            }
        }

        func run() {
            print(TemplateSet.builtin.sources[name]!, terminator: "")
        }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// A run allocates a large model in many small pieces and keeps all of it until it exits (see `DeferredRelease`).
/// With glibc's defaults the kernel then takes a page fault for every fresh 4 KiB page: for the whole OpenAI spec,
/// about 13,000 faults and 40 ms of system time, a tenth of the CPU of a run. Asking glibc to grow its heaps 32 MiB at
/// a time and to back them with transparent huge pages where the system allows (`madvise` mode) takes that to about
/// 1,000 faults. glibc reads these settings only when a process starts, so for a large input the tool starts itself
/// again, once, with them (a small one would lose more to the restart than it gains).
///
/// The restart is decided before the arguments are parsed (parsing them takes a few milliseconds, which a restart would
/// pay twice), for the input ``LargeInput`` finds.
///
/// A `GLIBC_TUNABLES` that already names `glibc.malloc.hugetlb` is left alone (`glibc.malloc.hugetlb=0` turns this
/// off, for instance under a profiler that does not follow the restart), as is a `glibc.malloc.top_pad` it sets. A
/// setuid or setgid process, whose environment glibc filters, is not restarted, nor is a build on another C library;
/// `OPENAPI_FORGE_RESTARTED` marks the restarted process, so it never restarts twice. If the restart fails, the run
/// goes on as it is.
enum MallocTuning {
    /// Set for the restarted process.
    static let marker = "OPENAPI_FORGE_RESTARTED"

    /// Restarts the process with the settings above, unless it is the restarted one or the settings cannot apply;
    /// returns if it does not restart.
    static func restart() {
        #if canImport(Glibc)
        let current = getenv("GLIBC_TUNABLES").map { String(cString: $0) } ?? ""
        // Once only: the marker stays even where glibc filters the environment of a secure-execution process.
        guard !current.contains("glibc.malloc.hugetlb"), getenv(marker) == nil, getuid() == geteuid(),
            getgid() == getegid()
        else { return }
        // The executable's own path: under an emulator such as valgrind, /proc/self/exe is the emulator.
        var path = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &path, Int(PATH_MAX))
        guard length > 0 else { return }
        var tunables = ["glibc.malloc.hugetlb=1"]
        if !current.contains("glibc.malloc.top_pad") { tunables.append("glibc.malloc.top_pad=33554432") }
        if !current.isEmpty { tunables.insert(current, at: 0) }
        setenv("GLIBC_TUNABLES", tunables.joined(separator: ":"), 1)
        setenv(marker, "1", 1)
        execv(path, CommandLine.unsafeArgv)
        // Still here: the restart failed.
        if current.isEmpty { unsetenv("GLIBC_TUNABLES") } else { setenv("GLIBC_TUNABLES", current, 1) }
        unsetenv(marker)
        #endif
    }
}

/// The root document of a `generate` command, found before the arguments are parsed when it is large enough to be
/// worth a restart (see ``MallocTuning``) and a parse started at once (see ``SpecPrefetch``).
///
/// Any argument of `generate` that is not an option and names a large spec, or a folder with one, counts as the
/// input. An option's value taken so (a folder for `--output`, say) names no spec; at worst a run restarts when it need
/// not, or parses a file it does not use, which changes nothing but its speed.
enum LargeInput {
    /// Inputs from this size on count.
    static let threshold = 512 * 1024

    /// The parse started for the input; set once, before the arguments are parsed.
    nonisolated(unsafe) static var prefetch: SpecPrefetch?

    /// The path of the first large root document among `arguments` (as a folder input resolves), if any.
    static func find(in arguments: [String]) -> String? {
        var arguments = arguments[...]
        if arguments.first == "generate" {
            arguments = arguments.dropFirst()
        } else if arguments.first == "templates" || arguments.first == "help" {
            return nil
        }
        var optionsEnded = false
        for argument in arguments {
            if !optionsEnded && argument == "--" {
                optionsEnded = true
                continue
            }
            guard optionsEnded || !argument.hasPrefix("-") else { continue }
            let root = GenerateRequest(input: argument, output: "").resolvingFolderInput().input
            var status = stat()
            if stat(root, &status) == 0 && status.st_mode & S_IFMT == S_IFREG && Int(status.st_size) >= threshold {
                return root
            }
        }
        return nil
    }
}
