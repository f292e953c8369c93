import Foundation
import Testing

@testable import Wijkbeeld

/// Computing a few indicators (the sparklines' earlier years) gives exactly their cells of a full run:
/// disclosure control protects each indicator on its own.
@Suite struct IndicatorSubsetTests {
    @Test(arguments: [
        ["IND01", "IND17"], ["IND24"], ["IND02", "IND05", "IND09", "IND10", "IND12", "IND17"],
        ["IND17/gemiddelde", "IND17/eilanden_jeugdhulp_politie", "IND01/totaal"],
        Array(ReportBuilder.sparklineIndicators),
    ])
    func aSubsetHasTheFullRunsCells(ids: [String]) throws {
        let input = NationalRunTests.root + "/data-samples"
        let tables = try Transformer.run(
            input: input, key: try PseudonymKey.resolve(keyFile: nil, input: input),
            options: TransformOptions(year: 2023))
        let full = try IndicatorCalculator.compute(tables)
        let subset = try IndicatorCalculator.compute(tables, only: Set(ids))
        let expected = full.cells.filter {
            ids.contains($0.key.indicator) || ids.contains($0.key.indicator + "/" + $0.key.breakdown)
        }
        #expect(!expected.isEmpty)
        #expect(subset.cells == expected)
        #expect(Set(subset.definitions.map(\.id)) == Set(ids.map { String($0.prefix { $0 != "/" }) }))
        // Every table asked for has cells.
        #expect(
            Set(ids).isSubset(
                of: Set(subset.cells.flatMap { [$0.key.indicator, $0.key.indicator + "/" + $0.key.breakdown] })))
    }
}
