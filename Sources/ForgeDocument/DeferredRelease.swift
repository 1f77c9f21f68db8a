import Foundation

/// Values a run is done with, held until this holder is dropped instead of being freed where they fall out of use.
///
/// Freeing the whole OpenAI spec's YAML trees and document model takes about a tenth of a run, on the thread that
/// the next stage waits for. Kept here, they are freed after the output is written, when the caller drops the holder;
/// a command-line tool that exits right after the output is written never frees them at all (like a compiler
/// driver, it leaves that to the kernel).
public final class DeferredRelease: @unchecked Sendable {
    // Only ever appended to and dropped, never read: no value is used from two threads.
    private let lock = NSLock()
    private var values: [Any] = []

    public init() {}

    /// Holds `value` until this holder is dropped.
    public func keep(_ value: Any) {
        lock.withLock { values.append(value) }
    }

    /// How many values are held (for tests).
    public var count: Int { lock.withLock { values.count } }
}
