import ForgeYAML
import Foundation
import Testing

/// Large inputs are read by libyaml on a second thread while the tree is built (``YAMLParser/Reading``): the tree,
/// the errors and the limits must be exactly those of reading on one thread, across many batches of events.
@Suite struct PipelineTests {
    /// About 130,000 events: many batches, with anchors, aliases, tags and every scalar style.
    static let large: String = {
        var text = "defaults: &base {a: 1, b: [x, 'y', \"z\"]}\nitems:\n"
        for index in 0..<6000 {
            text += "  - name: item\(index)\n    tagged: !custom v\(index)\n    copy: *base\n"
            text += "    text: |\n      line \(index)\n    flow: {k: [\(index), true, null]}\n"
            // Strings of every kind the reading thread records: empty values, a NUL, non-ASCII text, a tag and an
            // anchor on one scalar, and on one collection.
            text += "    empty: ''\n    nul: \"a\\0b é\"\n    anchored: !!str &s\(index) ''\n    again: *s\(index)\n"
            text += "    list: !!seq &l\(index) [\"\"]\n    same: *l\(index)\n"
        }
        return text
    }()

    @Test func aLargeFileGivesTheSameTreeOnEitherThread() throws {
        #expect(Self.large.utf8.count >= YAMLParser.pipelineThreshold)
        let one = try YAMLParser.parse(Self.large, file: "big.yaml", reading: .sameThread)
        let automatic = try YAMLParser.parse(Self.large, file: "big.yaml")
        #expect(automatic == one)
        #expect(one.at(["items", "5999", "flow", "k", "0"])?.scalar?.value == "5999")
        #expect(one.at(["items", "5999", "copy", "b", "2"])?.scalar?.value == "z")
        #expect(one.at(["items", "5999", "nul"])?.scalar?.value == "a\0b é")
        #expect(one.at(["items", "5999", "again"])?.scalar?.value == "")
        #expect(one.at(["items", "5999", "same", "0"])?.scalar?.value == "")
    }

    @Test func aSyntaxErrorDeepInALargeFileIsReportedAtItsPlace() throws {
        let text = Self.large + "broken: [unclosed\n"
        let error = try #require(parseError(text, file: "big.yaml"))
        #expect(error.location == SourceLocation(file: "big.yaml", line: 72_003, column: 9))
        #expect(error.message == "unclosed '['; the flow sequence runs to the end of the file")
    }

    /// The builder stops early (a limit) while libyaml is still reading ahead: the reader must stop too. A reader
    /// that did not would make the parse wait for it forever, so the parses run on a thread of their own and the
    /// test waits at most a minute for them: it fails rather than hangs.
    @Test func aLimitMetEarlyStopsTheReader() throws {
        let limits = YAMLLimits(maxNodes: 1000)
        let messages = Messages()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            for _ in 0..<20 {
                messages.append(parseError(Self.large, limits: limits)?.message)
            }
            done.signal()
        }
        try #require(done.wait(timeout: .now() + 60) == .success, "the parses did not end within a minute")
        #expect(
            messages.all == Array(
                repeating: "the document expands to more than 1000 nodes (aliases included); the input is refused",
                count: 20))
    }

    final class Messages: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [String?] = []
        func append(_ message: String?) { lock.withLock { values.append(message) } }
        var all: [String?] { lock.withLock { values } }
    }

    @Test func aSecondDocumentInALargeFileIsRefused() throws {
        let error = try #require(parseError(Self.large + "---\nsecond: 1\n"))
        #expect(error.message == "expected a single document, found a second one")
    }
}
