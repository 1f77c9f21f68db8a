import ForgeYAML
import Foundation
import Testing

/// A parse started ahead of need (``PendingParse``): libyaml reads on from the start, and the tree is built only when
/// asked for. Its tree and errors must be those of ``YAMLParser/parse(_:file:limits:reading:)``, however late it is
/// asked for, and a parse never asked for must not keep anything waiting.
@Suite struct PendingParseTests {
    private func pending(_ text: String, file: String = "t.yaml", limits: YAMLLimits = .default) -> PendingParse {
        let bytes = Array(text.utf8)
        return PendingParse(file: file, limits: limits) { bytes }
    }

    @Test func aLargeFileGivesTheTreeAParseGives() throws {
        let expected = try YAMLParser.parse(PipelineTests.large, file: "big.yaml")
        let parse = pending(PipelineTests.large, file: "big.yaml")
        // Asked for late: libyaml has read ahead as far as the pipe lets it.
        Thread.sleep(forTimeInterval: 0.05)
        let result = try #require(parse.finish())
        #expect(try result.get() == expected)
    }

    @Test func aSmallFileGivesTheTreeAParseGives() throws {
        let text = "a: [1, 'two', {b: null}]\nx: &x ~\ny: *x\n"
        let result = try #require(pending(text).finish())
        #expect(try result.get() == YAMLParser.parse(text, file: "t.yaml"))
    }

    @Test func errorsAreThoseOfAParse() throws {
        let broken = PipelineTests.large + "broken: [unclosed\n"
        let expected = try #require(parseError(broken, file: "big.yaml"))
        let result = try #require(pending(broken, file: "big.yaml").finish())
        #expect(throws: expected) { try result.get() }

        let limits = YAMLLimits(maxNodes: 1000)
        let limited = try #require(parseError(PipelineTests.large, limits: limits))
        let limitedResult = try #require(pending(PipelineTests.large, limits: limits).finish())
        #expect(throws: limited) { try limitedResult.get() }
    }

    @Test func anUnreadableFileGivesNothing() {
        let parse = PendingParse(file: "missing.yaml") { nil }
        #expect(parse.finish() == nil)
    }

    @Test func theTreeIsGivenOnce() throws {
        let parse = pending("a: 1\n")
        #expect(try parse.finish()?.get().at(["a"])?.scalar?.value == "1")
        #expect(parse.finish() == nil)
    }

    /// Parses never asked for, some with libyaml stopped on a full pipe, are dropped; each must stop its reader.
    /// A reader that did not stop would keep the drop waiting forever, so the test runs on a thread of its own and
    /// waits at most a minute: it fails rather than hangs.
    @Test func aParseNeverAskedForIsDroppedWithoutWaitingForever() throws {
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            for index in 0..<10 {
                let parse = pending(PipelineTests.large)
                if index % 2 == 0 { Thread.sleep(forTimeInterval: 0.02) }
                _ = parse
            }
            done.signal()
        }
        try #require(done.wait(timeout: .now() + 60) == .success, "dropping the parses did not end within a minute")
    }
}
