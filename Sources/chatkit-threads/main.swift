import ArgumentParser
import ForgeRuntime
import Foundation
import OpenAIChatKit

/// Try the generated library in one command: list ChatKit threads, or every item of one thread.
@main
struct ChatKitThreads: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chatkit-threads",
        abstract: "Lists ChatKit threads, or the items of one thread, with the generated OpenAIChatKit client.",
        discussion: """
            Examples:
              chatkit-threads list --api-key sk-... --limit 10
              chatkit-threads items cthr_123 --base-url http://127.0.0.1:8080/v1 --api-key test
            """,
        subcommands: [List.self, Items.self]
    )

    struct Options: ParsableArguments {
        @Option(help: "The API's base URL.")
        var baseURL = "https://api.openai.com/v1"

        @Option(help: "The API key (default: the OPENAI_API_KEY environment variable).")
        var apiKey: String?

        func client() throws -> ChatKitClient {
            guard let url = URL(string: baseURL), url.scheme == "http" || url.scheme == "https" else {
                throw ValidationError("--base-url must be an http or https URL")
            }
            return ChatKitClient(apiKey: apiKey, baseURL: url, timeout: 30)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List threads, newest first, every page.")
        @OptionGroup var options: Options
        @Option(help: "Stop after this many threads.") var limit: Int = 50
        @Option(help: "Only the threads of this user.") var user: String?

        func run() async throws {
            var rows: [[String]] = []
            for try await thread in try options.client().allThreads(limit: min(limit, 100), user: user) {
                rows.append([thread.id, thread.title ?? "—", describe(thread.status), thread.user, date(thread.createdAt)])
                if rows.count >= limit { break }
            }
            print(table(["ID", "TITLE", "STATUS", "USER", "CREATED"], rows))
        }
    }

    struct Items: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every item of a thread, oldest first.")
        @OptionGroup var options: Options
        @Argument(help: "The thread's identifier.") var threadID: String

        func run() async throws {
            var rows: [[String]] = []
            for try await item in try options.client().allThreadItems(threadID: threadID, order: .asc) {
                rows.append(describe(item))
            }
            print(table(["ID", "KIND", "CONTENT"], rows))
        }
    }
}

func describe(_ status: ThreadResource.Status) -> String {
    switch status {
    case .active: "active"
    case .locked(let locked): "locked" + (locked.reason.map { " (\($0))" } ?? "")
    case .closed(let closed): "closed" + (closed.reason.map { " (\($0))" } ?? "")
    case .unknown(let json): json["type"]?.stringValue ?? "unknown"
    }
}

func describe(_ item: ThreadItem) -> [String] {
    switch item {
    case .userMessage(let message):
        let text = message.content.map { content -> String in
            switch content {
            case .inputText(let input): input.text
            case .quotedText(let quoted): "> " + quoted.text
            case .unknown: "…"
            }
        }
        return [message.id, "user", text.joined(separator: " ")]
    case .assistantMessage(let message):
        return [message.id, "assistant", message.content.map(\.text).joined(separator: " ")]
    case .widget(let widget): return [widget.id, "widget", widget.widget]
    case .clientToolCall(let call): return [call.id, "tool call", "\(call.name)(\(call.arguments)) \(call.status.rawValue)"]
    case .task(let task): return [task.id, "task", task.heading ?? task.summary ?? ""]
    case .taskGroup(let group): return [group.id, "task group", "\(group.tasks.count) tasks"]
    case .unknown(let json): return [json["id"]?.stringValue ?? "?", json["type"]?.stringValue ?? "?", ""]
    }
}

func date(_ seconds: Int) -> String {
    let formatter = ISO8601DateFormatter()
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
}

/// A plain-text table with aligned columns; cells are cut at 60 characters and kept on one line.
func table(_ header: [String], _ rows: [[String]]) -> String {
    let clean = ([header] + rows).map { row in
        row.map { cell in
            let flat = cell.map { $0.isNewline ? " " : $0 }
            return flat.count > 60 ? String(flat.prefix(59)) + "…" : String(flat)
        }
    }
    let widths = header.indices.map { column in clean.map { $0[column].count }.max() ?? 0 }
    let lines = clean.map { row in
        row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
            .trimmingCharacters(in: .whitespaces)
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    return ([lines[0], rule] + lines.dropFirst() + (rows.isEmpty ? ["(none)"] : [])).joined(separator: "\n")
}
