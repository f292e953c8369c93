import Foundation
import Testing

@testable import Wijkbeeld

/// F1 of school ↔ care register linkage on a generated district with its truth, with and without the
/// BSN (the benchmark of `make bench`, on a fresh seed).
@Suite struct LinkageQualityTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    @Test func schoolAndCareRecordsLinkWithHighF1WithAndWithoutIdentifiers() throws {
        let sample = try TestData.sample(seed: 2_024, persons: 12_000)
        let folder = try TemporaryFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root + "/bench/linkage_data.py", sample.root, folder.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let left = try RecordLinker.Table.read(folder.path + "/left.csv")
        let right = try RecordLinker.Table.read(folder.path + "/right.csv")
        let truthTable = try RecordLinker.Table.read(folder.path + "/truth.csv")
        let truth = Set(truthTable.rows.map { $0[0] + "\u{1F}" + $0[1] })
        #expect(truth.count > 200)
        var scores: [String: Double] = [:]
        for name in ["link-spec", "link-spec-ids"] {
            let linker = try RecordLinker(
                specification: try LinkSpecification.load(Self.root + "/bench/\(name).yaml"), left: left, right: right)
            scores[name] = try linker.evaluate(try linker.run(), truth: truth).f1
        }
        #expect((scores["link-spec-ids"] ?? 0) >= 0.998, "F1 with the BSN: \(scores)")
        #expect((scores["link-spec"] ?? 0) >= 0.99, "F1 without identifiers: \(scores)")
    }
}
