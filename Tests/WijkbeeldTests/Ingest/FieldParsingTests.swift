import Testing

@testable import Wijkbeeld

@Suite struct FieldParsingTests {
    private func parse<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer(body)
    }

    @Test func integersRoundTrip() {
        var random = SplitMix64(seed: 3)
        for _ in 0..<10_000 {
            let value = random.int(in: -999_999_999_999...999_999_999_999)
            #expect(parse(String(value)) { FieldParsing.integer($0) } == value)
        }
        for bad in ["", "-", "1.5", "1 2", "x", "--", "12a"] {
            #expect(parse(bad) { FieldParsing.integer($0) } == nil, "\(bad)")
        }
    }

    @Test func datesRoundTripInBothFormatsAndOnlyRealDatesParse() {
        var random = SplitMix64(seed: 4)
        for _ in 0..<5_000 {
            let date = CalendarDate(daysSinceEpoch: random.int(in: -40_000...40_000))
            let compact = date.description.replacingOccurrences(of: "-", with: "")
            #expect(parse(compact) { FieldParsing.date($0, format: .compact) } == date)
            #expect(parse(date.description) { FieldParsing.date($0, format: .iso) } == date)
            #expect(date.adding(days: 1).daysSinceEpoch == date.daysSinceEpoch + 1)
        }
        for bad in ["20230230", "20231301", "20230001", "2023-02-29", "2023-1-01", "2023123", "----"] {
            #expect(parse(bad) { FieldParsing.date($0, format: bad.contains("-") ? .iso : .compact) } == nil, "\(bad)")
        }
        #expect(parse("20240229") { FieldParsing.date($0, format: .compact) } != nil)
    }

    @Test func decimalsAcceptCommaOrPoint() {
        #expect(parse("1,5") { FieldParsing.decimal($0) } == 1.5)
        #expect(parse("-0.25") { FieldParsing.decimal($0) } == -0.25)
        #expect(parse("1.000,5") { FieldParsing.decimal($0) } == nil)
        #expect(parse(",") { FieldParsing.decimal($0) } == nil)
    }

    @Test func trimmingRemovesPaddingSpaces() {
        #expect(parse(" 8") { Array(FieldParsing.trimmed($0)) } == Array("8".utf8))
        #expect(parse("   ") { FieldParsing.trimmed($0).count } == 0)
    }
}
