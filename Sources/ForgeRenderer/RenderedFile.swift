/// One output file: a path relative to the output folder, and its full text.
public struct RenderedFile: Equatable, Sendable {
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
