#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One refresh at a time (operations.md B1): an exclusive `flock` on a lock file, which the kernel drops
/// when the process ends, even on `kill -9`.
public final class RunLock {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock, or waits for it when `wait` is set.
    /// - Throws: `.busy` (exit 75) when another run holds it; `.cannotWrite` when the file cannot be opened.
    public init(path: String, wait: Bool) throws {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw WijkbeeldError(
                .cannotWrite, "cannot open the lock file \(path): check that its folder exists and is writable")
        }
        while flock(descriptor, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            if errno == EINTR { continue }
            close(descriptor)
            throw WijkbeeldError(.temporary, "another refresh holds \(path); try again later")
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
