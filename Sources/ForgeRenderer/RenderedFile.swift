/// One output file: a path relative to the output folder, and its full text.
public struct RenderedFile: Equatable, Sendable {
    public var path: String
    /// The text as UTF-8, as it is written.
    public var bytes: [UInt8]

    /// The text.
    public var contents: String {
        get { String(decoding: bytes, as: UTF8.self) }
        set { bytes = Array(newValue.utf8) }
    }

    public init(path: String, contents: String) {
        self.path = path
        self.bytes = Array(contents.utf8)
    }

    /// A file whose text is `bytes`, which must be UTF-8.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}
