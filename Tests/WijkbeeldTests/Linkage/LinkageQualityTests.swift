import Foundation
import Testing

@testable import Wijkbeeld

/// F1 of school ↔ care register linkage on a generated district with its truth, with and without the
/// BSN (the benchmark of `make bench`, on a fresh seed).
@Suite struct LinkageQualityTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// The bench's pupil and care files made from a generated data folder, linked with both bench
    /// specifications: F1 per specification. Each is linked twice, by separate linkers, to the same bytes.
    private func scores(_ data: String) throws -> [String: Double] {
        let folder = try TemporaryFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root + "/bench/linkage_data.py", data, folder.path]
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
            let specification = try LinkSpecification.load(Self.root + "/bench/\(name).yaml")
            let linker = try RecordLinker(specification: specification, left: left, right: right)
            let result = try linker.run()
            let again = try RecordLinker(specification: specification, left: left, right: right)
            #expect(try linker.csv(result) == again.csv(try again.run()), "\(name) is not deterministic")
            scores[name] = try linker.evaluate(result, truth: truth).f1
        }
        return scores
    }

    /// A fresh seed: the model must not be tuned to the committed sample.
    @Test func schoolAndCareRecordsLinkWithHighF1WithAndWithoutIdentifiers() throws {
        let sample = try TestData.sample(seed: 2_024, persons: 12_000)
        let scores = try scores(sample.root)
        #expect((scores["link-spec-ids"] ?? 0) >= 0.998, "F1 with the BSN: \(scores)")
        #expect((scores["link-spec"] ?? 0) >= 0.99, "F1 without identifiers: \(scores)")
    }

    /// The district sample of `make bench`: the target, F1 ≥ 0.999 with and without the BSN.
    @Test func theBenchDistrictLinksWithF1OfAtLeast0999() throws {
        let scores = try scores(Self.root + "/data-samples")
        #expect((scores["link-spec-ids"] ?? 0) >= 0.999, "F1 with the BSN: \(scores)")
        #expect((scores["link-spec"] ?? 0) >= 0.999, "F1 without identifiers: \(scores)")
    }
}
