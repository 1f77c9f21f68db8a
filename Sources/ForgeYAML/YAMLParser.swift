import CYAML
import Foundation

/// A YAML or JSON syntax error, or a resource limit that the input exceeded.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    /// Printed the way the Swift compiler prints errors, so IDEs can jump to it.
    public var description: String { "\(location): error: \(message)" }
}

/// Limits that keep hostile input from exhausting memory or stack.
public struct YAMLLimits: Sendable, Equatable {
    /// Deepest nesting of sequences and mappings.
    public var maxDepth: Int
    /// Most nodes the document may hold once aliases are expanded (guards against "billion laughs").
    public var maxNodes: Int
    /// Most nodes that aliases may add, all uses together: an alias bomb far below ``maxNodes`` can still make
    /// everything after the parser do a thousand times the work the file's size suggests.
    public var maxAliasNodes: Int

    public init(maxDepth: Int = 512, maxNodes: Int = 10_000_000, maxAliasNodes: Int = 100_000) {
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxAliasNodes = maxAliasNodes
    }

    public static let `default` = YAMLLimits()
}

/// Parses YAML 1.1 / JSON text with libyaml's event API into a ``YAMLNode`` tree.
///
/// The builder is iterative (an explicit stack), so nesting depth is bounded by ``YAMLLimits/maxDepth``,
/// never by the thread's stack. For a large file, libyaml reads events on a second thread while this one builds
/// the tree from them (see ``Reading``); the result and any error are the same either way.
public enum YAMLParser {
    /// Where libyaml runs.
    public enum Reading: Sendable {
        /// On a second thread for inputs of at least ``pipelineThreshold`` bytes, else on the caller's.
        case automatic
        case sameThread
        case separateThread
    }

    /// Inputs at least this large are read on a second thread by ``Reading/automatic``.
    public static let pipelineThreshold = 256 * 1024

    /// Parses one document. `file` is only used in locations.
    public static func parse(
        _ bytes: [UInt8], file: String, limits: YAMLLimits = .default, reading: Reading = .automatic
    ) throws(YAMLError) -> YAMLNode {
        var builder = Builder(file: file, limits: limits, bytes: bytes)
        let pipelined =
            switch reading {
            case .automatic: bytes.count >= pipelineThreshold
            case .sameThread: false
            case .separateThread: true
            }
        if pipelined {
            let pipe = EventPipe(file: file, bytes: bytes)
            defer { pipe.stop() }
            return try build(from: pipe, with: &builder)
        }
        return try EventReader.reading(bytes, file: file) { (reader) throws(YAMLError) -> YAMLNode in
            var batch = RawBatch()  // one event at a time, decoded as the pipe decodes its batches
            return try builder.run { () throws(YAMLError) in
                batch.removeAll()
                _ = try reader.record(into: &batch)
                return batch.event(at: 0)
            }
        }
    }

    /// Builds the tree from the events `pipe` hands over.
    fileprivate static func build(from pipe: EventPipe, with builder: inout Builder) throws(YAMLError) -> YAMLNode {
        // The batch being decoded, the tree builder's own once taken from the pipe.
        var batch = RawBatch()
        var position = 0
        return try builder.run { () throws(YAMLError) in
            while position == batch.events.count {
                batch = try pipe.nextBatch()
                position = 0
            }
            defer { position += 1 }
            return batch.event(at: position)
        }
    }

    /// Parses one document given as text.
    public static func parse(_ text: String, file: String, limits: YAMLLimits = .default, reading: Reading = .automatic)
        throws(YAMLError) -> YAMLNode
    {
        try parse(Array(text.utf8), file: file, limits: limits, reading: reading)
    }
}

/// One libyaml event, copied out of libyaml's memory. Lines and columns are libyaml's (0-based).
enum Event: Sendable {
    case streamEnd
    case documentStart(line: Int, column: Int)
    case scalar(Scalar, tag: String?, anchor: String?, line: Int, column: Int)
    case alias(String, line: Int, column: Int)
    case sequenceStart(tag: String?, anchor: String?, line: Int, column: Int)
    case mappingStart(tag: String?, anchor: String?, line: Int, column: Int)
    /// The end of a sequence or a mapping.
    case collectionEnd
    case other
}

/// Drives libyaml over one input, recording its events as ``RawEvent``s and turning its failures into located errors.
struct EventReader: ~Copyable {
    let file: String
    let bytes: [UInt8]
    // libyaml keeps a pointer to the parser inside itself (its string reader's `read_handler_data`), so the parser
    // must live at one address for its whole life.
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let event: UnsafeMutablePointer<yaml_event_t>
    /// A byte for libyaml to point at when the input is empty (it wants an address all the same).
    private let empty: UnsafeMutablePointer<UInt8>?

    /// Runs `body` with a reader over `bytes`, which libyaml reads where they are: they are held still for as long as
    /// the reader lives (for the whole OpenAI spec, a 3 MB copy fewer before the parse can start).
    static func reading<Result>(
        _ bytes: [UInt8], file: String, _ body: (inout EventReader) throws(YAMLError) -> Result
    ) throws(YAMLError) -> Result {
        try bytes.withUnsafeBufferPointer { (input) throws(YAMLError) -> Result in
            var reader = try EventReader(file: file, bytes: bytes, input: input)
            return try body(&reader)
        }
    }

    /// `input` must hold `bytes` and stay valid as long as the reader lives (see ``reading(_:file:_:)``).
    private init(file: String, bytes: [UInt8], input: UnsafeBufferPointer<UInt8>) throws(YAMLError) {
        self.file = file
        self.bytes = bytes
        parser = .allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        event = .allocate(capacity: 1)
        event.initialize(to: yaml_event_t())
        empty = input.baseAddress == nil ? .allocate(capacity: 1) : nil
        guard yaml_parser_initialize(parser) == 1 else {
            throw YAMLError(
                location: SourceLocation(file: file, line: 1, column: 1), message: "cannot initialise the YAML parser")
        }
        yaml_parser_set_input_string(parser, input.baseAddress ?? UnsafePointer(empty!), input.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deinitialize(count: 1)
        parser.deallocate()
        event.deinitialize(count: 1)
        event.deallocate()
        empty?.deallocate()
    }

    /// Reads the next event into `batch` as a ``RawEvent``, its strings appended to the batch's bytes, and says
    /// whether it ended the stream. Nothing here is reference-counted: ``RawBatch/event(at:)`` makes the strings, on
    /// the thread that builds the tree when libyaml reads on another (see ``EventPipe``).
    mutating func record(into batch: inout RawBatch) throws(YAMLError) -> Bool {
        guard yaml_parser_parse(parser, event) == 1 else {
            throw syntaxError(parser.pointee)
        }
        defer { yaml_event_delete(event) }
        let event = event.pointee
        var raw = RawEvent(
            kind: .other, line: event.start_mark.line, column: event.start_mark.column, textEnd: batch.text.count)
        switch event.type {
        case YAML_STREAM_END_EVENT:
            raw.kind = .streamEnd
        case YAML_DOCUMENT_START_EVENT:
            raw.kind = .documentStart
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            raw.kind = .scalar
            raw.style = Self.style(data.style)
            if let bytes = data.value, data.length > 0 {
                batch.text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(data.length)))
            }
            raw.valueEnd = batch.text.count
            raw.record(tag: data.tag, anchor: data.anchor, into: &batch.text)
        case YAML_ALIAS_EVENT:
            raw.kind = .alias
            raw.record(tag: nil, anchor: event.data.alias.anchor, into: &batch.text)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            raw.kind = .sequenceStart
            raw.record(tag: data.tag, anchor: data.anchor, into: &batch.text)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            raw.kind = .mappingStart
            raw.record(tag: data.tag, anchor: data.anchor, into: &batch.text)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            raw.kind = .collectionEnd
        default:
            break
        }
        batch.events.append(raw)
        return raw.kind == .streamEnd
    }

    private static func style(_ style: yaml_scalar_style_t) -> Scalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + 1, column: column + 1)
    }

    private func syntaxError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        if parser.error == YAML_READER_ERROR {
            // Reader errors (bad encoding, control characters) carry a byte offset, not a mark.
            let (line, column) = lineAndColumn(ofByte: parser.problem_offset)
            var message = problem
            let value = parser.problem_value
            if problem == "invalid leading UTF-8 octet", value != -1 {
                return YAMLError(
                    location: SourceLocation(file: file, line: line, column: column),
                    message: "invalid UTF-8 byte \(hex(value)); the file must be UTF-8")
            }
            if problem == "invalid trailing UTF-8 octet", value != -1 {
                // Point at the byte that starts the broken sequence, and show the whole sequence.
                var start = min(parser.problem_offset, bytes.count)
                while start > 0, start > parser.problem_offset - 4, bytes[start - 1] & 0xC0 == 0x80 { start -= 1 }
                if start > 0, bytes[start - 1] >= 0xC0 { start -= 1 }
                let sequence = bytes[start..<min(parser.problem_offset + 1, bytes.count)].map { hex(Int32($0)) }
                let (leadLine, leadColumn) = lineAndColumn(ofByte: start)
                return YAMLError(
                    location: SourceLocation(file: file, line: leadLine, column: leadColumn),
                    message: "invalid UTF-8 sequence \(sequence.joined(separator: " ")); the file must be UTF-8")
            }
            if problem == "incomplete UTF-8 octet sequence" {
                // The file ends inside a sequence: show what is there.
                let start = min(parser.problem_offset, bytes.count)
                let sequence = bytes[start..<min(start + 4, bytes.count)].map { hex(Int32($0)) }
                return YAMLError(
                    location: SourceLocation(file: file, line: line, column: column),
                    message: "invalid UTF-8 sequence \(sequence.joined(separator: " ")) at the end of the file; the file must be UTF-8")
            }
            if parser.problem_value != -1 {
                let hex = String(parser.problem_value, radix: 16, uppercase: true)
                if problem.contains("UTF-8") {
                    // The value is the offending byte.
                    message += " (byte 0x\(String(repeating: "0", count: max(0, 2 - hex.count)) + hex))"
                } else {
                    // Control characters and invalid characters: the value is a code point, not a byte.
                    message += " (U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex))"
                }
            }
            return YAMLError(location: SourceLocation(file: file, line: line, column: column), message: message)
        }
        let problemLocation = location(line: parser.problem_mark.line, column: parser.problem_mark.column)
        let context = parser.context.map { String(cString: $0) }
        let contextLocation = location(line: parser.context_mark.line, column: parser.context_mark.column)
        // libyaml's marks count characters, not bytes.
        let contextByte = byte(at: byteOffset(ofCharacter: parser.context_mark.index))
        let problemOffset = byteOffset(ofCharacter: parser.problem_mark.index)
        // What libyaml reports at the end of the file is clearer at the quote or bracket left open.
        if context == "while scanning a quoted scalar", problem == "found unexpected end of stream",
            contextByte == UInt8(ascii: "\"") || contextByte == UInt8(ascii: "'")
        {
            let kind = contextByte == UInt8(ascii: "\"") ? "double" : "single"
            return YAMLError(
                location: contextLocation, message: "unclosed \(kind) quote; the string runs to the end of the file")
        }
        if let context, context.hasPrefix("while parsing a flow "), isAtEnd(problemOffset),
            contextByte == UInt8(ascii: "[") || contextByte == UInt8(ascii: "{")
        {
            let (open, kind) = contextByte == UInt8(ascii: "[") ? ("[", "sequence") : ("{", "mapping")
            return YAMLError(
                location: contextLocation,
                message: "unclosed '\(open)'; the flow \(kind) runs to the end of the file")
        }
        if problem == "found a tab character that violates indentation"
            || (problem == "found character that cannot start any token" && byte(at: problemOffset) == 0x09)
        {
            return YAMLError(
                location: problemLocation, message: "a tab character in indentation; YAML indents with spaces only")
        }
        var message = problem
        if let context {
            message += " (\(context) at \(contextLocation.line):\(contextLocation.column))"
        }
        // The usual causes of libyaml's two most cryptic messages.
        if problem == "mapping values are not allowed in this context" {
            message += "; check this line's indentation, or quote a value that contains ': '"
        } else if problem == "did not find expected key" || problem == "did not find expected '-' indicator" {
            message += "; check this line's indentation"
        }
        return YAMLError(location: problemLocation, message: message)
    }

    /// `0xE9`.
    private func hex(_ value: Int32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 2 - digits.count)) + digits
    }

    private func byte(at index: Int) -> UInt8? {
        bytes.indices.contains(index) ? bytes[index] : nil
    }

    /// The byte offset of the character a libyaml mark's `index` counts to (the characters of UTF-8 text are the
    /// bytes that do not continue a sequence).
    private func byteOffset(ofCharacter index: Int) -> Int {
        var characters = 0
        var offset = 0
        while offset < bytes.count {
            if bytes[offset] & 0xC0 != 0x80 {
                if characters == index { return offset }
                characters += 1
            }
            offset += 1
        }
        return offset
    }

    /// Whether only whitespace follows the byte offset `index`.
    private func isAtEnd(_ index: Int) -> Bool {
        guard index < bytes.count else { return true }
        return bytes[index...].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// 1-based line and column (in characters) of a byte offset.
    private func lineAndColumn(ofByte offset: Int) -> (Int, Int) {
        var line = 1
        var column = 1
        var index = 0
        while index < min(offset, bytes.count) {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }
}

/// An event as ``EventReader`` records it: plain values only, its strings kept as ranges of the batch's bytes (the
/// value, then the tag, then the anchor, each starting where the one before ends).
struct RawEvent {
    enum Kind: UInt8 {
        case streamEnd, documentStart, scalar, alias, sequenceStart, mappingStart, collectionEnd, other
    }

    var kind: Kind
    var style: Scalar.Style = .plain
    var hasTag = false
    var hasAnchor = false
    var line: Int
    var column: Int
    /// Where the value (a scalar's text, or nothing), the tag and the anchor end in the batch's bytes.
    var valueEnd: Int
    var tagEnd: Int
    var anchorEnd: Int

    /// An event with no strings: they would end where the batch's bytes do now.
    init(kind: Kind, line: Int, column: Int, textEnd: Int) {
        self.kind = kind
        self.line = line
        self.column = column
        valueEnd = textEnd
        tagEnd = textEnd
        anchorEnd = textEnd
    }

    /// Appends the tag and the anchor libyaml gave (NUL-terminated, either may be missing) after the value.
    mutating func record(
        tag: UnsafeMutablePointer<yaml_char_t>?, anchor: UnsafeMutablePointer<yaml_char_t>?, into text: inout [UInt8]
    ) {
        if let tag {
            text.append(contentsOf: UnsafeBufferPointer(start: tag, count: strlen(tag)))
            hasTag = true
        }
        tagEnd = text.count
        if let anchor {
            text.append(contentsOf: UnsafeBufferPointer(start: anchor, count: strlen(anchor)))
            hasAnchor = true
        }
        anchorEnd = text.count
    }
}

/// Events read ahead, and the bytes of their strings.
struct RawBatch {
    var events: [RawEvent] = []
    var text: [UInt8] = []

    mutating func removeAll() {
        events.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
    }

    /// The event at `index`, its strings made from the batch's bytes. (Mutating only in name: the batch is passed in
    /// place, where a closure that captures it would otherwise copy it, and retain and release its arrays, per event.)
    mutating func event(at index: Int) -> Event {
        let raw = events[index]
        // Each event's strings start where the previous event's end.
        let start = index == 0 ? 0 : events[index - 1].anchorEnd
        func text(_ range: Range<Int>) -> String {
            range.isEmpty ? "" : String(decoding: self.text[range], as: UTF8.self)
        }
        let tag = raw.hasTag ? text(raw.valueEnd..<raw.tagEnd) : nil
        let anchor = raw.hasAnchor ? text(raw.tagEnd..<raw.anchorEnd) : nil
        switch raw.kind {
        case .streamEnd:
            return .streamEnd
        case .documentStart:
            return .documentStart(line: raw.line, column: raw.column)
        case .scalar:
            return .scalar(
                Scalar(text(start..<raw.valueEnd), style: raw.style), tag: tag, anchor: anchor, line: raw.line,
                column: raw.column)
        case .alias:
            return .alias(anchor ?? "", line: raw.line, column: raw.column)
        case .sequenceStart:
            return .sequenceStart(tag: tag, anchor: anchor, line: raw.line, column: raw.column)
        case .mappingStart:
            return .mappingStart(tag: tag, anchor: anchor, line: raw.line, column: raw.column)
        case .collectionEnd:
            return .collectionEnd
        case .other:
            return .other
        }
    }
}

/// A parse started before anyone asks for its tree: libyaml reads the file on a thread of its own from the start, and
/// the tree is built, on the thread that asks for it, from the events read so far and the rest (see ``finish()``).
///
/// The command-line tool starts one for a large spec before it parses its arguments: libyaml, which bounds the parse,
/// need not wait for them. The result, errors included, is that of ``YAMLParser/parse(_:file:limits:reading:)`` on
/// the same bytes.
public final class PendingParse: @unchecked Sendable {
    public let file: String
    public let limits: YAMLLimits
    private let pipe: EventPipe
    private let lock = NSLock()
    // Guarded by `lock`.
    private var finished = false

    /// Starts reading: `read` (called on the reading thread) gives the file's bytes, or `nil` if it cannot be read.
    public init(file: String, limits: YAMLLimits = .default, read: @escaping @Sendable () -> [UInt8]?) {
        self.file = file
        self.limits = limits
        pipe = EventPipe(file: file, read: read)
    }

    deinit {
        pipe.stop()
    }

    /// The tree, or the error libyaml or the limits met; `nil` if the file could not be read, and after the first call.
    public func finish() -> Result<YAMLNode, YAMLError>? {
        let first = lock.withLock {
            defer { finished = true }
            return !finished
        }
        guard first, let bytes = pipe.input() else { return nil }
        defer { pipe.stop() }
        var builder = Builder(file: file, limits: limits, bytes: bytes)
        return Result { () throws(YAMLError) in try YAMLParser.build(from: pipe, with: &builder) }
    }
}

/// Runs an ``EventReader`` on a thread of its own and hands its events over in batches, so that the caller builds
/// the tree while libyaml reads on. Errors arrive where they occur in the stream, after the events before them.
final class EventPipe: @unchecked Sendable {
    private static let batchSize = 4096
    /// Batches read ahead at most, so memory stays bounded whatever the input's size.
    private static let maxQueued = 16

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [RawBatch] = []
    private var head = 0
    private var done = false
    private var failure: YAMLError?
    private var stopped = false
    /// The input, once read; `nil` inside when it could not be.
    private var bytes: [UInt8]??
    private let exited = DispatchSemaphore(value: 0)

    convenience init(file: String, bytes: [UInt8]) {
        self.init(file: file) { bytes }
    }

    /// Reads the input with `read` on the reading thread first.
    init(file: String, read: @escaping @Sendable () -> [UInt8]?) {
        Thread.detachNewThread { [self] in
            let bytes = read()
            condition.lock()
            self.bytes = .some(bytes)
            if bytes == nil { done = true }
            condition.broadcast()
            condition.unlock()
            if let bytes { produce(file: file, bytes: bytes) }
            exited.signal()
        }
    }

    /// The input, once read; `nil` if it could not be (then no events come).
    func input() -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        while bytes == nil { condition.wait() }
        return bytes!
    }

    private func produce(file: String, bytes: [UInt8]) {
        var batch = RawBatch()
        batch.events.reserveCapacity(Self.batchSize)
        var failure: YAMLError?
        do throws(YAMLError) {
            let consumerStopped = try EventReader.reading(bytes, file: file) { (reader) throws(YAMLError) -> Bool in
                while try !reader.record(into: &batch) {
                    if batch.events.count == Self.batchSize {
                        guard hand(batch) else { return true }
                        batch = RawBatch()
                        batch.events.reserveCapacity(Self.batchSize)
                    }
                }
                return false
            }
            if consumerStopped { return }
        } catch {
            failure = error
        }
        condition.lock()
        queue.append(batch)
        self.failure = failure
        done = true
        condition.signal()
        condition.unlock()
    }

    /// Queues a batch, waiting while the consumer is far behind. `false` when the consumer has stopped.
    private func hand(_ batch: RawBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count - head >= Self.maxQueued && !stopped { condition.wait() }
        guard !stopped else { return false }
        queue.append(batch)
        condition.signal()
        return true
    }

    /// The next batch of events, or the error the reader met after the events before it.
    func nextBatch() throws(YAMLError) -> RawBatch {
        condition.lock()
        while head == queue.count && !done { condition.wait() }
        guard head < queue.count else {
            let failure = self.failure
            condition.unlock()
            // Without a failure the stream ended with `.streamEnd`, after which the builder asks for nothing more.
            guard let failure else { preconditionFailure("an event was asked for after the end of the stream") }
            throw failure
        }
        let batch = queue[head]
        queue[head] = RawBatch()
        head += 1
        condition.signal()  // room for the reader
        condition.unlock()
        return batch
    }

    /// Stops the reader (if it is still going) and waits for its thread to end. Later calls do nothing.
    func stop() {
        condition.lock()
        let first = !stopped
        stopped = true
        condition.broadcast()
        condition.unlock()
        if first { exited.wait() }
    }
}

private struct Frame {
    enum Kind { case sequence, mapping }
    var kind: Kind
    var location: SourceLocation
    var tag: String?
    var anchor: String?
    var items: [YAMLNode] = []
    var pairs: [YAMLNode.Pair] = []
    var pendingKey: YAMLNode?
    /// Nodes in this subtree, aliases counted at their expanded size.
    var weight = 1
    /// Keys seen so far, built only once a mapping grows past a few keys.
    var keyIndex: [String: SourceLocation]?
}

fileprivate struct Builder {
    let file: String
    let limits: YAMLLimits
    let bytes: [UInt8]
    var stack: [Frame] = []
    var anchors: [String: (node: YAMLNode, weight: Int)] = [:]
    var totalWeight = 0
    var aliasWeight = 0
    var root: YAMLNode?
    var documents = 0

    /// ``file``'s number, looked up once: every node's location holds it.
    private let fileNumber: Int

    init(file: String, limits: YAMLLimits, bytes: [UInt8]) {
        self.file = file
        self.limits = limits
        self.bytes = bytes
        fileNumber = SourceFileNames.shared.number(file)
    }

    /// Builds the tree from the events `next` returns, up to the end of the stream.
    mutating func run(_ next: () throws(YAMLError) -> Event) throws(YAMLError) -> YAMLNode {
        while true {
            switch try next() {
            case .streamEnd:
                guard let root else {
                    // Nothing but whitespace and comments: point at the start, where a document should be.
                    let blank = bytes.allSatisfy { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
                    throw YAMLError(
                        location: location(line: 0, column: 0),
                        message: blank ? "the file holds no document (it is empty)"
                            : "the file holds no document (only comments)")
                }
                return root
            case .documentStart(let line, let column):
                documents += 1
                if documents > 1 {
                    throw YAMLError(
                        location: location(line: line, column: column),
                        message: "expected a single document, found a second one")
                }
            case .scalar(let scalar, let tag, let anchor, let line, let column):
                let node = YAMLNode(location: location(line: line, column: column), content: .scalar(scalar), tag: tag)
                try add(node, weight: 1, newNodes: 1, anchor: anchor)
            case .alias(let name, let line, let column):
                let mark = location(line: line, column: column)
                guard let target = anchors[name] else {
                    throw YAMLError(location: mark, message: "unknown alias '*\(name)'")
                }
                var node = target.node
                node.location = mark
                try add(node, weight: target.weight, newNodes: target.weight, anchor: nil)
                aliasWeight += target.weight
                guard aliasWeight <= limits.maxAliasNodes else {
                    throw YAMLError(
                        location: mark,
                        message: "aliases expand to more than \(limits.maxAliasNodes) nodes; the input is refused")
                }
            case .sequenceStart(let tag, let anchor, let line, let column):
                try push(Frame(kind: .sequence, location: location(line: line, column: column), tag: tag, anchor: anchor))
            case .mappingStart(let tag, let anchor, let line, let column):
                try push(Frame(kind: .mapping, location: location(line: line, column: column), tag: tag, anchor: anchor))
            case .collectionEnd:
                let frame = stack.removeLast()
                let content: YAMLNode.Content = frame.kind == .sequence ? .sequence(frame.items) : .mapping(frame.pairs)
                let node = YAMLNode(location: frame.location, content: content, tag: frame.tag)
                // The children were counted as they were added; only the collection itself is new.
                try add(node, weight: frame.weight, newNodes: 1, anchor: frame.anchor)
            case .other:
                break
            }
        }
    }

    private mutating func push(_ frame: Frame) throws(YAMLError) {
        guard stack.count < limits.maxDepth else {
            throw YAMLError(location: frame.location,
                            message: "nesting deeper than \(limits.maxDepth) levels; the input is refused")
        }
        stack.append(frame)
    }

    /// `weight` is the node's subtree size (aliases expanded); `newNodes` is how many of those were not counted yet.
    private mutating func add(_ node: consuming YAMLNode, weight: Int, newNodes: Int, anchor: String?) throws(YAMLError) {
        totalWeight += newNodes
        guard totalWeight <= limits.maxNodes else {
            throw YAMLError(
                location: node.location,
                message: "the document expands to more than \(limits.maxNodes) nodes (aliases included); the input is refused")
        }
        if let anchor { anchors[anchor] = (node, weight) }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].weight += weight
        switch stack[top].kind {
        case .sequence:
            stack[top].items.append(node)
        case .mapping:
            if let key = stack[top].pendingKey.take() {
                stack[top].pairs.append(YAMLNode.Pair(key: key, value: node))
            } else {
                try checkDuplicate(key: node, in: top)
                stack[top].pendingKey = node
            }
        }
    }

    private mutating func checkDuplicate(key: YAMLNode, in index: Int) throws(YAMLError) {
        guard let text = key.scalar?.value else { return }
        if stack[index].keyIndex == nil {
            // By index: iterating the pairs would copy each, retaining and releasing everything in it.
            for position in stack[index].pairs.indices where stack[index].pairs[position].key.scalar?.value == text {
                throw duplicate(text, at: key.location, first: stack[index].pairs[position].key.location)
            }
            if stack[index].pairs.count >= 8 {
                var index_: [String: SourceLocation] = [:]
                for pair in stack[index].pairs {
                    if let existing = pair.key.scalar?.value { index_[existing] = pair.key.location }
                }
                index_[text] = key.location
                stack[index].keyIndex = index_
            }
        } else if let first = stack[index].keyIndex![text] {
            throw duplicate(text, at: key.location, first: first)
        } else {
            stack[index].keyIndex![text] = key.location
        }
    }

    private func duplicate(_ key: String, at location: SourceLocation, first: SourceLocation) -> YAMLError {
        YAMLError(location: location,
                  message: "duplicate key '\(key)' (first defined at \(first.line):\(first.column))")
    }

    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(fileNumber: fileNumber, line: line + 1, column: column + 1)
    }
}

