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
        var status = stat()
        guard stat(path, &status) == 0 else { throw ReadError(description: "no such file") }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw ReadError(description: "it is a folder, not a file") }
        let size = Int(status.st_size)
        guard size <= maxFileSize else {
            throw ReadError(description: "the file is \(size >> 20) MiB; the limit is \(maxFileSize >> 20) MiB")
        }
        // Read straight into the array: for the whole OpenAI spec (3 MB) a Data and a copy of it had cost a
        // millisecond before anything else could start.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(description: "permission denied or unreadable") }
        defer { close(descriptor) }
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            let read = Self.read(descriptor, into: UnsafeMutableRawBufferPointer(buffer))
            failed = read == nil
            count = read ?? 0
        }
        // Whatever the file holds beyond the size it had (it grew, or it is not a regular file).
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while !failed {
            guard let read = chunk.withUnsafeMutableBytes({ Self.read(descriptor, into: $0) }) else {
                failed = true
                break
            }
            bytes += chunk[..<read]
            guard bytes.count <= maxFileSize else {
                throw ReadError(description: "the file is \(bytes.count >> 20) MiB; the limit is \(maxFileSize >> 20) MiB")
            }
            if read < chunk.count { break }  // the end of the file
        }
        guard !failed else { throw ReadError(description: "permission denied or unreadable") }
        return bytes
    }

    /// Reads from `descriptor` until `buffer` is full or the file ends; the number of bytes read, or `nil` on an
    /// error.
    private static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        var count = 0
        while count < buffer.count {
            let read = Foundation.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            if read > 0 {
                count += read
            } else if read == 0 {
                break
            } else if errno != EINTR {
                return nil
            }
        }
        return count
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
