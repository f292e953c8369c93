import Crypto
import Foundation

/// The content of an input folder at one moment: every file's size and SHA-256 (operations.md B9–B11).
/// Compared before and after a run, and turned into the cache key that says whether a period changed.
public struct InputSnapshot: Sendable, Equatable {
    public struct File: Sendable, Equatable {
        /// Path relative to the input folder.
        public var path: String
        public var bytes: Int
        public var sha256: String
        /// The file may have been cut off while being written or copied (operations.md B11): it does not end
        /// with a line feed and no `<name>.sha256` sidecar vouches for it, or its sidecar's digest differs.
        /// A reader cannot tell a complete last row without a line feed from a cut one (`R;123456789;` may
        /// have lost its year), so the unattended refresh quarantines such a file; a sidecar settles it.
        public var isTruncated: Bool
    }

    public var files: [File]

    /// Reads every regular file under `folder` once, streaming, in path order.
    /// - Throws: `.noInput` when the folder is missing or a file cannot be read.
    public static func take(_ folder: String) throws -> InputSnapshot {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw WijkbeeldError(.noInput, "the input folder \(folder) does not exist")
        }
        var paths: [String] = []
        let enumerator = manager.enumerator(atPath: folder)
        while let place = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: folder + "/" + place, isDirectory: &isDirectory), !isDirectory.boolValue,
                !place.split(separator: "/").contains(where: { $0.hasPrefix(".") })
            {
                paths.append(place)
            }
        }
        return InputSnapshot(files: try paths.sorted().map { try file(folder, $0) })
    }

    static func file(_ folder: String, _ place: String) throws -> File {
        guard let handle = FileHandle(forReadingAtPath: folder + "/" + place) else {
            throw WijkbeeldError(.noInput, "cannot read \(place) in \(folder): check its permissions")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes = 0
        var last: UInt8 = 10
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
            bytes += chunk.count
            last = chunk.last ?? last
        }
        let sha256 = TableValidator.hex(hasher.finalize())
        var truncated = bytes > 0 && last != 10 && place.lowercased().hasSuffix(".csv")
        // A sidecar with the expected SHA-256 (first word of `<name>.sha256`, as `sha256sum` writes it).
        if let sidecar = try? String(contentsOfFile: folder + "/" + place + ".sha256", encoding: .utf8) {
            let expected = sidecar.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).first
            truncated = expected.map { $0.lowercased() != sha256 } ?? true
        }
        return File(path: place, bytes: bytes, sha256: sha256, isTruncated: truncated)
    }

    /// SHA-256 over the sorted input hashes, the pipeline version, the configuration hash and the period:
    /// equal keys mean a rerun would publish the same thing (B9).
    /// What a run's outputs depend on: the input files, the program version, the configuration, the period
    /// and the key (its fingerprint), so a rotated key is a new run, not "unchanged".
    public func cacheKey(configuration: String, period: String, keyFingerprint: String) -> String {
        let text =
            files.map { "\($0.path)=\($0.sha256)" }.joined(separator: "\n")
            + "\nversion=\(Wijkbeeld.version)\nconfig=\(configuration)\nperiod=\(period)\nkey=\(keyFingerprint)\n"
        return ReportBuilder.sha256(Array(text.utf8))
    }
}
