#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes whole files atomically: a sibling temporary file, `fsync`, `rename(2)`, then `fsync` of
/// the folder (operations.md B3), so a reader never sees half a file.
public enum AtomicFile {
    /// - Parameter mode: the file's permissions; private files (checker, release log, pseudonymised
    ///   exports) are written 0600, readable by their owner only.
    /// - Throws: `.cannotWrite` naming the file when any step fails; the temporary file is removed.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard descriptor >= 0 else { throw failure(path, "cannot create") }
        // The umask may take bits away; it must not leave a private file readable by others.
        guard fchmod(descriptor, mode) == 0 else {
            close(descriptor)
            unlink(temporary)
            throw failure(path, "cannot set the permissions of")
        }
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

    public static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws {
        try write(Array(text.utf8), to: path, mode: mode)
    }

    /// Writes a private file (unrounded numbers, pseudonyms) with mode 0600, refusing a place inside a folder
    /// that is published.
    /// - Parameter published: folders whose contents reach readers (`--out`); the file may not be in one.
    /// - Throws: `.configuration` for a path inside a published folder, else as `write(_:to:mode:)`.
    public static func writePrivate(_ text: String, to path: String, outside published: [String]) throws {
        let absolute = absolutePath(path)
        for folder in published {
            let root = absolutePath(folder)
            if absolute == root || absolute.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
                throw WijkbeeldError(
                    .configuration,
                    "\(path) is inside the published folder \(folder): a private file (unrounded numbers) may never "
                        + "be published; choose a place outside it")
            }
        }
        // Its folder may not exist yet (the first refresh of an output folder).
        let folder = absolute.split(separator: "/").dropLast().joined(separator: "/")
        _ = mkdir("/" + folder, 0o700)
        try write(Array(text.utf8), to: path, mode: 0o600)
    }

    /// `path` made absolute against the working directory, with `.` and `..` resolved (no symbolic links).
    static func absolutePath(_ path: String) -> String {
        var parts: [Substring] = []
        let start: String
        if path.hasPrefix("/") {
            start = path
        } else {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX))
            let cwd = getcwd(&buffer, buffer.count).map { String(cString: $0) } ?? "."
            start = cwd + "/" + path
        }
        for part in start.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    private static func failure(_ path: String, _ what: String) -> WijkbeeldError {
        WijkbeeldError(
            .cannotWrite, "\(what) \(path): check free disk space and permissions",
            cause: String(cString: strerror(errno)))
    }
}
