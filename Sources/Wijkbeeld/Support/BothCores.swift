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

    /// `work(index)` for every index below `count`, in order, each a task taken by whichever core is
    /// free: for a few independent jobs of uneven size (the columns of two tables of different length).
    static func tasks<T>(_ count: Int, _ work: (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(work) }
        return withoutActuallyEscaping(work) { work in
            let job = UncheckedSendable(work)
            let results = Slots<T>(count: count)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                let value = job.value(index)
                results.lock.withLock { results.values[index] = Slots.Filled(value: value) }
            }
            // Every slot is filled when concurrentPerform returns.
            return results.values.compactMap { $0?.value }
        }
    }

    private final class Slots<T>: @unchecked Sendable {
        struct Filled { var value: T }
        var values: [Filled?]
        let lock = NSLockLike()
        init(count: Int) { values = Array(repeating: nil, count: count) }
    }

    private final class Halves<T>: @unchecked Sendable {
        var parts: [[T]] = [[], []]
        let lock = NSLockLike()
    }
}
