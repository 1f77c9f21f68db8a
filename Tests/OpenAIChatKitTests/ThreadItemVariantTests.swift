import Foundation
import ForgeRuntime
import OpenAIChatKit
import Testing

/// A page holding one thread item of every variant.
let everyVariantPage = """
{
  "object": "list",
  "first_id": "cthi_user",
  "last_id": "cthi_group",
  "has_more": true,
  "data": [
    {
      "id": "cthi_user",
      "object": "chatkit.thread_item",
      "created_at": 1700000001,
      "thread_id": "cthr_1",
      "type": "chatkit.user_message",
      "content": [
        {"type": "input_text", "text": "Summarise this"},
        {"type": "quoted_text", "text": "the quarterly report"}
      ],
      "attachments": [
        {"type": "file", "id": "att_1", "name": "report.pdf", "mime_type": "application/pdf", "preview_url": null}
      ],
      "inference_options": null
    },
    {
      "id": "cthi_assistant",
      "object": "chatkit.thread_item",
      "created_at": 1700000002,
      "thread_id": "cthr_1",
      "type": "chatkit.assistant_message",
      "content": [
        {
          "type": "output_text",
          "text": "Revenue grew 12%.",
          "annotations": [
            {"type": "file", "source": {"type": "file", "filename": "report.pdf"}},
            {"type": "url", "source": {"type": "url", "url": "https://example.com/q3"}}
          ]
        }
      ]
    },
    {
      "id": "cthi_widget",
      "object": "chatkit.thread_item",
      "created_at": 1700000003,
      "thread_id": "cthr_1",
      "type": "chatkit.widget",
      "widget": "{\\"type\\":\\"Card\\"}"
    },
    {
      "id": "cthi_tool",
      "object": "chatkit.thread_item",
      "created_at": 1700000004,
      "thread_id": "cthr_1",
      "type": "chatkit.client_tool_call",
      "status": "in_progress",
      "call_id": "call_9",
      "name": "get_weather",
      "arguments": "{\\"city\\":\\"Paris\\"}",
      "output": null
    },
    {
      "id": "cthi_task",
      "object": "chatkit.thread_item",
      "created_at": 1700000005,
      "thread_id": "cthr_1",
      "type": "chatkit.task",
      "task_type": "thought",
      "heading": "Thinking",
      "summary": null
    },
    {
      "id": "cthi_group",
      "object": "chatkit.thread_item",
      "created_at": 1700000006,
      "thread_id": "cthr_1",
      "type": "chatkit.task_group",
      "tasks": [
        {"type": "custom", "heading": "Fetch data", "summary": "Loaded 3 files"},
        {"type": "thought", "heading": null, "summary": null}
      ]
    }
  ]
}
"""

@Suite("Thread items of every variant")
struct ThreadItemVariantTests {
    let page: ThreadItemListResource

    init() throws {
        page = try decode(ThreadItemListResource.self, everyVariantPage)
    }

    @Test("Page fields and the variant order")
    func pageFields() throws {
        #expect(page.firstID == "cthi_user")
        #expect(page.lastID == "cthi_group")
        #expect(page.hasMore == true)
        #expect(page.data.count == 6)
    }

    @Test("User message: input_text and quoted_text content, attachment with preview_url null, inference_options null")
    func userMessage() throws {
        guard case .userMessage(let message) = try #require(page.data.first) else {
            Issue.record("expected .userMessage, got \(page.data)")
            return
        }
        #expect(message.id == "cthi_user")
        #expect(message.createdAt == 1_700_000_001)
        #expect(message.threadID == "cthr_1")
        #expect(
            message.content == [
                .inputText(UserMessageInputText(text: "Summarise this")),
                .quotedText(UserMessageQuotedText(text: "the quarterly report")),
            ])
        #expect(
            message.attachments == [
                Attachment(type: .file, id: "att_1", name: "report.pdf", mimeType: "application/pdf", previewURL: nil)
            ])
        #expect(message.inferenceOptions == nil)
    }

    @Test("Assistant message: output_text with one file annotation and one url annotation")
    func assistantMessage() throws {
        try #require(page.data.count == 6)
        guard case .assistantMessage(let message) = page.data[1] else {
            Issue.record("expected .assistantMessage, got \(page.data[1])")
            return
        }
        #expect(message.id == "cthi_assistant")
        #expect(message.createdAt == 1_700_000_002)
        try #require(message.content.count == 1)
        let text = message.content[0]
        #expect(text.text == "Revenue grew 12%.")
        try #require(text.annotations.count == 2)
        guard case .file(let file) = text.annotations[0] else {
            Issue.record("expected .file, got \(text.annotations[0])")
            return
        }
        #expect(file.source.filename == "report.pdf")
        guard case .url(let url) = text.annotations[1] else {
            Issue.record("expected .url, got \(text.annotations[1])")
            return
        }
        #expect(url.source.url == "https://example.com/q3")
    }

    @Test("Widget, client tool call, task and task group")
    func otherVariants() throws {
        try #require(page.data.count == 6)
        #expect(
            page.data[2] == .widget(WidgetMessageItem(
                id: "cthi_widget", createdAt: 1_700_000_003, threadID: "cthr_1", widget: "{\"type\":\"Card\"}")))
        guard case .clientToolCall(let call) = page.data[3] else {
            Issue.record("expected .clientToolCall, got \(page.data[3])")
            return
        }
        #expect(call.status == .inProgress)
        #expect(call.callID == "call_9")
        #expect(call.name == "get_weather")
        #expect(call.arguments == "{\"city\":\"Paris\"}")
        #expect(call.output == nil)
        #expect(
            page.data[4] == .task(TaskItem(
                id: "cthi_task", createdAt: 1_700_000_005, threadID: "cthr_1", taskType: .thought,
                heading: "Thinking", summary: nil)))
        guard case .taskGroup(let group) = page.data[5] else {
            Issue.record("expected .taskGroup, got \(page.data[5])")
            return
        }
        #expect(group.id == "cthi_group")
        #expect(
            group.tasks == [
                TaskGroupItem.Task(type: .custom, heading: "Fetch data", summary: "Loaded 3 files"),
                TaskGroupItem.Task(type: .thought, heading: nil, summary: nil),
            ])
    }

    @Test("Encode then decode gives an equal page, and the encoded JSON is the input document")
    func roundTripsEveryVariant() throws {
        #expect(try roundTrip(page) == page)
        let data = try encode(page)
        #expect(try jsonValue(data) == jsonValue(everyVariantPage))
        #expect(try foundationEqual(data, Data(everyVariantPage.utf8)))
    }

    @Test("A page built in code encodes the constants and the nulls")
    func builtPageEncodes() throws {
        let built = ThreadItemListResource(
            data: [
                .task(TaskItem(
                    id: "t", createdAt: 1, threadID: "th", taskType: .custom, heading: nil, summary: "s"))
            ],
            firstID: nil, lastID: nil, hasMore: false)
        #expect(
            try encodedText(built)
                == #"{"data":[{"created_at":1,"heading":null,"id":"t","object":"chatkit.thread_item","summary":"s","task_type":"custom","thread_id":"th","type":"chatkit.task"}],"first_id":null,"has_more":false,"last_id":null,"object":"list"}"#
        )
        #expect(try roundTrip(built) == built)
    }
}
