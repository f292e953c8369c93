import Foundation
import Testing

@testable import Wijkbeeld

/// R12: the published tables do not depend on the order of the input rows.
@Suite struct RowOrderTests {
    @Test func shufflingEveryInputFileChangesNoPublishedByte() throws {
        let sample = try TestData.sample(seed: 41, persons: 2_500)
        let folder = try TemporaryFolder()
        let shuffled = folder.path + "/shuffled"
        try FileManager.default.copyItem(atPath: sample.root, toPath: shuffled)
        var random = SplitMix64(seed: 5)
        let files = try FolderValidator.discover(shuffled).files
        // Records, not lines: a quoted field may hold a line break.
        func quoted(_ field: String) -> String {
            guard field.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        // Python's csv module reads the records (BOM, CRLF and quoted line breaks as a reader of the format would).
        let parsed = try PythonOracle.parse(files: files.map { ($0.path, ";") })
        for (file, records) in zip(files, parsed) {
            guard let header = records.first else { continue }
            var rows = Array(records.dropFirst())
            for index in rows.indices.reversed() { rows.swapAt(index, random.int(in: 0...index)) }
            try ([header] + rows).map { $0.map(quoted).joined(separator: ";") }.joined(separator: "\n")
                .appending("\n").write(toFile: file.path, atomically: true, encoding: .utf8)
        }
        let key = try PseudonymKey.resolve(keyFile: nil, input: sample.root)
        var options = ReportOptions()
        options.generatedAt = Date(timeIntervalSince1970: 1_800_000_000)
        _ = try ReportPublisher.write(
            input: sample.root, output: folder.path + "/a", key: key, history: 1, options: options)
        _ = try ReportPublisher.write(
            input: shuffled, output: folder.path + "/b", key: key, history: 1, options: options)
        for name in ["indicatoren.csv", "indicatoren.json", "transform.txt"] {
            let first = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/a/" + name))
            let second = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/b/" + name))
            #expect(first == second, "\(name) depends on the row order")
        }
        // The report too, up to its provenance block (which lists the inputs' own hashes).
        func report(_ side: String) throws -> String {
            let text = try String(contentsOfFile: folder.path + "/\(side)/rapport.md", encoding: .utf8)
            return String(text[..<(text.range(of: "## Herkomst")?.lowerBound ?? text.endIndex)])
        }
        #expect(try report("a") == report("b"))
        #expect(try report("a").contains("## Verantwoording"))
    }
}
