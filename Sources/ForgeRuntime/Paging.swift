/// One page of a cursor-paginated list, as the auto-pager needs it.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var hasMore: Bool
    /// The cursor for the next page (`last_id`).
    public var nextCursor: String?

    public init(items: [Item], hasMore: Bool, nextCursor: String?) {
        self.items = items
        self.hasMore = hasMore
        self.nextCursor = nextCursor
    }
}

/// Every item of a paginated list, fetched page by page as iteration reaches it.
///
///     for try await item in client.allThreadItems(threadID: id) { … }
///
/// A page is requested only when the previous one is used up; iteration ends after a page with `has_more == false`
/// (or one that gives no cursor to continue from).
public struct AutoPager<Item: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Item
    let fetch: @Sendable (_ cursor: String?) async throws -> Page<Item>

    /// `fetch(nil)` gets the first page; `fetch(cursor)` the page after `cursor`.
    public init(fetch: @escaping @Sendable (_ cursor: String?) async throws -> Page<Item>) {
        self.fetch = fetch
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(fetch: fetch)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let fetch: @Sendable (String?) async throws -> Page<Item>
        var buffer: [Item] = []
        var index = 0
        var cursor: String?
        var started = false
        var finished = false

        public mutating func next() async throws -> Item? {
            while index == buffer.count {
                guard !finished else { return nil }
                let page = try await fetch(started ? cursor : nil)
                started = true
                buffer = page.items
                index = 0
                cursor = page.nextCursor
                finished = !page.hasMore || page.nextCursor == nil || page.items.isEmpty
            }
            defer { index += 1 }
            return buffer[index]
        }
    }
}
