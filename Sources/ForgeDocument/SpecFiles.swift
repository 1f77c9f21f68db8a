import ForgeYAML

/// Where the loader reads spec files from. The CLI passes the file system; tests pass files held in memory.
public protocol SpecFileReader {
    /// The bytes of `path` (a normalized path, `/`-separated, relative to the working directory or absolute).
    func read(_ path: String) throws -> [UInt8]

    /// `path` already parsed with `limits` (the command-line tool starts parsing a large spec while it reads its
    /// arguments), or `nil`: then the loader reads the file with ``read(_:)`` and parses it itself.
    func parsed(_ path: String, limits: YAMLLimits) -> Result<YAMLNode, YAMLError>?
}

extension SpecFileReader {
    public func parsed(_ path: String, limits: YAMLLimits) -> Result<YAMLNode, YAMLError>? { nil }
}

/// Spec files held in memory, keyed by path: the reader snippet tests use.
public struct InMemorySpecFiles: SpecFileReader {
    public var files: [String: String]

    public init(_ files: [String: String]) {
        self.files = files
    }

    public struct NotFound: Error, CustomStringConvertible {
        public var description: String { "no such file" }
    }

    public func read(_ path: String) throws -> [UInt8] {
        guard let text = files[path] else { throw NotFound() }
        return Array(text.utf8)
    }
}

/// Path arithmetic on `/`-separated paths, without touching the file system.
public enum SpecPath {
    /// The folder part of `path` (`""` for a bare file name).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// `relative` resolved against `directory`, with `.` and `..` folded. `nil` when `..` climbs above the start
    /// of a relative path.
    public static func join(_ directory: String, _ relative: String) -> String? {
        let combined = relative.hasPrefix("/") || directory.isEmpty ? relative : directory + "/" + relative
        return normalize(combined)
    }

    /// Folds `.` and `..` segments; keeps leading `..` of a relative path (returned as-is, so callers can refuse it).
    public static func normalize(_ path: String) -> String? {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if absolute {
                    return nil
                } else {
                    parts.append(part)
                }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : joined
    }

    /// Whether `path` lies inside `folder` (both normalized; `""` is the working directory).
    public static func isInside(_ path: String, folder: String) -> Bool {
        if folder.isEmpty { return !path.hasPrefix("/") && !path.hasPrefix("../") && path != ".." }
        return path.hasPrefix(folder + "/")
    }
}
