#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One refresh at a time per output folder (operations.md B1): an exclusive `flock` on the lock file and one
/// on the output folder itself, both dropped by the kernel when the process ends, even on `kill -9`.
///
/// The folder's lock is the one that cannot be stolen: removing or replacing the lock file while a refresh
/// holds it lets a second process lock a new file, but not the folder. `isIntact` tells the holder whether
/// its lock file is still the one at `path`, so a refresh whose lock file was tampered with publishes nothing.
public final class RunLock {
    private let descriptor: Int32
    private let folderDescriptor: Int32
    public let path: String

    /// Takes both locks, or waits for them when `wait` is set.
    /// - Parameter folder: the output folder the refresh writes; it must exist.
    /// - Throws: `.temporary` (exit 75) when another run holds either lock; `.cannotWrite` when the lock file
    ///   or the folder cannot be opened.
    public init(path: String, folder: String, wait: Bool) throws {
        self.path = path
        descriptor = try Self.lockedFile(path, wait: wait)
        folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folderDescriptor >= 0 else {
            close(descriptor)
            throw WijkbeeldError(.cannotWrite, "cannot open the output folder \(folder) to lock it")
        }
        while flock(folderDescriptor, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            if errno == EINTR { continue }
            close(folderDescriptor)
            close(descriptor)
            throw WijkbeeldError(.temporary, "another refresh is writing \(folder); try again later")
        }
    }

    /// Opens and locks the lock file; retries when the file at `path` was replaced between the open and the
    /// lock, so the lock held is always on the file that `path` names.
    private static func lockedFile(_ path: String, wait: Bool) throws -> Int32 {
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw WijkbeeldError(
                    .cannotWrite, "cannot open the lock file \(path): check that its folder exists and is writable")
            }
            while flock(descriptor, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
                if errno == EINTR { continue }
                close(descriptor)
                throw WijkbeeldError(.temporary, "another refresh holds \(path); try again later")
            }
            if sameFile(descriptor, path) { return descriptor }
            close(descriptor)
        }
    }

    private static func sameFile(_ descriptor: Int32, _ path: String) -> Bool {
        var held = stat()
        var named = stat()
        guard fstat(descriptor, &held) == 0, stat(path, &named) == 0 else { return false }
        return held.st_dev == named.st_dev && held.st_ino == named.st_ino
    }

    /// Whether the lock file at `path` is still the file this lock holds (not removed or replaced).
    public var isIntact: Bool { Self.sameFile(descriptor, path) }

    deinit {
        flock(folderDescriptor, LOCK_UN)
        close(folderDescriptor)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
