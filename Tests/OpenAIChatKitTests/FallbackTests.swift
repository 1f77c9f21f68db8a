import Foundation
import ForgeRuntime
import OpenAIChatKit
import Testing

/// A page whose single item is `item` (raw JSON).
func itemPage(_ item: String) -> String {
    #"{"object": "list", "first_id": null, "last_id": null, "has_more": false, "data": [\#(item)]}"#
}

let clientToolCallJSON = #"{"id": "cthi_tool", "object": "chatkit.thread_item", "created_at": 3, "thread_id": "cthr_1", "type": "chatkit.client_tool_call", "status": "cancelled", "call_id": "call_1", "name": "lookup", "arguments": "{}", "output": "\"done\""}"#

@Suite("Fallbacks for values this API version does not know")
struct FallbackTests {
    @Test("An unknown status variant decodes to .unknown with the exact object and re-encodes identically")
    func unknownStatus() throws {
        let json = #"{"type": "archived", "since": 5}"#
        let status = try decode(ThreadResource.Status.self, json)
        #expect(status == .unknown(.object(["type": .string("archived"), "since": .integer(5)])))
        let data = try encode(status)
        #expect(try jsonValue(data) == jsonValue(json))
        #expect(try foundationEqual(data, Data(json.utf8)))
    }

    @Test("A thread with an unknown status round-trips through JSON")
    func unknownStatusInThread() throws {
        let json = threadJSON(status: #"{"type": "archived", "since": 5, "by": {"user": "admin", "tags": ["a", null, true, 1.5]}}"#)
        let thread = try decode(ThreadResource.self, json)
        let expected: JSONValue = [
            "type": "archived", "since": 5, "by": ["user": "admin", "tags": ["a", nil, true, 1.5]],
        ]
        #expect(thread.status == .unknown(expected))
        let data = try encode(thread)
        #expect(try jsonValue(data) == jsonValue(json))
        #expect(try foundationEqual(data, Data(json.utf8)))
    }

    @Test("An unknown thread item type decodes to .unknown and re-encodes identically")
    func unknownThreadItem() throws {
        let item = #"{"type": "chatkit.future_thing", "id": "x", "object": "chatkit.thread_item", "created_at": 9, "payload": {"parts": [1, 2.5, "s", false, null], "empty": {}}}"#
        let decoded = try decode(ThreadItem.self, item)
        let expected: JSONValue = [
            "type": "chatkit.future_thing", "id": "x", "object": "chatkit.thread_item", "created_at": 9,
            "payload": ["parts": [1, 2.5, "s", false, nil], "empty": [:]],
        ]
        #expect(decoded == .unknown(expected))
        let data = try encode(decoded)
        #expect(try jsonValue(data) == jsonValue(item))
        #expect(try foundationEqual(data, Data(item.utf8)))

        // The same inside a page, next to a known item.
        let page = try decode(ThreadItemListResource.self, itemPage(item))
        #expect(page.data == [.unknown(expected)])
        #expect(try roundTrip(page) == page)
    }

    @Test("Unknown content and annotation variants are kept as JSON")
    func unknownNestedVariants() throws {
        let content = try decode(UserMessageItem.Content.self, #"{"type": "image_ref", "ref": "img_1"}"#)
        #expect(content == .unknown(["type": "image_ref", "ref": "img_1"]))
        let annotation = try decode(ResponseOutputText.Annotation.self, #"{"type": "citation", "index": 3}"#)
        #expect(annotation == .unknown(["type": "citation", "index": 3]))
        #expect(try jsonValue(encode(annotation)) == jsonValue(#"{"index": 3, "type": "citation"}"#))
    }

    @Test("An unknown client tool call status decodes to .unknown(\"cancelled\") and re-encodes as \"cancelled\"")
    func unknownToolCallStatus() throws {
        let item = try decode(ThreadItem.self, clientToolCallJSON)
        guard case .clientToolCall(let call) = item else {
            Issue.record("expected .clientToolCall, got \(item)")
            return
        }
        #expect(call.status == .unknown("cancelled"))
        #expect(call.status.rawValue == "cancelled")
        #expect(call.output == "\"done\"")
        #expect(try foundationObject(call)["status"] as? String == "cancelled")
        #expect(try jsonValue(encode(item)) == jsonValue(clientToolCallJSON))
        #expect(try roundTrip(item) == item)
    }

    @Test("An unknown attachment type decodes to .unknown(\"video\") and re-encodes as \"video\"")
    func unknownAttachmentType() throws {
        let json = #"{"type": "video", "id": "att_v", "name": "clip.mp4", "mime_type": "video/mp4", "preview_url": "https://cdn.example.com/clip.jpg"}"#
        let attachment = try decode(Attachment.self, json)
        #expect(attachment.type == .unknown("video"))
        #expect(attachment.type.rawValue == "video")
        #expect(attachment.previewURL == "https://cdn.example.com/clip.jpg")
        #expect(try foundationObject(attachment)["type"] as? String == "video")
        #expect(try jsonValue(encode(attachment)) == jsonValue(json))
    }

    @Test("Known string-enum raw values map to their cases, others to .unknown")
    func stringEnumRawValues() {
        #expect(ClientToolCallItem.Status(rawValue: "in_progress") == .inProgress)
        #expect(ClientToolCallItem.Status(rawValue: "completed") == .completed)
        #expect(ClientToolCallItem.Status.inProgress.rawValue == "in_progress")
        #expect(ClientToolCallItem.Status(rawValue: "In_Progress") == .unknown("In_Progress"))
        #expect(Attachment.AttachmentType.knownCases.map(\.rawValue) == ["image", "file"])
        #expect(TaskItem.TaskType.knownCases.map(\.rawValue) == ["custom", "thought"])
        #expect(TaskGroupItem.Task.TaskType(rawValue: "thought") == .thought)
        #expect(ListOrder(rawValue: "desc") == .desc)
        #expect(ListOrder(rawValue: "random") == .unknown("random"))
    }

    /// Equality and hashing come from `OpenStringEnum` (by raw value), also through generic code.
    @Test func aListedValueHeldAsUnknownEqualsItsCase() throws {
        #expect(ListOrder.unknown("desc") == .desc)
        #expect(ListOrder.unknown("desc") != .asc)
        #expect(Set([ListOrder.unknown("asc"), .asc, .desc]).count == 2)
        func same<T: Equatable>(_ a: T, _ b: T) -> Bool { a == b }
        #expect(same(ListOrder.unknown("asc"), .asc))
        #expect(try JSONEncoder().encode([ListOrder.desc, .unknown("x")]) == Data(#"["desc","x"]"#.utf8))
    }

    @Test("An unknown task type round-trips in a task group")
    func unknownTaskType() throws {
        let item = #"{"id": "g", "object": "chatkit.thread_item", "created_at": 1, "thread_id": "t", "type": "chatkit.task_group", "tasks": [{"type": "search", "heading": null, "summary": "s"}]}"#
        guard case .taskGroup(let group) = try decode(ThreadItem.self, item) else {
            Issue.record("expected .taskGroup")
            return
        }
        #expect(group.tasks == [TaskGroupItem.Task(type: .unknown("search"), heading: nil, summary: "s")])
        #expect(try jsonValue(encode(group)) == jsonValue(item))
    }
}
