import Dispatch

/// A value handed to worker threads that only read it, or write disjoint parts of it: the caller
/// vouches for that, the compiler cannot check it.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Work split over the machine's two cores, for loops whose iterations are independent.
enum BothCores {
    /// `transform(index)` for every index below `count`, in order: the first half on one core and the
    /// second half on the other. Short loops stay on the calling thread.
    static func map<T>(_ count: Int, minimum: Int = 1_024, _ transform: (Int) -> T) -> [T] {
        guard count >= minimum else { return (0..<count).map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            let work = UncheckedSendable(transform)
            let halves = Halves<T>()
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                let part = (half == 0 ? 0..<(count / 2) : (count / 2)..<count).map(work.value)
                halves.lock.withLock { halves.parts[half] = part }
            }
            return halves.parts[0] + halves.parts[1]
        }
    }

    private final class Halves<T>: @unchecked Sendable {
        var parts: [[T]] = [[], []]
        let lock = NSLockLike()
    }
}
