/// Per-lane values shared with the threads of one parallel step, written under its lock.
final class LaneBox<Value>: @unchecked Sendable {
    var value: Value
    let lock = NSLockLike()
    init(_ value: Value) { self.value = value }
}
