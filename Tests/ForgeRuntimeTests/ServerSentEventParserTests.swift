import Foundation
import Testing

@testable import ForgeRuntime

/// Parses `text` as one chunk.
func parse(_ text: String) -> [ServerSentEvent] {
    var parser = ServerSentEventParser()
    return parser.parse(Data(text.utf8))
}

@Suite struct ServerSentEventParserTests {
    @Test func dataLinesAreJoinedWithLineFeeds() {
        #expect(parse("data: hello\n\n") == [ServerSentEvent(data: "hello")])
        #expect(parse("data: YHOO\ndata: +2\ndata: 10\n\n") == [ServerSentEvent(data: "YHOO\n+2\n10")])
        #expect(parse("data: a\n\ndata: b\n\n").map(\.data) == ["a", "b"])
    }

    /// The WHATWG example: a comment, ids that persist, an empty `id` resetting it, one space removed.
    @Test func theStandardsExampleStream() {
        let stream = """
            : test stream

            data: first event
            id: 1

            data:second event
            id

            data:  third event


            """
        #expect(
            parse(stream) == [
                ServerSentEvent(data: "first event", id: "1"),
                ServerSentEvent(data: "second event", id: nil),
                ServerSentEvent(data: " third event", id: nil),
            ])
    }

    /// The WHATWG example: `data` without a colon is an empty value, so the first block is an event with empty data;
    /// the last block never ends, so it is not dispatched.
    @Test func fieldsWithoutAColonAndAnUnfinishedLastEvent() {
        #expect(parse("data\n\ndata\ndata\n\ndata:") == [ServerSentEvent(data: ""), ServerSentEvent(data: "\n")])
        #expect(parse("data:test\n\ndata: test\n\n").map(\.data) == ["test", "test"])
        #expect(parse("data: x\n") == [], "no blank line: the event is never dispatched")
        #expect(parse("data: x") == [])
    }

    @Test func eventTypesAndIDs() {
        let stream = "event: add\ndata: 1\nid: 7\n\ndata: 2\n\nevent: remove\nid: a\u{0}b\ndata: 3\n\nid:\ndata: 4\n\n"
        #expect(
            parse(stream) == [
                ServerSentEvent(event: "add", data: "1", id: "7"),
                ServerSentEvent(event: "message", data: "2", id: "7"),
                ServerSentEvent(event: "remove", data: "3", id: "7"),
                ServerSentEvent(event: "message", data: "4", id: nil),
            ])
    }

    @Test func anEventWithoutDataIsNotDispatchedAndItsTypeIsForgotten() {
        #expect(parse("event: ping\n\n") == [])
        #expect(parse("event: ping\n\ndata: x\n\n") == [ServerSentEvent(event: "message", data: "x")])
        #expect(parse("id: 5\n\ndata: x\n\n") == [ServerSentEvent(data: "x", id: "5")], "the id persists")
    }

    @Test func commentsAndUnknownFieldsAreIgnored() {
        #expect(parse(": keep-alive\n\n:\n\n") == [])
        #expect(parse(": hi\ndata: x\n: there\nfoo: bar\nDATA: no\ndata : no\n\n") == [ServerSentEvent(data: "x")])
    }

    @Test func onlyOneSpaceAfterTheColonIsRemoved() {
        #expect(parse("data:no space\n\n").map(\.data) == ["no space"])
        #expect(parse("data:  two\n\n").map(\.data) == [" two"])
        #expect(parse("data:\ttab\n\n").map(\.data) == ["\ttab"])
        #expect(parse("data: trailing \n\n").map(\.data) == ["trailing "])
        #expect(parse("event:  spaced\ndata: x\n\n").map(\.event) == [" spaced"])
    }

    @Test func retryTakesOnlyDigits() {
        var parser = ServerSentEventParser()
        #expect(parser.parse(Data("retry: 1500\ndata: x\n\n".utf8)) == [ServerSentEvent(data: "x", retry: 1500)])
        #expect(parser.reconnectionTime == 1500)
        let invalid = parser.parse(Data("retry: 15a\ndata: y\n\nretry:\ndata: z\n\nretry: -1\ndata: w\n\n".utf8))
        #expect(invalid.map(\.retry) == [nil, nil, nil])
        #expect(parser.reconnectionTime == 1500)
        #expect(parser.parse(Data("retry: 20\n\n".utf8)) == [], "retry alone dispatches nothing")
        #expect(parser.reconnectionTime == 20)
    }

    @Test func crLFAndCRLFAllEndLines() {
        #expect(parse("data: a\r\rdata: b\r\n\r\ndata: c\n\ndata: d\r\ndata: e\r\r").map(\.data) == ["a", "b", "c", "d\ne"])
        #expect(parse("data: a\n\r\ndata: b\r\n\n").map(\.data) == ["a", "b"])
        #expect(parse("data: a\r\n\r\n\r\n").map(\.data) == ["a"], "CRLF is one line end, not two")
    }

    @Test func aLeadingByteOrderMarkIsSkippedOnlyAtTheStart() {
        #expect(parse("\u{FEFF}data: x\n\n") == [ServerSentEvent(data: "x")])
        #expect(parse("\u{FEFF}data: x\n\n\u{FEFF}data: y\n\n") == [ServerSentEvent(data: "x")])
        #expect(parse("\u{FEFF}\u{FEFF}data: y\n\n") == [], "only one BOM is skipped")
        #expect(parse("data: \u{FEFF}\n\n") == [ServerSentEvent(data: "\u{FEFF}")])
        var parser = ServerSentEventParser()
        #expect(parser.parse([0xEF, 0xBB]) == [])
        #expect(parser.parse(Data("x\n\ndata: ok\n\n".utf8)) == [ServerSentEvent(data: "ok")], "EF BB x is not a BOM")
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        var parser = ServerSentEventParser()
        let events = parser.parse(Data("data: a".utf8) + Data([0xFF, 0xC3]) + Data("\n\n".utf8))
        #expect(events == [ServerSentEvent(data: "a\u{FFFD}\u{FFFD}")])
    }

    /// A stream with every feature, whose events are checked, then cut at every byte position (into two chunks and
    /// into two cuts' three chunks): each split gives the same events.
    @Test func chunksMaySplitAnywhere() {
        let sample = Data(
            ("\u{FEFF}: comment\r\nevent: greet\r\ndata: héllo 👋\r\nid: 1\r\n\r\n"
                + "data: {\"a\":\r\ndata: \"€\"}\r\rretry: 250\ndata:x\n\nevent: end\ndata\n\ndata: unfinished").utf8)
        let expected = [
            ServerSentEvent(event: "greet", data: "héllo 👋", id: "1"),
            ServerSentEvent(data: "{\"a\":\n\"€\"}", id: "1"),
            ServerSentEvent(data: "x", id: "1", retry: 250),
            ServerSentEvent(event: "end", data: "", id: "1"),
        ]
        let bytes = [UInt8](sample)
        var whole = ServerSentEventParser()
        #expect(whole.parse(bytes) == expected)

        for cut in 0...bytes.count {
            var parser = ServerSentEventParser()
            let events = parser.parse(bytes[..<cut]) + parser.parse(bytes[cut...])
            #expect(events == expected, "cut at \(cut)")
        }
        var failures = 0
        for first in 0...bytes.count {
            for second in first...bytes.count {
                var parser = ServerSentEventParser()
                var events = parser.parse(bytes[..<first])
                events += parser.parse(bytes[first..<second])
                events += parser.parse(bytes[second...])
                if events != expected { failures += 1 }
            }
        }
        #expect(failures == 0)
        var byteByByte = ServerSentEventParser()
        #expect(bytes.flatMap { byteByByte.parse([$0]) } == expected)
    }
}
