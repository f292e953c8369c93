import Crypto
import Foundation

/// A folder of outputs published as one set (`report`, `run`, `indicators`, `national`, `transform --export`):
/// built in a staging folder next to it and swapped in whole with two renames, so a failure leaves the earlier
/// set as it was. An existing folder is replaced only when every file in it is one wijkbeeld wrote there, as
/// its `manifest.json` says with each file's sha256; nothing wijkbeeld did not write is ever deleted.
public enum PublishedFolder {
    /// One output file and its mode (0600 for files with pseudonyms).
    public struct File: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public var mode: mode_t

        public init(_ name: String, _ bytes: [UInt8], mode: mode_t = 0o644) {
            self.name = name
            self.bytes = bytes
            self.mode = mode
        }
    }

    /// Lowercase hex SHA-256, as manifests list it.
    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// The files with a `manifest.json` listing each of them and its sha256: the marker the output guard
    /// trusts when the folder is replaced next time. Holds no time or path, so the same files give the same
    /// bytes.
    public static func withManifest(_ files: [File]) -> [File] {
        let outputs = files.map { file in
            "    {\"path\": \"\(file.name)\", \"sha256\": \"\(sha256(file.bytes))\"}"
        }
        let text =
            "{\n  \"generator\": \"wijkbeeld \(Wijkbeeld.version)\",\n  \"outputs\": [\n"
            + outputs.joined(separator: ",\n") + "\n  ]\n}\n"
        return files + [File("manifest.json", Array(text.utf8))]
    }

    /// Refuses to replace a folder unless every file in it is one wijkbeeld wrote there: listed in the folder's
    /// `manifest.json` with the same sha256. A wrong `--out`, or a folder someone added notes to or edited, is
    /// never deleted.
    /// - Throws: `.cannotWrite` (exit 73) naming the file that is in the way.
    public static func checkReplaceable(_ output: String) throws {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: output, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else {
            throw WijkbeeldError(.cannotWrite, "\(output) is a file, not a folder: choose another --out")
        }
        var present: [String] = []
        let walker = manager.enumerator(atPath: output)
        while let place = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: output + "/" + place, isDirectory: &isDirectory), !isDirectory.boolValue {
                present.append(place)
            }
        }
        if present.isEmpty { return }
        let written = writtenFiles(in: output)
        for place in present.sorted() where place != "manifest.json" {
            guard let expected = written[place] else {
                throw WijkbeeldError(
                    .cannotWrite,
                    "\(output) holds \(place), which wijkbeeld did not write there; choose an empty or new folder "
                        + "for --out, or move that file away")
            }
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: output + "/" + place))).map { [UInt8]($0) }
            guard let bytes, sha256(bytes) == expected else {
                throw WijkbeeldError(
                    .cannotWrite,
                    "\(output)/\(place) was changed after wijkbeeld wrote it; move it away or choose another --out")
            }
        }
    }

    /// The outputs the folder's `manifest.json` lists, path → sha256; empty without a readable manifest.
    private static func writtenFiles(in output: String) -> [String: String] {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: output + "/manifest.json")),
            let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let outputs = manifest["outputs"] as? [[String: Any]]
        else { return [:] }
        var files: [String: String] = [:]
        for entry in outputs {
            if let path = entry["path"] as? String, let sha256 = entry["sha256"] as? String { files[path] = sha256 }
        }
        return files
    }

    /// Checks that `output` may be replaced, writes the files into a staging folder and swaps it in.
    /// - Throws: `.cannotWrite` when the folder may not be replaced or cannot be written; the earlier set stays.
    public static func publish(_ files: [File], to output: String) throws {
        try checkReplaceable(output)
        let manager = FileManager.default
        let trimmed = output.hasSuffix("/") ? String(output.dropLast()) : output
        let staging = trimmed + ".staging-\(ProcessInfo.processInfo.processIdentifier)"
        let old = trimmed + ".old-\(ProcessInfo.processInfo.processIdentifier)"
        try? manager.removeItem(atPath: staging)
        do {
            try manager.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw WijkbeeldError(
                .cannotWrite, "cannot create \(staging): check that the parent of \(output) is writable")
        }
        do {
            for file in files {
                let path = staging + "/" + file.name
                try manager.createDirectory(
                    atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
                    withIntermediateDirectories: true)
                try AtomicFile.write(file.bytes, to: path, mode: file.mode)
            }
            if manager.fileExists(atPath: trimmed) { try manager.moveItem(atPath: trimmed, toPath: old) }
            try manager.moveItem(atPath: staging, toPath: trimmed)
        } catch {
            try? manager.removeItem(atPath: staging)
            if manager.fileExists(atPath: old) && !manager.fileExists(atPath: trimmed) {
                try? manager.moveItem(atPath: old, toPath: trimmed)
            }
            if let error = error as? WijkbeeldError { throw error }
            throw WijkbeeldError(.cannotWrite, "cannot publish \(output)", cause: "\(error)")
        }
        try? manager.removeItem(atPath: old)
    }
}
