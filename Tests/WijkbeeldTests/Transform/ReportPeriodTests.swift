import Testing

@testable import Wijkbeeld

@Suite struct ReportPeriodTests {
    @Test func parsesYearsAndMonthsAndRejectsEverythingElse() throws {
        for year in [1950, 2023, 2099] {
            #expect(try ReportPeriod(parsing: String(year)) == ReportPeriod(year: year))
            for month in 1...12 {
                let text = "\(year)-" + (month < 10 ? "0" : "") + String(month)
                let period = try ReportPeriod(parsing: text)
                #expect(period == ReportPeriod(year: year, month: month))
                #expect(period.description == text)
                // The last day is the day before the first of the next month.
                #expect(period.lastDay.month == month)
                #expect(period.lastDay.adding(days: 1).day == 1)
            }
        }
        for bad in ["", "23", "2023-", "2023-1", "2023-00", "2023-13", "2023-06-01", "abcd", "2023-ab", "1800"] {
            #expect(throws: WijkbeeldError.self) { try ReportPeriod(parsing: bad) }
        }
        #expect(ReportPeriod(year: 2024, month: 2).lastDay == CalendarDate.known(2024, 2, 29))
        #expect(ReportPeriod(year: 2023).lastDay == CalendarDate.known(2023, 12, 31))
    }

    /// December of a year is the same period as the year itself, so the two runs publish the same
    /// numbers, and the monthly facts of a child only grow through the year (the window is year-to-date).
    @Test func monthlyRunsAreYearToDate() throws {
        let sample = try TestData.sample(seed: 77, persons: 3_000)
        let key = try PseudonymKey.resolve(keyFile: nil, input: sample.root)
        func run(_ period: ReportPeriod) throws -> AnalysisTables {
            try Transformer.run(input: sample.root, key: key, options: TransformOptions(period: period))
        }
        let year = try run(ReportPeriod(year: 2023))
        let december = try run(ReportPeriod(year: 2023, month: 12))
        func lines(_ tables: AnalysisTables) throws -> [String] {
            let csv = IndicatorTableWriter.csv(try IndicatorCalculator.compute(tables))
            return csv.split(separator: "\n").map { $0.replacingOccurrences(of: ";2023-12;", with: ";2023;") }
        }
        #expect(try lines(year) == lines(december))
        #expect(try lines(december).contains { $0.hasPrefix("IND01;2023;") })

        let months = try [3, 7, 12].map { try run(ReportPeriod(year: 2023, month: $0)) }
        var earlierFacts: [Pseudonym: Set<AnalysisTables.ChildFact>] = [:]
        var grew = false
        let spellFacts: Set<AnalysisTables.ChildFact> = [.youthCare, .residentialYouthCare, .youthProtection]
        for tables in months {
            var facts: [Pseudonym: Set<AnalysisTables.ChildFact>] = [:]
            for person in tables.persons where person.isChildPopulation {
                facts[person.pseudonym] = person.facts.intersection(spellFacts)
            }
            for (person, before) in earlierFacts {
                guard let now = facts[person] else { continue }
                #expect(before.isSubset(of: now))
                if now.count > before.count { grew = true }
            }
            earlierFacts = facts
        }
        #expect(grew)
        #expect(months[0].options.referenceDate == CalendarDate.known(2023, 3, 31))
    }

    /// Several periods read in one pass give exactly the tables of separate runs.
    @Test func onePassOverSeveralPeriodsEqualsSeparateRuns() throws {
        let sample = try TestData.sample(seed: 78, persons: 2_500)
        let key = try PseudonymKey.resolve(keyFile: nil, input: sample.root)
        let periods = [ReportPeriod(year: 2022), ReportPeriod(year: 2023, month: 6), ReportPeriod(year: 2023)].map {
            var options = TransformOptions(period: $0)
            options.vintage = 2023
            return options
        }
        let together = try Transformer.run(input: sample.root, key: key, periods: periods)
        #expect(together.count == 3)
        for (options, tables) in zip(periods, together) {
            let alone = try Transformer.run(input: sample.root, key: key, options: options)
            #expect(
                try IndicatorTableWriter.csv(IndicatorCalculator.compute(tables))
                    == IndicatorTableWriter.csv(IndicatorCalculator.compute(alone)))
            #expect(tables.counts == alone.counts)
        }
        var other = periods[0]
        other.vintage = 2022
        #expect(throws: WijkbeeldError.self) {
            _ = try Transformer.run(input: sample.root, key: key, periods: [periods[1], other])
        }
    }
}
