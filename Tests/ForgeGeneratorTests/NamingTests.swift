import ForgeGenerator
import Testing

@Suite struct NamingTests {
    @Test(arguments: [
        ("created_at", "createdAt"),
        ("thread_id", "threadID"),
        ("preview_url", "previewURL"),
        ("id", "id"),
        ("first_id", "firstID"),
        ("Retry-After", "retryAfter"),
        ("x-request-id", "xRequestID"),
        ("ListThreadsMethod", "listThreadsMethod"),
        ("HTTPHeader", "httpHeader"),
        ("2fa-enabled", "_2faEnabled"),
        ("default", "`default`"),
        ("self", "`self`"),
        ("Type", "type"),
        ("file_ids", "fileIDs"),
        ("chatkit.user_message", "chatkitUserMessage"),
        ("élan_vital", "élanVital"),
    ])
    func memberNames(wire: String, swift: String) {
        #expect(Naming.memberName(wire) == swift)
    }

    @Test(arguments: [
        ("ThreadResource", "ThreadResource"),
        ("chat.completion", "ChatCompletion"),
        ("list_order", "ListOrder"),
        ("1024x1024", "_1024x1024"),
        ("getConversation", "GetConversation"),
    ])
    func typeNames(wire: String, swift: String) {
        #expect(Naming.typeName(wire) == swift)
    }

    @Test(arguments: [
        ("in_progress", "inProgress"),
        ("1024x1024", "_1024x1024"),
        ("", "empty"),
        ("-1", "minus1"),
        ("gpt-4o", "gpt4o"),
        ("asc", "asc"),
        ("case", "`case`"),
        ("+", "u2B"),
    ])
    func caseNames(raw: String, swift: String) {
        #expect(Naming.caseName(raw) == swift)
    }

    @Test(arguments: [("tasks", "tasks".dropLast().description), ("annotations", "annotation"), ("entries", "entry"),
                      ("content", "content"), ("status", "status"), ("boxes", "box")])
    func singulars(plural: String, singular: String) {
        #expect(Naming.singular(plural) == singular)
    }
}
