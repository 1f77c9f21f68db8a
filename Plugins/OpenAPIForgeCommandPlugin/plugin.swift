import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-openapi [--target NAME]… [--check]`
///
/// Regenerates Swift from OpenAPI documents IN PLACE, for code that is committed rather than made at build time:
///
/// - every selected source target whose folder holds `openapi.yaml` (or `.yml` / `.json`) is generated into its
///   `Generated/` subfolder, with `openapi-forge.yaml` and `openapi-forge-templates/` from the same folder when
///   present, and `--module-name` set to the target's name;
/// - a package laid out like openapi-forge itself, `spec/openapi.yaml` and a `Generated/` folder at the package
///   root, is generated into `Generated/` with `spec/openapi-forge.yaml` when present (exactly what
///   `scripts/generate` does, so the two agree byte for byte).
///
/// With no `--target`, every target and the root layout are considered; `--target NAME` selects targets (a target
/// whose folder is the root layout's `Generated/` selects the root layout). `--check` writes nothing and fails when
/// anything is stale. Paths are passed relative to the package, so generated headers do not name this machine.
/// A target that also applies OpenAPIForgeBuildPlugin should not be generated in place: it would get every type twice.
@main
struct OpenAPIForgeCommandPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let targetNames = extractor.extractOption(named: "target")
        let check = extractor.extractFlag(named: "check") > 0
        if !extractor.remainingArguments.isEmpty {
            throw PluginError(
                "unexpected arguments: \(extractor.remainingArguments.joined(separator: " "))\n"
                    + "usage: swift package --allow-writing-to-package-directory generate-openapi [--target NAME]... [--check]")
        }

        let package = context.package
        let packageDirectory = package.directoryURL.standardizedFileURL
        let rootLayout = RootLayout(packageDirectory)

        var jobs: [Job] = []
        let targets: [Target]
        if targetNames.isEmpty {
            targets = package.targets
        } else {
            targets = try package.targets(named: targetNames)
        }
        var usesRootLayout = targetNames.isEmpty && rootLayout != nil
        for target in targets {
            guard let module = target.sourceModule, let directory = directoryURL(of: target)?.standardizedFileURL else {
                continue
            }
            if let rootLayout, relative(directory, to: packageDirectory) == relative(rootLayout.output, to: packageDirectory) {
                usesRootLayout = true
                continue
            }
            guard let root = rootDocument(in: directory) else {
                if !targetNames.isEmpty {
                    throw PluginError("target '\(target.name)' has no openapi.yaml, openapi.yml or openapi.json in its folder")
                }
                continue
            }
            var job = Job(
                label: "target \(target.name)", root: root,
                output: directory.appending(path: "Generated", directoryHint: .isDirectory))
            job.config = existing(directory.appending(path: "openapi-forge.yaml", directoryHint: .notDirectory))
            job.templates = existingFolder(directory.appending(path: "openapi-forge-templates", directoryHint: .isDirectory))
            job.moduleName = module.moduleName
            jobs.append(job)
        }
        if usesRootLayout, let rootLayout {
            var job = Job(label: "spec/ → Generated/", root: rootLayout.root, output: rootLayout.output)
            job.config = rootLayout.config
            jobs.insert(job, at: 0)
        }
        if jobs.isEmpty {
            throw PluginError(
                "nothing to generate: no selected target holds openapi.yaml (or .yml/.json), "
                    + "and the package has no spec/openapi.yaml with a Generated/ folder")
        }

        let tool = try context.tool(named: "openapi-forge").url
        var failures: [String] = []
        for job in jobs {
            var arguments = ["generate", relative(job.root, to: packageDirectory), "--output", relative(job.output, to: packageDirectory)]
            if let config = job.config { arguments += ["--config", relative(config, to: packageDirectory)] }
            if let templates = job.templates { arguments += ["--templates", relative(templates, to: packageDirectory)] }
            if let moduleName = job.moduleName { arguments += ["--module-name", moduleName] }
            if check { arguments.append("--check") }
            let result = try run(tool, arguments, in: packageDirectory)
            // The tool writes its diagnostics (path:line:column: error: …) and summary to stderr: pass them on unchanged.
            let output = (result.stderr + result.stdout).trimmingCharacters(in: .whitespacesAndNewlines)
            if result.status == 0 {
                if check {
                    print("generate-openapi: \(job.label): \(relative(job.output, to: packageDirectory)) is up to date")
                } else {
                    print("generate-openapi: \(job.label): " + (output.isEmpty ? "done" : output))
                }
            } else {
                let what = check && result.status == 1
                    ? "\(relative(job.output, to: packageDirectory)) is stale or the spec has errors"
                    : "openapi-forge exited with status \(result.status)"
                // One message, so the tool's diagnostics stay under the line that introduces them.
                Diagnostics.error("generate-openapi: \(job.label): \(what)" + (output.isEmpty ? "" : ":\n" + output))
                failures.append(job.label)
            }
        }
        if !failures.isEmpty {
            throw PluginError(
                "generate-openapi failed for " + failures.joined(separator: ", ")
                    + (check ? " (run `swift package --allow-writing-to-package-directory generate-openapi` to update)" : ""))
        }
    }

    struct Job {
        var label: String
        var root: URL
        var output: URL
        var config: URL?
        var templates: URL?
        var moduleName: String?
    }

    /// `spec/openapi.yaml` and `Generated/` at the package root, as in openapi-forge's own repository.
    struct RootLayout {
        var root: URL
        var output: URL
        var config: URL?

        init?(_ packageDirectory: URL) {
            let spec = packageDirectory.appending(path: "spec", directoryHint: .isDirectory)
            guard let root = rootDocument(in: spec),
                let output = existingFolder(packageDirectory.appending(path: "Generated", directoryHint: .isDirectory))
            else { return nil }
            self.root = root
            self.output = output
            self.config = existing(spec.appending(path: "openapi-forge.yaml", directoryHint: .notDirectory))
        }
    }

    func run(_ tool: URL, _ arguments: [String], in directory: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read both pipes to the end before waiting, so a chatty tool cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}

/// `openapi.yaml`, `openapi.yml` or `openapi.json` directly in `directory`, the first that exists.
func rootDocument(in directory: URL) -> URL? {
    for name in ["openapi.yaml", "openapi.yml", "openapi.json"] {
        if let url = existing(directory.appending(path: name, directoryHint: .notDirectory)) { return url }
    }
    return nil
}

func existing(_ url: URL) -> URL? {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path(percentEncoded: false), isDirectory: &isDirectory)
        && !isDirectory.boolValue ? url : nil
}

func existingFolder(_ url: URL) -> URL? {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path(percentEncoded: false), isDirectory: &isDirectory)
        && isDirectory.boolValue ? url.standardizedFileURL : nil
}

/// `url`'s path relative to `base` when it lies inside it (no trailing slash), else its absolute path.
func relative(_ url: URL, to base: URL) -> String {
    var path = url.standardizedFileURL.path(percentEncoded: false)
    var prefix = base.standardizedFileURL.path(percentEncoded: false)
    if !prefix.hasSuffix("/") { prefix += "/" }
    if path.hasPrefix(prefix) { path.removeFirst(prefix.count) }
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    return path
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
