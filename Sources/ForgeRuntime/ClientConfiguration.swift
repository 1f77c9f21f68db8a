import Foundation

/// An API key that never shows in descriptions, debug output or `dump`.
public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable,
    ExpressibleByStringLiteral
{
    /// The secret itself, for the `Authorization` header.
    public let value: String

    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }

    public var description: String { "APIKey(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// When and how long to wait before trying a request again.
public struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt (so `2` means at most three attempts).
    public var maxRetries: Int
    /// The first backoff; it doubles with each retry.
    public var initialDelay: TimeInterval
    /// The longest backoff.
    public var maxDelay: TimeInterval
    /// The longest `Retry-After` / `retry-after-ms` the client honours; a longer one fails at once instead.
    public var maxRetryAfter: TimeInterval
    /// Random spread applied to backoffs: each is multiplied by a factor in `1 - jitter ... 1`.
    public var jitter: Double

    public init(
        maxRetries: Int = 2, initialDelay: TimeInterval = 0.5, maxDelay: TimeInterval = 8,
        maxRetryAfter: TimeInterval = 60, jitter: Double = 0.25
    ) {
        self.maxRetries = maxRetries
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.jitter = jitter
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxRetries: 0)

    /// The backoff before retry number `retry` (0-based), before jitter: 0.5 s, 1 s, 2 s … capped.
    public func backoff(forRetry retry: Int) -> TimeInterval {
        min(maxDelay, initialDelay * pow(2, Double(min(retry, 30))))
    }

    /// Statuses worth retrying: timeouts, conflicts, rate limits and server errors.
    public static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 409 || status == 429 || status >= 500
    }
}

/// Everything a client needs to reach the API. Its descriptions never contain the API key.
public struct ClientConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public var baseURL: URL
    /// Sent as `Authorization: Bearer …` to operations secured by a bearer scheme.
    public var apiKey: APIKey?
    /// Added to every request (after the generated ones, so they can override nothing but add anything).
    public var extraHeaders: [String: String]
    /// Seconds one attempt may take.
    public var timeout: TimeInterval
    public var retryPolicy: RetryPolicy
    public var transport: any HTTPTransport

    public init(
        baseURL: URL, apiKey: APIKey? = nil, extraHeaders: [String: String] = [:], timeout: TimeInterval = 600,
        retryPolicy: RetryPolicy = RetryPolicy(), transport: any HTTPTransport = URLSessionTransport()
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.extraHeaders = extraHeaders
        self.timeout = timeout
        self.retryPolicy = retryPolicy
        self.transport = transport
    }

    /// The key in environment variable `name`, if it is set and not empty.
    public static func apiKey(fromEnvironment name: String) -> APIKey? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return APIKey(value)
    }

    public var description: String {
        "ClientConfiguration(baseURL: \(baseURL.absoluteString), apiKey: \(apiKey == nil ? "none" : "redacted"), "
            + "extraHeaders: \(extraHeaders.keys.sorted()), timeout: \(timeout), retryPolicy: \(retryPolicy))"
    }

    public var debugDescription: String { description }
}
