import Foundation
import ForgeRuntime
import OpenAIChatKit
import Testing

/// The JSON examples of the seed documents in /work/shared/seeds, copied verbatim.
enum Seeds {
    /// Seed 000, GET /chatkit/threads/{thread_id}.
    static let thread000 = """
    {
    "created_at" : 1712345600,
    "id" : "cthr_def456",
    "object" : "chatkit.thread",
    "status" : {
    "type" : "active"
    },
    "title" : "Demo feedback",
    "user" : "user_456"
    }
    """

    /// Seed 003, first response example (same thread, other key order and spacing).
    static let thread003 = """
    {
      "id": "cthr_def456",
      "created_at": 1712345600,
      "object": "chatkit.thread",
      "status": {
        "type": "active"
      },
      "title": "Demo feedback",
      "user": "user_456"
    }
    """

    /// Seed 003, second response example: does not follow the ThreadResource schema.
    static let threadWithEmbeddedItems003 = """
    {
      "id": "cthr_abc123",
      "object": "chatkit.thread",
      "title": "Customer escalation",
      "items": {
        "data": [
          {
            "id": "cthi_user_001",
            "object": "chatkit.thread_item",
            "type": "user_message",
            "content": [
              {
                "type": "input_text",
                "text": "I need help debugging an onboarding issue."
              }
            ],
            "attachments": []
          },
          {
            "id": "cthi_assistant_002",
            "object": "chatkit.thread_item",
            "type": "assistant_message",
            "content": [
              {
                "type": "output_text",
                "text": "Let's start by confirming the workflow version you deployed."
              }
            ]
          }
        ],
        "has_more": false
      }
    }
    """

    /// Seed 000, DELETE /chatkit/threads/{thread_id}.
    static let deletedThread = """
    {
    "deleted" : false,
    "id" : "string",
    "object" : "chatkit.thread.deleted"
    }
    """

    /// Seed 001, GET /chatkit/threads.
    static let threadList = """
    {
       "data" : [
          {
             "created_at" : 1712345600,
             "id" : "cthr_def456",
             "object" : "chatkit.thread",
             "status" : {
                "type" : "active"
             },
             "title" : "Demo feedback",
             "user" : "user_456"
          }
       ],
       "first_id" : "string",
       "has_more" : false,
       "last_id" : "string",
       "object" : "list"
    }
    """

    /// Seed 002, GET /chatkit/threads/{thread_id}/items.
    static let threadItems = """
    {
       "data" : [
          {
             "attachments" : [
                {
                   "id" : "string",
                   "mime_type" : "string",
                   "name" : "string",
                   "preview_url" : "string",
                   "type" : "image"
                }
             ],
             "content" : [
                {
                   "text" : "string",
                   "type" : "input_text"
                }
             ],
             "created_at" : 0,
             "id" : "string",
             "inference_options" : {
                "model" : "string",
                "tool_choice" : {
                   "id" : "string"
                }
             },
             "object" : "chatkit.thread_item",
             "thread_id" : "string",
             "type" : "chatkit.user_message"
          }
       ],
       "first_id" : "string",
       "has_more" : false,
       "last_id" : "string",
       "object" : "list"
    }
    """

    /// Seed 004, GET and POST /conversations/{conversation_id} (both examples are this one).
    static let conversation = """
    {
    "created_at" : 0,
    "id" : "string",
    "metadata" : null,
    "object" : "conversation"
    }
    """

    /// Seed 004, DELETE /conversations/{conversation_id}.
    static let deletedConversation = """
    {
    "deleted" : false,
    "id" : "string",
    "object" : "conversation.deleted"
    }
    """
}

@Suite("Seed document examples")
struct SeedExampleTests {
    @Test("Seed 000 thread decodes field by field")
    func thread000() throws {
        let thread = try decode(ThreadResource.self, Seeds.thread000)
        #expect(thread.id == "cthr_def456")
        #expect(thread.object == "chatkit.thread")
        #expect(thread.createdAt == 1_712_345_600)
        #expect(thread.title == "Demo feedback")
        #expect(thread.status == .active(ActiveStatus()))
        #expect(thread.user == "user_456")
        guard case .active(let active) = thread.status else {
            Issue.record("expected .active, got \(thread.status)")
            return
        }
        #expect(active.type == "active")
    }

    @Test("Seed 003 thread decodes to the same value as seed 000 and to the value built in code")
    func thread003() throws {
        let fromSeed003 = try decode(ThreadResource.self, Seeds.thread003)
        let fromSeed000 = try decode(ThreadResource.self, Seeds.thread000)
        let built = ThreadResource(
            id: "cthr_def456", createdAt: 1_712_345_600, title: "Demo feedback", status: .active(ActiveStatus()),
            user: "user_456")
        #expect(fromSeed003 == built)
        #expect(fromSeed000 == built)
    }

    @Test("Seed 003's second example (embedded items, no created_at/status/user) is not a ThreadResource")
    func threadWithEmbeddedItemsIsRejected() throws {
        let error = decodingError(ThreadResource.self, Seeds.threadWithEmbeddedItems003)
        let missing = try #require(keyNotFound(error), "expected keyNotFound, got \(String(describing: error))")
        #expect(missing.key == "created_at")
        #expect(missing.path == [])
    }

    @Test("Seed 000 deleted thread")
    func deletedThread() throws {
        let deleted = try decode(DeletedThreadResource.self, Seeds.deletedThread)
        #expect(deleted.id == "string")
        #expect(deleted.deleted == false)
        #expect(deleted.object == "chatkit.thread.deleted")
        #expect(deleted == DeletedThreadResource(id: "string", deleted: false))
    }

    @Test("Seed 001 thread list")
    func threadList() throws {
        let list = try decode(ThreadListResource.self, Seeds.threadList)
        #expect(list.object == "list")
        #expect(list.firstID == "string")
        #expect(list.lastID == "string")
        #expect(list.hasMore == false)
        try #require(list.data.count == 1)
        let thread = list.data[0]
        #expect(thread.id == "cthr_def456")
        #expect(thread.createdAt == 1_712_345_600)
        #expect(thread.title == "Demo feedback")
        #expect(thread.status == .active(ActiveStatus()))
        #expect(thread.user == "user_456")
    }

    @Test("Seed 002 thread items list: a user message with text, an image attachment and inference options")
    func threadItems() throws {
        let page = try decode(ThreadItemListResource.self, Seeds.threadItems)
        #expect(page.object == "list")
        #expect(page.firstID == "string")
        #expect(page.lastID == "string")
        #expect(page.hasMore == false)
        try #require(page.data.count == 1)
        guard case .userMessage(let message) = page.data[0] else {
            Issue.record("expected .userMessage, got \(page.data[0])")
            return
        }
        #expect(message.id == "string")
        #expect(message.object == "chatkit.thread_item")
        #expect(message.type == "chatkit.user_message")
        #expect(message.createdAt == 0)
        #expect(message.threadID == "string")
        #expect(message.content == [.inputText(UserMessageInputText(text: "string"))])
        guard case .inputText(let text) = try #require(message.content.first) else {
            Issue.record("expected .inputText, got \(message.content)")
            return
        }
        #expect(text.text == "string")
        #expect(text.type == "input_text")
        try #require(message.attachments.count == 1)
        let attachment = message.attachments[0]
        #expect(attachment.type == .image)
        #expect(attachment.id == "string")
        #expect(attachment.name == "string")
        #expect(attachment.mimeType == "string")
        #expect(attachment.previewURL == "string")
        let options = try #require(message.inferenceOptions)
        #expect(options.model == "string")
        #expect(options.toolChoice?.id == "string")
        #expect(options == InferenceOptions(toolChoice: ToolChoice(id: "string"), model: "string"))
    }

    @Test("Seed 004 conversation with metadata null")
    func conversation() throws {
        let conversation = try decode(ConversationResource.self, Seeds.conversation)
        #expect(conversation.id == "string")
        #expect(conversation.createdAt == 0)
        #expect(conversation.object == "conversation")
        #expect(conversation.metadata == .null)
        #expect(conversation == ConversationResource(id: "string", createdAt: 0, metadata: .null))
    }

    @Test("Seed 004 deleted conversation")
    func deletedConversation() throws {
        let deleted = try decode(DeletedConversationResource.self, Seeds.deletedConversation)
        #expect(deleted.id == "string")
        #expect(deleted.deleted == false)
        #expect(deleted.object == "conversation.deleted")
    }

    @Test(
        "Every seed example re-encodes to the same JSON document",
        arguments: [
            ("thread000", Seeds.thread000), ("thread003", Seeds.thread003), ("deletedThread", Seeds.deletedThread),
            ("threadList", Seeds.threadList), ("threadItems", Seeds.threadItems),
            ("conversation", Seeds.conversation), ("deletedConversation", Seeds.deletedConversation),
        ])
    func seedReencodes(name: String, json: String) throws {
        let reencoded: Data
        switch name {
        case "thread000", "thread003": reencoded = try encode(try decode(ThreadResource.self, json))
        case "deletedThread": reencoded = try encode(try decode(DeletedThreadResource.self, json))
        case "threadList": reencoded = try encode(try decode(ThreadListResource.self, json))
        case "threadItems": reencoded = try encode(try decode(ThreadItemListResource.self, json))
        case "conversation": reencoded = try encode(try decode(ConversationResource.self, json))
        case "deletedConversation": reencoded = try encode(try decode(DeletedConversationResource.self, json))
        default:
            Issue.record("no type for \(name)")
            return
        }
        #expect(try jsonValue(reencoded) == jsonValue(json))
        #expect(try foundationEqual(reencoded, Data(json.utf8)))
    }
}
