import Foundation
import PackagePlugin

/// Generates a target's Swift from the OpenAPI document inside it, at build time.
///
/// A source target that holds `openapi.yaml` (or `openapi.yml` / `openapi.json`) gets one build command:
///
///     openapi-forge generate <root> --output <work dir>/GeneratedSources --fixed-file-set --quiet
///         --module-name <target> [--config openapi-forge.yaml] [--templates openapi-forge-templates]
///
/// Its inputs are every `*.yaml`, `*.yml` and `*.json` file anywhere in the target's folder (the root, its
/// fragments and the configuration), plus each `*.mustache` file in `openapi-forge-templates/`; so editing any of
/// them regenerates, and a build with nothing changed does not run the generator. Its outputs are the generator's
/// fixed set of 29 files (`API.swift`, `Client.swift`, `Types+A.swift` … `Types+Z.swift`, `Types+Other.swift`),
/// which SwiftPM compiles into the target. Targets without a root document get no command.
///
/// The folder is read directly, so spec files a manifest lists under `exclude:` are still found and tracked.
/// Files a document `$ref`s from outside the target folder are read but not tracked: keep fragments inside.
@main
struct OpenAPIForgeBuildPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let module = target.sourceModule, let directory = directoryURL(of: target) else { return [] }
        guard let inputs = try SpecFolder(directory) else { return [] }
        let outputDirectory = context.pluginWorkDirectoryURL.appending(path: "GeneratedSources", directoryHint: .isDirectory)
        var arguments = [
            "generate", inputs.root.path(percentEncoded: false),
            "--output", outputDirectory.path(percentEncoded: false),
            "--fixed-file-set", "--quiet",
            "--module-name", module.moduleName,
        ]
        if let config = inputs.config {
            arguments += ["--config", config.path(percentEncoded: false)]
        }
        if let templates = inputs.templatesFolder {
            arguments += ["--templates", templates.path(percentEncoded: false)]
        }
        return [
            .buildCommand(
                displayName: "Generating Swift for \(module.name) from \(inputs.root.lastPathComponent) with openapi-forge",
                executable: try context.tool(named: "openapi-forge").url,
                arguments: arguments,
                inputFiles: inputs.specFiles + inputs.templateFiles,
                outputFiles: SpecFolder.fixedFileSet.map { outputDirectory.appending(path: $0, directoryHint: .notDirectory) }
            )
        ]
    }
}

/// What the plugin reads from one target folder.
struct SpecFolder {
    static let rootNames = ["openapi.yaml", "openapi.yml", "openapi.json"]
    static let configName = "openapi-forge.yaml"
    static let templatesFolderName = "openapi-forge-templates"
    static let specExtensions: Set<String> = ["yaml", "yml", "json"]
    /// What `openapi-forge generate --fixed-file-set` always writes, whatever the spec holds.
    static let fixedFileSet: [String] =
        ["API.swift", "Client.swift"]
        + (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { "Types+\(Character(Unicode.Scalar($0))).swift" }
        + ["Types+Other.swift"]

    var root: URL
    var config: URL?
    var templatesFolder: URL?
    /// Every spec-like file in the folder, the root and the configuration included, sorted.
    var specFiles: [URL]
    var templateFiles: [URL]

    /// `nil` when the folder has no root document at its top level.
    init?(_ directory: URL) throws {
        let fileManager = FileManager.default
        let roots = Self.rootNames.map { directory.appending(path: $0, directoryHint: .notDirectory) }
            .filter { fileManager.fileExists(atPath: $0.path(percentEncoded: false)) }
        guard let root = roots.first else { return nil }
        if roots.count > 1 {
            throw PluginError(
                "\(directory.path(percentEncoded: false)) holds more than one root document ("
                    + roots.map(\.lastPathComponent).joined(separator: ", ") + "); keep one")
        }
        self.root = root
        let config = directory.appending(path: Self.configName, directoryHint: .notDirectory)
        self.config = fileManager.fileExists(atPath: config.path(percentEncoded: false)) ? config : nil
        let templates = directory.appending(path: Self.templatesFolderName, directoryHint: .isDirectory)
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: templates.path(percentEncoded: false), isDirectory: &isDirectory),
            isDirectory.boolValue
        {
            self.templatesFolder = templates
            self.templateFiles = Self.files(in: templates) { $0.pathExtension == "mustache" }
        } else {
            self.templatesFolder = nil
            self.templateFiles = []
        }
        self.specFiles = Self.files(in: directory) { Self.specExtensions.contains($0.pathExtension.lowercased()) }
    }

    /// Regular files under `directory` (hidden files and folders skipped) that `include` accepts, sorted by path.
    static func files(in directory: URL, where include: (URL) -> Bool) -> [URL] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: directory, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var result: [URL] = []
        for case let url as URL in enumerator {
            guard include(url), (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else {
                continue
            }
            result.append(url)
        }
        return result.sorted { $0.path(percentEncoded: false) < $1.path(percentEncoded: false) }
    }
}

/// The target's folder. (`Target.directoryURL` needs a 6.1 manifest; the concrete module types have it in 6.0.)
func directoryURL(of target: Target) -> URL? {
    switch target {
    case let target as SwiftSourceModuleTarget: target.directoryURL
    case let target as ClangSourceModuleTarget: target.directoryURL
    default: nil
    }
}

struct PluginError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
