import Foundation

/// A file sent in a request body: what generated code uses for `format: binary` properties.
///
/// In a `multipart/form-data` body (``APIRequest/multipartBody(_:)``) it becomes a file part with its
/// `filename` and content type. Any other encoder (JSON, a form body) writes the data as a base64 string, and
/// decoding reads one back, named `file`.
public struct FileUpload: Codable, Hashable, Sendable {
    /// The file's bytes.
    public var data: Data
    /// The name the server sees (`filename=` of the part).
    public var filename: String
    /// The part's `Content-Type`; `nil` sends `application/octet-stream`.
    public var contentType: String?

    public init(data: Data, filename: String, contentType: String? = nil) {
        self.data = data
        self.filename = filename
        self.contentType = contentType
    }

    /// Reads a base64 string; the file is named `file` and has no content type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected base64-encoded file data.")
        }
        self.init(data: data, filename: "file")
    }

    /// Writes the file itself to the multipart encoder, and a base64 string of the data to any other encoder.
    public func encode(to encoder: any Encoder) throws {
        if let encoder = encoder as? FieldValueEncoder {
            encoder.node.set(.file(self))
            return
        }
        var container = encoder.singleValueContainer()
        try container.encode(data.base64EncodedString())
    }
}
