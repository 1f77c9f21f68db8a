import Foundation

/// A large root document read and parsed from the moment the command-line tool starts, while it goes on parsing its
/// arguments and reading its configuration: those take a few milliseconds that libyaml, which bounds the parse (the
/// longest stage that cannot be shared between cores), need not wait for (see ``PendingParse``).
///
/// It is a guess made before the arguments are parsed: the loader takes the tree only for the same path, parsed with
/// the same limits, and otherwise reads and parses the file itself, so a wrong guess costs time, never a different
/// result. Nothing is reported from here: an error the parse meets is reported by the loader when it takes the
/// result, exactly as if it had parsed the file then, and a file that cannot be read here is read (and its error
/// reported) by the loader.
public final class SpecPrefetch: Sendable {
    private let pending: PendingParse

    /// The path being parsed.
    public var path: String { pending.file }

    /// Starts reading and parsing `path` (as the loader will name it: see ``SpecPath/normalize(_:)``).
    public init(path: String, limits: YAMLLimits = .default) {
        pending = PendingParse(file: path, limits: limits) { try? FileSystemSpecReader().read(path) }
    }

    /// The parse of `path` with `limits` if it is the one started, once only; `nil` otherwise, or if the file could
    /// not be read.
    func parsed(_ path: String, limits: YAMLLimits) -> Result<YAMLNode, YAMLError>? {
        guard path == pending.file, limits == pending.limits else { return nil }
        return pending.finish()
    }
}

/// Reads from the file system, taking a prefetched parse where there is one.
struct PrefetchingSpecReader: SpecFileReader {
    let prefetch: SpecPrefetch?

    func read(_ path: String) throws -> [UInt8] {
        try FileSystemSpecReader().read(path)
    }

    func parsed(_ path: String, limits: YAMLLimits) -> Result<YAMLNode, YAMLError>? {
        prefetch?.parsed(path, limits: limits)
    }
}
