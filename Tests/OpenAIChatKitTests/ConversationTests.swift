import Foundation
import ForgeRuntime
import OpenAIChatKit
import Testing

let metadataCases: [(String, JSONValue)] = [
    ("null", .null),
    (#"{"topic": "billing"}"#, ["topic": "billing"]),
    (#"{"a": {"b": [1, "x", false, null, 2.5]}, "n": -3}"#, ["a": ["b": [1, "x", false, nil, 2.5]], "n": -3]),
    (#"[1, 2]"#, [1, 2]),
    (#""plain""#, "plain"),
]

@Suite("Conversations: free-form metadata and the update body")
struct ConversationTests {
    @Test(
        "ConversationResource.metadata accepts any JSON and round-trips",
        arguments: metadataCases)
    func metadataAnyJSON(metadata: String, expected: JSONValue) throws {
        let json = #"{"id": "conv_1", "object": "conversation", "created_at": 1710000000, "metadata": \#(metadata)}"#
        let conversation = try decode(ConversationResource.self, json)
        #expect(conversation.metadata == expected)
        #expect(conversation.id == "conv_1")
        #expect(conversation.createdAt == 1_710_000_000)
        #expect(try roundTrip(conversation) == conversation)
        #expect(try jsonValue(encode(conversation)) == jsonValue(json))
    }

    @Test("A conversation with metadata null encodes \"metadata\": null and object conversation")
    func conversationEncoding() throws {
        let conversation = ConversationResource(id: "c", createdAt: 0, metadata: .null)
        #expect(try encodedText(conversation) == #"{"created_at":0,"id":"c","metadata":null,"object":"conversation"}"#)
    }

    @Test("A conversation without the metadata key fails with keyNotFound(metadata)")
    func conversationMissingMetadata() throws {
        let missing = try #require(
            keyNotFound(decodingError(ConversationResource.self, #"{"id": "c", "object": "conversation", "created_at": 0}"#)))
        #expect(missing.key == "metadata")
        #expect(missing.path == [])
    }

    @Test("UpdateConversationBody(metadata: nil) encodes {\"metadata\":null} and round-trips")
    func updateBodyNil() throws {
        let body = UpdateConversationBody(metadata: nil)
        #expect(try encodedText(body) == #"{"metadata":null}"#)
        let object = try foundationObject(body)
        #expect(object.keys.contains("metadata"))
        #expect(object["metadata"] is NSNull)
        #expect(try roundTrip(body) == body)
        #expect(try decode(UpdateConversationBody.self, #"{"metadata": null}"#) == body)
    }

    @Test("UpdateConversationBody with a map encodes it and round-trips")
    func updateBodyMap() throws {
        let body = UpdateConversationBody(metadata: ["topic": "billing", "priority": "high"])
        #expect(try encodedText(body) == #"{"metadata":{"priority":"high","topic":"billing"}}"#)
        #expect(try roundTrip(body) == body)
        let decoded = try decode(UpdateConversationBody.self, #"{"metadata": {"topic": "billing", "priority": "high"}}"#)
        #expect(decoded.metadata == ["topic": "billing", "priority": "high"])
    }

    @Test("UpdateConversationBody requires the metadata key and string values")
    func updateBodyErrors() throws {
        let missing = try #require(keyNotFound(decodingError(UpdateConversationBody.self, "{}")))
        #expect(missing.key == "metadata")
        #expect(typeMismatchPath(decodingError(UpdateConversationBody.self, #"{"metadata": {"count": 3}}"#)) == ["metadata", "count"])
    }

    @Test("A wrong deleted-conversation constant fails at [object]")
    func deletedConversationConstant() throws {
        let json = #"{"id": "c", "object": "conversation", "deleted": true}"#
        #expect(dataCorruptedPath(decodingError(DeletedConversationResource.self, json)) == ["object"])
        let ok = try decode(DeletedConversationResource.self, #"{"id": "c", "object": "conversation.deleted", "deleted": true}"#)
        #expect(ok == DeletedConversationResource(id: "c", deleted: true))
        #expect(try encodedText(ok) == #"{"deleted":true,"id":"c","object":"conversation.deleted"}"#)
    }
}
