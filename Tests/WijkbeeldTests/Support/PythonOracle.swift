import Foundation

/// Runs Python's `csv` module as an independent reference implementation for differential tests.
enum PythonOracle {
    /// Parses each file with `csv.reader(strict=True)` and the given delimiter; returns rows per file.
    static func parse(files: [(path: String, delimiter: String)]) throws -> [[[String]]] {
        let script = """
            import csv, json, sys
            out = []
            for line in sys.stdin:
                path, delim = json.loads(line)
                with open(path, newline='', encoding='utf-8-sig') as f:
                    out.append([row for row in csv.reader(f, delimiter=delim, strict=True)])
            json.dump(out, sys.stdout)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let request = try files.map { file -> String in
            let data = try JSONSerialization.data(withJSONObject: [file.path, file.delimiter])
            return String(decoding: data, as: UTF8.self)
        }.joined(separator: "\n")
        input.fileHandleForWriting.write(Data(request.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "PythonOracle", code: Int(process.terminationStatus))
        }
        return try JSONDecoder().decode([[[String]]].self, from: data)
    }
}

/// A temporary folder removed when the value is released.
final class TemporaryFolder: Sendable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "wijkbeeld-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        let folder = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }
}
