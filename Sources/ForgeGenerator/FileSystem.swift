import Foundation

/// Reads spec files from disk, refusing files too large to be a sane API description.
public struct FileSystemSpecReader: SpecFileReader {
    public var maxFileSize: Int

    public init(maxFileSize: Int = 32 << 20) {
        self.maxFileSize = maxFileSize
    }

    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    public func read(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(description: "no such file")
        }
        guard !isDirectory.boolValue else { throw ReadError(description: "it is a folder, not a file") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxFileSize else {
            throw ReadError(description: "the file is \(size >> 20) MiB; the limit is \(maxFileSize >> 20) MiB")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(description: "permission denied or unreadable")
        }
        return [UInt8](data)
    }
}

/// Loads `*.mustache` files of a folder, by name, to override built-in templates.
public func loadTemplateOverrides(from folder: String) throws -> [String: String] {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mustache") }
    var result: [String: String] = [:]
    for name in names.sorted() {
        let path = (folder as NSString).appendingPathComponent(name)
        result[String(name.dropLast(".mustache".count))] = try String(contentsOfFile: path, encoding: .utf8)
    }
    return result
}
