import Foundation
import Testing

@testable import Wijkbeeld

@Suite struct DutchFormatTests {
    /// Thousands points every three digits from the right, and nothing else changed, for many numbers.
    @Test func integersGroupDigitsInThrees() {
        var random = SplitMix64(seed: 11)
        var values = [0, 7, -7, 999, 1_000, -1_000, 123_456_789, Int.max, Int.min + 1]
        for _ in 0..<2_000 { values.append(random.int(in: -5_000_000_000...5_000_000_000)) }
        for value in values {
            let text = DutchFormat.integer(value)
            #expect(text.replacingOccurrences(of: ".", with: "") == String(value))
            let groups = text.drop { $0 == "-" }.split(separator: ".", omittingEmptySubsequences: false)
            #expect((1...3).contains(groups.first?.count ?? 0))
            #expect(groups.dropFirst().allSatisfy { $0.count == 3 })
        }
        #expect(DutchFormat.integer(1_234) == "1.234")
    }

    /// A decimal comma, the requested decimals, and the value back when read the Dutch way.
    @Test func decimalsUseACommaAndRoundTrip() {
        var random = SplitMix64(seed: 12)
        for _ in 0..<2_000 {
            let value = (random.unit() - 0.5) * 2_000_000
            for decimals in 1...3 {
                let text = DutchFormat.number(value, decimals: decimals)
                let parts = text.split(separator: ",")
                #expect(parts.count == 2 && parts[1].count == decimals)
                let back = Double(text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: "."))
                #expect(abs((back ?? .nan) - value) <= 0.5 * pow(10, -Double(decimals)) + 1e-9)
            }
        }
        #expect(DutchFormat.number(72.5, decimals: 1) == "72,5")
        #expect(DutchFormat.number(1_234.05, decimals: 1) == "1.234,1")
        #expect(DutchFormat.number(-0.04, decimals: 1) == "0,0")
    }

    @Test func datesAndCells() {
        #expect(DutchFormat.date(CalendarDate.known(2026, 3, 1)) == "1 maart 2026")
        #expect(DutchFormat.date(CalendarDate.known(2023, 12, 31)) == "31 december 2023")
        let key = CellKey(indicator: "IND01", period: "2023", geoLevel: "buurt", geoCode: "BU1", breakdown: "totaal")
        var cell = PublishedCell(
            key: key, numerator: 35, denominator: 120, value: 29, unit: "procent", status: .safe, reasons: [],
            roundBase: 5)
        #expect(DutchFormat.cell(cell) == "29%")
        cell.unit = "gemiddelde"
        cell.value = 1.25
        #expect(DutchFormat.cell(cell) == "1,3")
        cell.status = .primary
        cell.reasons = [.minimumCount, .events]
        #expect(DutchFormat.cell(cell) == "<10")
        cell.reasons = [.households]
        #expect(DutchFormat.cell(cell) == ".")
        cell.status = .secondary
        cell.reasons = [.secondary]
        #expect(DutchFormat.cell(cell) == ".")
    }
}
