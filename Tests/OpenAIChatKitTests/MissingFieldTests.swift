import Foundation
import ForgeRuntime
import OpenAIChatKit
import Testing

let userMessageWithoutThreadID = #"{"id": "u1", "object": "chatkit.thread_item", "created_at": 1, "type": "chatkit.user_message", "content": [{"type": "input_text", "text": "hi"}], "attachments": [], "inference_options": null}"#

@Suite("Missing or mistyped required fields name their path")
struct MissingFieldTests {
    @Test("Item 0 (a user message) without thread_id: keyNotFound(thread_id) at [data, 0]")
    func missingThreadID() throws {
        let error = decodingError(ThreadItemListResource.self, itemPage(userMessageWithoutThreadID))
        let missing = try #require(keyNotFound(error), "expected keyNotFound, got \(String(describing: error))")
        #expect(missing.key == "thread_id")
        #expect(missing.path == ["data", 0])
    }

    @Test("An annotation without source in item 1: keyNotFound(source) at [data, 1, content, 0, annotations, 1]")
    func missingAnnotationSource() throws {
        let json = #"""
        {"object": "list", "first_id": "a", "last_id": "b", "has_more": false, "data": [
          {"id": "w", "object": "chatkit.thread_item", "created_at": 1, "thread_id": "t", "type": "chatkit.widget", "widget": "{}"},
          {"id": "a", "object": "chatkit.thread_item", "created_at": 2, "thread_id": "t", "type": "chatkit.assistant_message",
           "content": [{"type": "output_text", "text": "x", "annotations": [
              {"type": "url", "source": {"type": "url", "url": "https://example.com"}},
              {"type": "file"}]}]}
        ]}
        """#
        let error = decodingError(ThreadItemListResource.self, json)
        let missing = try #require(keyNotFound(error), "expected keyNotFound, got \(String(describing: error))")
        #expect(missing.key == "source")
        #expect(missing.path == ["data", 1, "content", 0, "annotations", 1])
    }

    @Test("A required nullable key that is absent (inference_options) is keyNotFound at [data, 0]")
    func missingNullableKey() throws {
        let item = #"{"id": "u1", "object": "chatkit.thread_item", "created_at": 1, "thread_id": "t", "type": "chatkit.user_message", "content": [], "attachments": []}"#
        let missing = try #require(keyNotFound(decodingError(ThreadItemListResource.self, itemPage(item))))
        #expect(missing.key == "inference_options")
        #expect(missing.path == ["data", 0])
    }

    @Test("An attachment without preview_url: keyNotFound(preview_url) at [data, 0, attachments, 0]")
    func missingPreviewURL() throws {
        let item = #"{"id": "u1", "object": "chatkit.thread_item", "created_at": 1, "thread_id": "t", "type": "chatkit.user_message", "content": [], "attachments": [{"type": "image", "id": "a", "name": "n", "mime_type": "image/png"}], "inference_options": null}"#
        let missing = try #require(keyNotFound(decodingError(ThreadItemListResource.self, itemPage(item))))
        #expect(missing.key == "preview_url")
        #expect(missing.path == ["data", 0, "attachments", 0])
    }

    @Test("A thread item without its type discriminator: keyNotFound(type) at [data, 0]")
    func missingDiscriminator() throws {
        let item = #"{"id": "w", "object": "chatkit.thread_item", "created_at": 1, "thread_id": "t", "widget": "{}"}"#
        let missing = try #require(keyNotFound(decodingError(ThreadItemListResource.self, itemPage(item))))
        #expect(missing.key == "type")
        #expect(missing.path == ["data", 0])
    }

    @Test("Inference options without model: keyNotFound(model) at [data, 0, inference_options]")
    func missingModel() throws {
        let item = #"{"id": "u1", "object": "chatkit.thread_item", "created_at": 1, "thread_id": "t", "type": "chatkit.user_message", "content": [], "attachments": [], "inference_options": {"tool_choice": null}}"#
        let missing = try #require(keyNotFound(decodingError(ThreadItemListResource.self, itemPage(item))))
        #expect(missing.key == "model")
        #expect(missing.path == ["data", 0, "inference_options"])
    }

    @Test("A list without first_id: keyNotFound(first_id) at the root")
    func missingFirstID() throws {
        let json = #"{"object": "list", "data": [], "last_id": null, "has_more": false}"#
        let missing = try #require(keyNotFound(decodingError(ThreadItemListResource.self, json)))
        #expect(missing.key == "first_id")
        #expect(missing.path == [])
    }

    @Test("A mistyped field: created_at as a string is typeMismatch at [data, 0, created_at]")
    func mistypedCreatedAt() throws {
        let item = #"{"id": "w", "object": "chatkit.thread_item", "created_at": "yesterday", "thread_id": "t", "type": "chatkit.widget", "widget": "{}"}"#
        #expect(typeMismatchPath(decodingError(ThreadItemListResource.self, itemPage(item))) == ["data", 0, "created_at"])
    }
}
