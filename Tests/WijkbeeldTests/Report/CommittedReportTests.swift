import Foundation
import Testing

@testable import Wijkbeeld

/// The example under `reports/` is exactly what `make report` produces: run the same command on
/// `data-samples/` with the run time and commit recorded in its manifest, and every file is the same.
@Suite struct CommittedReportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    @Test func theCommittedReportSetIsWhatMakeReportWrites() throws {
        let committed = Self.root + "/reports"
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: committed + "/manifest.json")))
            as? [String: Any] ?? [:]
        let formatter = ISO8601DateFormatter()
        var options = ReportOptions()
        options.generatedAt = try #require((manifest["generated_at"] as? String).flatMap(formatter.date))
        options.commit = try #require((manifest["pipeline"] as? [String: Any])?["git_commit"] as? String)
        // As the Makefile's `report` target names it.
        options.schoolNames = ["SYNTHBRIN01": "De Zuidwester"]
        let input = Self.root + "/data-samples"
        let output = try TemporaryFolder()
        _ = try ReportPublisher.write(
            input: input, output: output.path + "/reports", key: try PseudonymKey.resolve(keyFile: nil, input: input),
            options: options)
        let names = try FileManager.default.contentsOfDirectory(atPath: committed).sorted()
        #expect(names == (try FileManager.default.contentsOfDirectory(atPath: output.path + "/reports").sorted()))
        for name in names {
            let expected = try Data(contentsOf: URL(fileURLWithPath: committed + "/" + name))
            let actual = try Data(contentsOf: URL(fileURLWithPath: output.path + "/reports/" + name))
            #expect(expected == actual, "reports/\(name) is not what `make report` writes: run it and commit")
        }
    }
}
