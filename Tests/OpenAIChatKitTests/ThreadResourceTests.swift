import Foundation
import ForgeRuntime
import OpenAIChatKit
import Testing

/// A thread JSON with `title` and `status` given as raw JSON text.
func threadJSON(object: String = "chatkit.thread", title: String = #""Hello""#, status: String = #"{"type": "active"}"#)
    -> String
{
    """
    {"id": "cthr_1", "object": "\(object)", "created_at": 1700000000, "title": \(title), "status": \(status), "user": "u_1"}
    """
}

@Suite("ThreadResource: statuses, nullability and constants")
struct ThreadResourceTests {
    @Test(
        "A thread with each status round-trips",
        arguments: [
            ThreadResource.Status.active(ActiveStatus()),
            .locked(LockedStatus(reason: "Moderation")),
            .locked(LockedStatus(reason: nil)),
            .closed(ClosedStatus(reason: "Resolved")),
            .closed(ClosedStatus(reason: nil)),
            .unknown(["type": "archived", "since": 5]),
        ])
    func statusRoundTrip(status: ThreadResource.Status) throws {
        let thread = ThreadResource(id: "cthr_1", createdAt: 1_700_000_000, title: "T", status: status, user: "u_1")
        #expect(try roundTrip(thread) == thread)
    }

    @Test("Each status encodes its discriminator and an explicit reason")
    func statusEncoding() throws {
        #expect(try encodedText(ThreadResource.Status.active(ActiveStatus())) == #"{"type":"active"}"#)
        #expect(
            try encodedText(ThreadResource.Status.locked(LockedStatus(reason: "Moderation")))
                == #"{"reason":"Moderation","type":"locked"}"#)
        #expect(try encodedText(ThreadResource.Status.locked(LockedStatus(reason: nil))) == #"{"reason":null,"type":"locked"}"#)
        #expect(try encodedText(ThreadResource.Status.closed(ClosedStatus(reason: nil))) == #"{"reason":null,"type":"closed"}"#)
    }

    @Test("Status JSON decodes to its case: active, locked with reason null, closed with a reason")
    func statusDecoding() throws {
        #expect(try decode(ThreadResource.Status.self, #"{"type": "active"}"#) == .active(ActiveStatus()))
        #expect(
            try decode(ThreadResource.Status.self, #"{"type": "locked", "reason": null}"#)
                == .locked(LockedStatus(reason: nil)))
        #expect(
            try decode(ThreadResource.Status.self, #"{"reason": "Spam", "type": "closed"}"#)
                == .closed(ClosedStatus(reason: "Spam")))
        let thread = try decode(ThreadResource.self, threadJSON(status: #"{"type": "locked", "reason": "Too long"}"#))
        #expect(thread.status == .locked(LockedStatus(reason: "Too long")))
    }

    @Test("LockedStatus without the reason key fails: reason is required though nullable")
    func lockedReasonMissing() throws {
        let error = decodingError(ThreadResource.self, threadJSON(status: #"{"type": "locked"}"#))
        let missing = try #require(keyNotFound(error), "expected keyNotFound, got \(String(describing: error))")
        #expect(missing.key == "reason")
        #expect(missing.path == ["status"])
    }

    @Test("title nil encodes an explicit \"title\": null")
    func titleNilEncodesNull() throws {
        let thread = ThreadResource(id: "cthr_1", createdAt: 5, title: nil, status: .active(ActiveStatus()), user: "u")
        let object = try foundationObject(thread)
        #expect(object.keys.contains("title"))
        #expect(object["title"] is NSNull)
        #expect(
            try encodedText(thread)
                == #"{"created_at":5,"id":"cthr_1","object":"chatkit.thread","status":{"type":"active"},"title":null,"user":"u"}"#
        )
        #expect(try roundTrip(thread) == thread)
    }

    @Test("\"title\": null decodes to nil")
    func titleNullDecodesNil() throws {
        let thread = try decode(ThreadResource.self, threadJSON(title: "null"))
        #expect(thread.title == nil)
        #expect(thread.id == "cthr_1")
    }

    @Test("A thread without the title key fails with keyNotFound(title)")
    func titleMissing() throws {
        let json = #"{"id": "cthr_1", "object": "chatkit.thread", "created_at": 1, "status": {"type": "active"}, "user": "u"}"#
        let error = decodingError(ThreadResource.self, json)
        let missing = try #require(keyNotFound(error), "expected keyNotFound, got \(String(describing: error))")
        #expect(missing.key == "title")
        #expect(missing.path == [])
    }

    @Test("Encoding always writes object chatkit.thread")
    func encodesObjectConstant() throws {
        let thread = ThreadResource(id: "x", createdAt: 0, title: "t", status: .closed(ClosedStatus(reason: nil)), user: "u")
        let object = try foundationObject(thread)
        #expect(object["object"] as? String == "chatkit.thread")
        #expect(thread.object == "chatkit.thread")
        let list = ThreadListResource(data: [thread], firstID: "x", lastID: "x", hasMore: false)
        #expect(try foundationObject(list)["object"] as? String == "list")
    }

    @Test("A wrong object constant fails with dataCorrupted at [object]")
    func wrongObjectConstant() throws {
        let error = decodingError(ThreadResource.self, threadJSON(object: "chatkit.threadX"))
        let path = try #require(dataCorruptedPath(error), "expected dataCorrupted, got \(String(describing: error))")
        #expect(path == ["object"])
        if case .dataCorrupted(let context) = error {
            #expect(context.codingPath.map(\.stringValue) == ["object"])
        }
        #expect(error.map { "\($0)" }?.contains("chatkit.threadX") == true)
    }

    @Test("A wrong object constant in data[0] of a list fails at [data, 0, object]")
    func wrongObjectConstantInList() throws {
        let json = #"{"object": "list", "data": [\#(threadJSON(object: "chatkit.thread_item"))], "first_id": null, "last_id": null, "has_more": false}"#
        let error = decodingError(ThreadListResource.self, json)
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect(steps(context.codingPath) == ["data", 0, "object"])
        #expect(context.codingPath.map(\.stringValue) == ["data", "Index 0", "object"])
    }

    @Test("A missing object constant fails with keyNotFound(object)")
    func missingObjectConstant() throws {
        let json = #"{"id": "cthr_1", "created_at": 1, "title": null, "status": {"type": "active"}, "user": "u"}"#
        let missing = try #require(keyNotFound(decodingError(ThreadResource.self, json)))
        #expect(missing.key == "object")
        #expect(missing.path == [])
    }

    @Test("The list's own object constant is checked")
    func wrongListConstant() throws {
        let json = #"{"object": "page", "data": [], "first_id": null, "last_id": null, "has_more": false}"#
        #expect(dataCorruptedPath(decodingError(ThreadListResource.self, json)) == ["object"])
        let empty = try decode(
            ThreadListResource.self, #"{"object": "list", "data": [], "first_id": null, "last_id": null, "has_more": false}"#)
        #expect(empty == ThreadListResource(data: [], firstID: nil, lastID: nil, hasMore: false))
    }

    @Test("A wrong nested constant (output_text type, annotation source type) fails at its path")
    func wrongNestedConstants() throws {
        let assistant = { (content: String) in
            #"{"object": "list", "first_id": null, "last_id": null, "has_more": false, "data": [{"id": "a", "object": "chatkit.thread_item", "created_at": 1, "thread_id": "t", "type": "chatkit.assistant_message", "content": [\#(content)]}]}"#
        }
        let wrongText = assistant(#"{"type": "input_text", "text": "x", "annotations": []}"#)
        #expect(dataCorruptedPath(decodingError(ThreadItemListResource.self, wrongText)) == ["data", 0, "content", 0, "type"])
        let wrongSource = assistant(
            #"{"type": "output_text", "text": "x", "annotations": [{"type": "file", "source": {"type": "url", "filename": "f"}}]}"#)
        #expect(
            dataCorruptedPath(decodingError(ThreadItemListResource.self, wrongSource))
                == ["data", 0, "content", 0, "annotations", 0, "source", "type"])
    }
}
