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

@Suite struct WordSplittingTests {
    @Test(arguments: [
        ("created_at", ["created", "at"]),
        ("ListThreadsMethod", ["List", "Threads", "Method"]),
        ("HTTPHeader", ["HTTP", "Header"]),
        ("chatkit.user_message", ["chatkit", "user", "message"]),
        ("gpt4o-mini", ["gpt4o", "mini"]),
        ("a2B", ["a2", "B"]),
        ("__x__", ["x"]),
        ("", []),
        ("élanVital", ["élan", "Vital"]),
        ("ÜberHTTPThing", ["Über", "HTTP", "Thing"]),
    ])
    func words(text: String, words: [String]) {
        #expect(Naming.words(text) == words)
    }
}
