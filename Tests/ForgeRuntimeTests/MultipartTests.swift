import Foundation
import Testing

@testable import ForgeRuntime

/// A request body encoded the way generated code encodes: string-literal keys, `encodeIfPresent` for optionals,
/// `encodeNullable` for a required nullable property.
struct TranscriptionRequest: Encodable {
    var file: FileUpload
    var model: String
    var language: String?
    var prompt: String?
    var temperature: Double?
    var timestampGranularities: [String]?
    var stream: Bool
    var n: Int
    var metadata: [String: JSONValue]?
    var raw: Data?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        try container.encode(file, forKey: "file")
        try container.encode(model, forKey: "model")
        try container.encodeIfPresent(language, forKey: "language")
        try container.encodeNullable(prompt, forKey: "prompt")
        try container.encodeIfPresent(temperature, forKey: "temperature")
        try container.encodeIfPresent(timestampGranularities, forKey: "timestamp_granularities[]")
        try container.encode(stream, forKey: "stream")
        try container.encode(n, forKey: "n")
        try container.encodeIfPresent(metadata, forKey: "metadata")
        try container.encodeIfPresent(raw, forKey: "raw")
    }
}

/// A part as an independent reader sees it.
struct ParsedPart: Equatable, CustomStringConvertible {
    var name: String
    var filename: String?
    var contentType: String?
    var body: Data

    var description: String {
        "\(name) \(filename ?? "-") \(contentType ?? "-") \(String(decoding: body, as: UTF8.self).debugDescription)"
    }
}

/// Splits a multipart body at its delimiters and reads each part's headers: no code shared with the encoder.
func parseMultipart(_ body: Data, boundary: String) throws -> [ParsedPart] {
    struct Malformed: Error { var what: String }
    let bytes = [UInt8](body)
    let first = Array("--\(boundary)\r\n".utf8)
    let delimiter = Array("\r\n--\(boundary)".utf8)
    guard bytes.starts(with: first) else { throw Malformed(what: "no opening delimiter") }
    func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if Array(bytes[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }
    var parts: [ParsedPart] = []
    var position = first.count
    while true {
        guard let end = find(delimiter, from: position) else { throw Malformed(what: "unterminated part") }
        let section = Array(bytes[position..<end])
        let blankLine = Array("\r\n\r\n".utf8)
        guard let split = (0...max(0, section.count - 4)).first(where: { Array(section[$0..<$0 + 4]) == blankLine }) else {
            throw Malformed(what: "no blank line after headers")
        }
        let headerLines = String(decoding: section[..<split], as: UTF8.self).components(separatedBy: "\r\n")
        var part = ParsedPart(name: "", body: Data(section[(split + 4)...]))
        for line in headerLines {
            let pieces = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2 else { throw Malformed(what: "bad header \(line)") }
            switch pieces[0].lowercased() {
            case "content-disposition":
                let parameters = pieces[1].components(separatedBy: "; ")
                guard parameters.first == "form-data" else { throw Malformed(what: "not form-data: \(line)") }
                for parameter in parameters.dropFirst() {
                    let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
                    guard pair.count == 2, pair[1].hasPrefix("\""), pair[1].hasSuffix("\""), pair[1].count >= 2 else {
                        throw Malformed(what: "bad parameter \(parameter)")
                    }
                    let value = String(pair[1].dropFirst().dropLast())
                    guard !value.contains("\"") else { throw Malformed(what: "unescaped quote in \(parameter)") }
                    if pair[0] == "name" { part.name = value } else if pair[0] == "filename" { part.filename = value }
                }
            case "content-type":
                part.contentType = pieces[1]
            default:
                throw Malformed(what: "unexpected header \(line)")
            }
        }
        parts.append(part)
        position = end + delimiter.count
        let rest = Array(bytes[position...])
        if rest == Array("--\r\n".utf8) { return parts }
        guard rest.starts(with: Array("\r\n".utf8)) else { throw Malformed(what: "junk after delimiter") }
        position += 2
    }
}

@Suite struct MultipartTests {
    let audio = Data([0x49, 0x44, 0x33, 0x00, 0xFF, 0x0D, 0x0A, 0x2D, 0x2D])

    var sample: TranscriptionRequest {
        TranscriptionRequest(
            file: FileUpload(data: audio, filename: "speech.mp3", contentType: "audio/mpeg"), model: "whisper-1",
            language: nil, prompt: nil, temperature: 0.2, timestampGranularities: ["word", "segment"], stream: false,
            n: 3, metadata: ["b": 1, "a": "x", "c": ["d": .null]], raw: Data([1, 2, 3]))
    }

    @Test func theBodyIsByteExactForAKnownBoundary() throws {
        var request = APIRequest(method: "POST", path: "/audio/transcriptions")
        try request.multipartBody(sample, boundary: "XyZ")
        var expected = Data()
        func text(_ string: String) { expected += Data(string.utf8) }
        text("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"speech.mp3\"\r\n")
        text("Content-Type: audio/mpeg\r\n\r\n")
        expected += audio
        text("\r\n--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n")
        text("--XyZ\r\nContent-Disposition: form-data; name=\"temperature\"\r\n\r\n0.2\r\n")
        text("--XyZ\r\nContent-Disposition: form-data; name=\"timestamp_granularities[]\"\r\n\r\nword\r\n")
        text("--XyZ\r\nContent-Disposition: form-data; name=\"timestamp_granularities[]\"\r\n\r\nsegment\r\n")
        text("--XyZ\r\nContent-Disposition: form-data; name=\"stream\"\r\n\r\nfalse\r\n")
        text("--XyZ\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n3\r\n")
        text("--XyZ\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n")
        text(#"{"a":"x","b":1,"c":{"d":null}}"#)
        text("\r\n--XyZ\r\nContent-Disposition: form-data; name=\"raw\"; filename=\"raw\"\r\n")
        text("Content-Type: application/octet-stream\r\n\r\n")
        expected += Data([1, 2, 3])
        text("\r\n--XyZ--\r\n")
        #expect(request.contentType == "multipart/form-data; boundary=XyZ")
        #expect(request.body == expected, "\(String(decoding: request.body ?? Data(), as: UTF8.self).debugDescription)")
    }

    @Test func anIndependentParserReadsBackEveryPart() throws {
        var request = APIRequest(method: "POST", path: "/audio/transcriptions")
        try request.multipartBody(sample)
        let contentType = try #require(request.contentType)
        let prefix = "multipart/form-data; boundary="
        #expect(contentType.hasPrefix(prefix))
        let boundary = String(contentType.dropFirst(prefix.count))
        #expect(boundary.wholeMatch(of: /forge-[0-9a-f]{32}/) != nil, "boundary \(boundary)")
        let parts = try parseMultipart(try #require(request.body), boundary: boundary)
        let expected = [
            ParsedPart(name: "file", filename: "speech.mp3", contentType: "audio/mpeg", body: audio),
            ParsedPart(name: "model", body: Data("whisper-1".utf8)),
            ParsedPart(name: "temperature", body: Data("0.2".utf8)),
            ParsedPart(name: "timestamp_granularities[]", body: Data("word".utf8)),
            ParsedPart(name: "timestamp_granularities[]", body: Data("segment".utf8)),
            ParsedPart(name: "stream", body: Data("false".utf8)),
            ParsedPart(name: "n", body: Data("3".utf8)),
            ParsedPart(
                name: "metadata", contentType: "application/json", body: Data(#"{"a":"x","b":1,"c":{"d":null}}"#.utf8)),
            ParsedPart(name: "raw", filename: "raw", contentType: "application/octet-stream", body: Data([1, 2, 3])),
        ]
        #expect(parts == expected)

        var again = APIRequest(method: "POST", path: "/x")
        try again.multipartBody(sample)
        #expect(again.contentType != request.contentType, "the boundary is random")
    }

    @Test func nilPropertiesSendNoPart() throws {
        struct Options: Encodable {
            var model: String?
            var user: String?
            var tags: [String]?
        }
        var request = APIRequest(method: "POST", path: "/x")
        try request.multipartBody(Options(model: nil, user: "u", tags: nil), boundary: "b")
        #expect(request.body == Data("--b\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\nu\r\n--b--\r\n".utf8))
        try request.multipartBody(Options(), boundary: "b")
        #expect(request.body == Data("--b--\r\n".utf8))
        // An explicit null (`encodeNullable`) sends nothing too; so does a null array element.
        var generated = sample
        generated.raw = nil
        generated.metadata = nil
        generated.timestampGranularities = nil
        try request.multipartBody(generated, boundary: "b")
        let parts = try parseMultipart(try #require(request.body), boundary: "b")
        #expect(parts.map(\.name) == ["file", "model", "temperature", "stream", "n"])
        struct Sparse: Encodable { var ids: [Int?] }
        try request.multipartBody(Sparse(ids: [1, nil, 3]), boundary: "b")
        let bodies = try parseMultipart(try #require(request.body), boundary: "b").map(\.body)
        #expect(bodies == [Data("1".utf8), Data("3".utf8)])
    }

    @Test func namesAndFilenamesAreEscaped() throws {
        struct Odd: Encodable {
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: AnyCodingKey.self)
                try container.encode("v", forKey: "a\"b\r\nc")
                try container.encode(
                    FileUpload(data: Data("x".utf8), filename: "my \"best\"\nfile.txt", contentType: "text/plain"),
                    forKey: "up")
                try container.encode(FileUpload(data: Data(), filename: "résumé 😀.pdf"), forKey: "cv")
            }
        }
        var request = APIRequest(method: "POST", path: "/x")
        try request.multipartBody(Odd(), boundary: "b")
        let expected =
            "--b\r\nContent-Disposition: form-data; name=\"a%22b%0D%0Ac\"\r\n\r\nv\r\n"
            + "--b\r\nContent-Disposition: form-data; name=\"up\"; filename=\"my %22best%22%0Afile.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\nx\r\n"
            + "--b\r\nContent-Disposition: form-data; name=\"cv\"; filename=\"résumé 😀.pdf\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n\r\n--b--\r\n"
        #expect(String(decoding: try #require(request.body), as: UTF8.self) == expected)
    }

    @Test func arraysOfFilesRepeatTheNameAndArraysOfObjectsAreOneJSONPart() throws {
        struct Batch: Encodable {
            var files: [FileUpload]
            var messages: [JSONValue]
            var matrix: [[Int]]
            var flags: [Bool]
            var sizes: [Float]
        }
        let value = Batch(
            files: [
                FileUpload(data: Data("1".utf8), filename: "a.txt", contentType: "text/plain"),
                FileUpload(data: Data("2".utf8), filename: "b.bin"),
            ],
            messages: [["role": "user"], "hi"], matrix: [[1, 2], [3]], flags: [true, false], sizes: [0.1, 2])
        var request = APIRequest(method: "POST", path: "/x")
        try request.multipartBody(value, boundary: "b")
        let parts = try parseMultipart(try #require(request.body), boundary: "b")
        #expect(
            parts == [
                ParsedPart(name: "files", filename: "a.txt", contentType: "text/plain", body: Data("1".utf8)),
                ParsedPart(name: "files", filename: "b.bin", contentType: "application/octet-stream", body: Data("2".utf8)),
                ParsedPart(name: "messages", contentType: "application/json", body: Data(#"[{"role":"user"},"hi"]"#.utf8)),
                ParsedPart(name: "matrix", contentType: "application/json", body: Data("[[1,2],[3]]".utf8)),
                ParsedPart(name: "flags", body: Data("true".utf8)),
                ParsedPart(name: "flags", body: Data("false".utf8)),
                ParsedPart(name: "sizes", body: Data("0.1".utf8)),
                ParsedPart(name: "sizes", body: Data("2".utf8)),
            ])
    }

    @Test func aFileInsideANestedObjectIsBase64InItsJSONPart() throws {
        struct Wrapper: Encodable { var attachment: [String: FileUpload] }
        var request = APIRequest(method: "POST", path: "/x")
        let value = Wrapper(attachment: ["f": FileUpload(data: Data("hi".utf8), filename: "x")])
        try request.multipartBody(value, boundary: "b")
        let parts = try parseMultipart(try #require(request.body), boundary: "b")
        #expect(
            parts == [ParsedPart(name: "attachment", contentType: "application/json", body: Data(#"{"f":"aGk="}"#.utf8))])
    }

    @Test func invalidBodiesThrow() throws {
        var request = APIRequest(method: "POST", path: "/x")
        #expect(throws: EncodingError.self) { try request.multipartBody(["a", "b"]) }
        #expect(throws: EncodingError.self) { try request.multipartBody("text") }
        struct Injected: Encodable { var file: FileUpload }
        let bad = FileUpload(data: Data(), filename: "f", contentType: "text/plain\r\nX-Evil: 1")
        #expect(throws: EncodingError.self) { try request.multipartBody(Injected(file: bad)) }
        struct NotANumber: Encodable { var value: Double }
        #expect(throws: EncodingError.self) { try request.multipartBody(NotANumber(value: .nan)) }
        #expect(request.body == nil && request.contentType == nil, "a failed encoding leaves the request as it was")
    }
}

@Suite struct FileUploadTests {
    @Test func otherEncodersWriteBase64AndDecodingReadsItBack() throws {
        let file = FileUpload(data: Data([0, 1, 2, 250]), filename: "a.bin", contentType: "application/x-thing")
        let json = try JSONEncoder().encode(["file": file])
        #expect(String(decoding: json, as: UTF8.self) == #"{"file":"AAEC+g=="}"#)
        let decoded = try JSONDecoder().decode([String: FileUpload].self, from: json)
        #expect(decoded["file"] == FileUpload(data: Data([0, 1, 2, 250]), filename: "file", contentType: nil))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(FileUpload.self, from: Data(#""not base64!""#.utf8))
        }
    }

    @Test func aFormBodyWritesTheFileAsBase64() throws {
        var request = APIRequest(method: "POST", path: "/x")
        try request.formBody(["file": FileUpload(data: Data("hi".utf8), filename: "x")])
        #expect(request.body == Data("file=aGk%3D".utf8))
    }
}
