import ForgeGenerator
import Testing

@testable import ForgeTranslator

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
        ("Self", "`self`"),
        ("in", "`in`"),
        ("1st", "_1st"),
        ("user-id", "userID"),
        ("日本語", "日本語"),
        ("Ünïcödé", "ünïcödé"),
        ("🙂", "u1F642"),
        ("ⸯ", "u2E2F"),
        ("*/", "u2AU2F"),
        ("", "empty"),
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
        ("404", "_404"),
        ("foo_bar", "FooBar"),
        ("café", "Café"),
        ("日本語", "日本語"),
        ("🙂", "U1F642"),
        ("ⸯx", "X"),
    ])
    func typeNames(wire: String, swift: String) {
        #expect(Naming.typeName(wire) == swift)
        #expect(Naming.typeName(wire) == typeNameByWords(wire))
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
        ("*/", "u2AU2F"),
        ("\0", "u0"),
        ("\r\n", "uDUA"),
        ("a b", "aB"),
        ("with \"quotes\"", "withQuotes"),
        (#"\(interp)"#, "interp"),
        ("🙂", "u1F642"),
        ("Self", "`self`"),
    ])
    func caseNames(raw: String, swift: String) {
        #expect(Naming.caseName(raw) == swift)
    }

    @Test(arguments: [("tasks", "task"), ("annotations", "annotation"), ("entries", "entry"),
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
        ("日本語", ["日本語"]),
        ("aⸯb", ["a", "b"]),
        ("🙂x", ["x"]),
        ("a\u{301}b", ["a\u{301}b"]),
    ])
    func words(text: String, words: [String]) {
        #expect(Naming.words(text) == words)
    }

    @Test(arguments: [
        "", "_", "__x", "1st", "9", "a_b", "HTTPServer", "ids", "A--B", "x1Y", "thread.resource", "ListThreadsMethod",
        "gpt-4o-mini", "1024x1024", "-1", "X", "aBC", "ABc", "snake_case_Name", "  spaced  out ", "Ünïcode", "日本",
    ])
    func typeNameIsThatOfItsWords(text: String) {
        #expect(Naming.typeName(text) == typeNameByWords(text))
        #expect(Naming.memberName(text) == memberNameByWords(text))
    }

    @Test(arguments: [
        "ID", "IDs", "ids", "thread_ids", "preview_urls", "HTTP_server", "https_proxy", "UUID4", "json_schema", "ip",
        "x_ip", "self", "default", "Type", "in", "ABC_def", "a1_2b", "URL", "get_URL", "is_UUIDs", "3d", "_3d", "jsonl",
    ])
    func memberNameIsThatOfItsWords(text: String) {
        #expect(Naming.memberName(text) == memberNameByWords(text))
    }

    /// The first and last parts of a qualified name are those `split(separator: ".")` gives, dots anywhere.
    @Test(arguments: [
        "A", "A.B", "A.B.C", "", ".", "..", ".A", "A.", "..A..B..", "Outer.Inner.Deepest", "é.ü", "A.\u{301}B.C",
        "\u{600}.B", "日本.語", "A.\r\n", "\r\n.B", "A.B\r\n.C..",
    ])
    func dotComponentsAreThoseOfSplit(name: String) {
        let parts = name.split(separator: ".")
        #expect(name.firstDotComponent == parts.first ?? name[...])
        #expect(name.lastDotComponent == parts.last ?? name[...])
    }
}

/// `typeName` as its words give it, one string per word: what the one-pass path for ASCII text must equal.
private func typeNameByWords(_ text: String) -> String {
    let parts = Naming.words(text)
    guard !parts.isEmpty else { return Naming.fallbackName(text, upper: true) }
    return Naming.prefixDigit(parts.map { Naming.capitalized($0, acronyms: false) }.joined())
}

/// `memberName` as its words give it, one string per word: what the one-pass path for ASCII text must equal.
private func memberNameByWords(_ text: String) -> String {
    let parts = Naming.words(text)
    guard let first = parts.first else { return Naming.escapeIfNeeded(Naming.fallbackName(text, upper: false)) }
    var result = Naming.lowercaseLeadingWord(first)
    for word in parts.dropFirst() { result += Naming.capitalized(word, acronyms: true) }
    return Naming.escapeIfNeeded(Naming.prefixDigit(result))
}
