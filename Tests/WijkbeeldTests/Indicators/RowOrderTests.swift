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
        for file in files {
            var lines = try String(contentsOfFile: file.path, encoding: .utf8).split(separator: "\n").map(String.init)
            let header = lines.removeFirst()
            for index in lines.indices.reversed() { lines.swapAt(index, random.int(in: 0...index)) }
            try ([header] + lines).joined(separator: "\n").appending("\n")
                .write(toFile: file.path, atomically: true, encoding: .utf8)
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
