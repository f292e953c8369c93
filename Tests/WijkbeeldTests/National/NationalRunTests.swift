import Foundation
import Testing

@testable import Wijkbeeld

/// The national run against the full pipeline (transform, then the indicators stage) as an independent
/// implementation: on the same folder both must give the same cells, before and after disclosure control.
@Suite struct NationalRunTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static func pipeline(_ input: String, _ period: ReportPeriod) throws -> IndicatorCalculator.Result {
        let tables = try Transformer.run(
            input: input, key: try PseudonymKey.resolve(keyFile: nil, input: input),
            options: TransformOptions(period: period))
        // The indicators stage always adds the family and school indicators: keep the supported ones.
        var result = try IndicatorCalculator.compute(
            tables, definitions: NationalRun.supported(IndicatorCatalogue.built))
        let ids = Set(NationalRun.supported(IndicatorCatalogue.built).map(\.id))
        result.cells = result.cells.filter { ids.contains($0.key.indicator) }
        result.unrounded = result.unrounded.filter { ids.contains($0.key.indicator) }
        return result
    }

    /// The cells that differ, as text, so that a failure reads in a few lines.
    static func differences<Cell>(_ actual: [Cell], _ expected: [Cell]) -> [String] {
        let left = actual.map { "\($0)" }
        let right = expected.map { "\($0)" }
        return Array(left.difference(from: right).map { "\($0)" }.prefix(6))
    }

    static func national(_ input: String, _ period: ReportPeriod, scope: NationalRun.Scope, parts: Int = 2)
        throws -> (run: NationalRun, result: IndicatorCalculator.Result)
    {
        let run = NationalRun(input: input, options: TransformOptions(period: period), parts: parts)
        run.minimumSplitBytes = 1 << 10
        return (run, try run.compute(scope: scope))
    }

    @Test func theSupportedIndicatorsAreTheCBSChildIndicators() {
        let ids = NationalRun.supported(IndicatorCatalogue.built).map(\.id).sorted()
        #expect(ids == ["IND01", "IND02", "IND03", "IND04", "IND06", "IND07", "IND10", "IND11", "IND12"])
    }

    /// The district scope publishes what the report publishes for these indicators, cell for cell, for
    /// a year and a month, on the committed sample and on generated ones.
    @Test(arguments: [(0, "2023"), (0, "2023-06"), (11, "2022"), (12, "2023")])
    func theDistrictScopeEqualsTheFullPipeline(seed: UInt64, period: String) throws {
        let generated = seed == 0 ? nil : try TestData.sample(seed: seed, persons: 4_000)
        let input = generated?.root ?? Self.root + "/data-samples"
        let reportPeriod = try ReportPeriod(parsing: period)
        let expected = try Self.pipeline(input, reportPeriod)
        let (_, actual) = try Self.national(input, reportPeriod, scope: .district)
        #expect(!actual.cells.isEmpty)
        #expect(Self.differences(actual.cells, expected.cells) == [])
        #expect(Self.differences(actual.unrounded, expected.unrounded) == [])
    }

    /// Every wijk and gemeente: the unrounded measures, household counts included, equal the full
    /// pipeline's wijk and gemeente cells.
    @Test(arguments: [UInt64(0), 21])
    func theWijkScopeEqualsTheFullPipelinesWijkAndGemeenteCells(seed: UInt64) throws {
        let generated = seed == 0 ? nil : try TestData.sample(seed: seed, persons: 4_000)
        let input = generated?.root ?? Self.root + "/data-samples"
        let period = ReportPeriod(year: 2023)
        let expected = try Self.pipeline(input, period).unrounded.filter {
            ["wijk", "gemeente"].contains($0.key.geoLevel)
        }
        let (_, actual) = try Self.national(input, period, scope: .wijken)
        #expect(!actual.unrounded.isEmpty)
        #expect(
            Self.differences(
                actual.unrounded.map { "\($0.key) \($0.measure)" }, expected.map { "\($0.key) \($0.measure)" }) == [])
    }

    /// Reading each file in one part or in several gives the same tallies, counts and cells.
    @Test func thePartsDoNotChangeTheResult() throws {
        let input = Self.root + "/data-samples"
        let one = try Self.national(input, ReportPeriod(year: 2023), scope: .wijken, parts: 1)
        let four = try Self.national(input, ReportPeriod(year: 2023), scope: .wijken, parts: 4)
        #expect(one.result.cells == four.result.cells)
        #expect(one.run.counts == four.run.counts)
        #expect(one.run.timings.map(\.tally) == four.run.timings.map(\.tally))
    }

    /// Bad rows are rejected with their reason, line and column; every row is accepted or rejected, and
    /// the good rows give the same cells as before.
    @Test func badRowsAreRejectedWithTheirPlaceAndTheRestStillCounts() throws {
        let folder = try TemporaryFolder()
        let copy = folder.path + "/data"
        try FileManager.default.copyItem(atPath: Self.root + "/data-samples", toPath: copy)
        let file = copy + "/cbs/GBAADRESOBJECT2023BUSV1.csv"
        // The sample may write this file with CRLF line ends (a legal variant).
        var lines = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n").map(String.init)
        let good = lines.count - 1
        // Inserted after data line 10 (file line 11): lines 12, 13 and 14 of the new file.
        lines.insert(
            contentsOf: ["R;12345;20200101;;VBO;0000000000000007", "R;724289101;2020-01-01;;VBO;1", "R;1"], at: 11)
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let clean = try Self.national(Self.root + "/data-samples", ReportPeriod(year: 2023), scope: .wijken)
        let dirty = try Self.national(copy, ReportPeriod(year: 2023), scope: .wijken)
        let tally = try #require(dirty.run.timings.first { $0.stage == "adressen" }?.tally)
        #expect(tally.rows == good + 3)
        #expect(tally.rejected == 3)
        #expect(tally.accepted + tally.rejected == tally.rows)
        // A used row that breaks a cell rule is rejected by the validator's own rule (one rule set for
        // `validate` and `national`).
        #expect(tally.reasons == ["rinpersoon": 1, "type-error": 1, "aantal_velden": 1])
        #expect(tally.firstRejectionAt?.line == 12)
        #expect(tally.firstRejectionAt?.column == 2)
        #expect(dirty.result.cells == clean.result.cells)
        #expect(dirty.run.summary().contains("first at \(file):12:2"))
    }

    @Test func aMissingTableIsNamedBeforeAnyWork() throws {
        let folder = try TemporaryFolder()
        let copy = folder.path + "/data"
        try FileManager.default.copyItem(atPath: Self.root + "/data-samples", toPath: copy)
        try FileManager.default.removeItem(atPath: copy + "/cbs/INHA2023TABV1.csv")
        let run = NationalRun(input: copy, options: TransformOptions(year: 2023))
        #expect {
            try run.compute(scope: .wijken)
        } throws: { error in
            guard let error = error as? WijkbeeldError else { return false }
            return error.code == .noInput && error.message.contains("INHATAB") && run.timings.isEmpty
        }
    }
}
