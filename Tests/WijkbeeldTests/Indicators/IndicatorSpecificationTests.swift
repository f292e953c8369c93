import Testing

@testable import Wijkbeeld

@Suite struct IndicatorSpecificationTests {
    @Test func readsFiltersOverTheAnalysisTables() throws {
        let text = """
            # researcher-defined
            IND90; Bijstand en jeugdhulp; has bijstandsgezin and has jeugdhulp; all
            IND91; Laag inkomen bij eenouder; inharmlag between 0 100; typhh in 6 and inhbbihj not in 99

            """
        let definitions = try IndicatorSpecification.parse(text, file: "eigen.txt")
        #expect(definitions.map(\.id) == ["IND90", "IND91"])
        #expect(definitions[0].numerator == PersonFilter([.has(.socialAssistanceFamily), .has(.youthCare)]))
        #expect(definitions[0].denominator == PersonFilter([]))
        #expect(
            definitions[1].denominator == PersonFilter([.oneOf(.householdType, [6]), .notOneOf(.incomeSource, [99])]))
        #expect(definitions[1].numerator == PersonFilter([.between(.lowIncomeRatio, 0, 100)]))
    }

    @Test func badDefinitionsAreConfigurationErrorsWithTheirLine() {
        for (text, line) in [
            ("IND90; x; income between 0 100; all", 1), ("\nIND90; x; has everything; all", 2),
            ("IND90; x; typhh between 5; all", 1), ("IND90; x; all", 1), ("IND01; x; all; all", 1),
            ("IND90; x; typhh in 1,a; all", 1),
        ] {
            do {
                _ = try IndicatorSpecification.parse(text, file: "eigen.txt")
                Issue.record("accepted \(text)")
            } catch let error as WijkbeeldError {
                #expect(error.code == .configuration)
                #expect(error.location == SourceLocation(path: "eigen.txt", line: line), "\(text)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }
}
