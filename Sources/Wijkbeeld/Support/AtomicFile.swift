#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes whole files atomically: a sibling temporary file, `fsync`, `rename(2)`, then `fsync` of
/// the folder (operations.md B3), so a reader never sees half a file.
public enum AtomicFile {
    /// - Throws: `.cannotWrite` naming the file when any step fails; the temporary file is removed.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw failure(path, "cannot create") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                let error = failure(path, "cannot write")
                close(descriptor)
                unlink(temporary)
                throw error
            }
            offset += written
        }
        if fsync(descriptor) != 0 || close(descriptor) != 0 {
            unlink(temporary)
            throw failure(path, "cannot flush")
        }
        guard rename(temporary, path) == 0 else {
            let error = failure(path, "cannot rename into place")
            unlink(temporary)
            throw error
        }
        let folder = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
        let folderDescriptor = open(folder.isEmpty ? "/" : folder, O_RDONLY)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    private static func failure(_ path: String, _ what: String) -> WijkbeeldError {
        WijkbeeldError(
            .cannotWrite, "\(what) \(path): check free disk space and permissions",
            cause: String(cString: strerror(errno)))
    }
}
