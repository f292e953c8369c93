import Foundation
import Testing

@testable import Wijkbeeld

/// The link specification and the `link` command's inputs refuse nonsense (issue 17, point 8): each case
/// is an error naming the file, line and column, never a silent default.
@Suite struct LinkSpecificationTests {
    /// A valid specification of seven lines; cases append to it or replace a line.
    static let base = """
        left_key: id
        right_key: id
        comparisons:
          - {column: achternaam, method: surname}
          - {column: geboortedatum, method: date}
        blocking:
          - [geboortedatum]

        """

    /// The error parsing `text` throws, or nil when it parses.
    private func failure(_ text: String) -> WijkbeeldError? {
        do {
            _ = try LinkSpecification.parse(text, file: "spec.yaml")
            return nil
        } catch {
            return error as? WijkbeeldError
        }
    }

    /// Expects a `.configuration` error at `line`:`column` whose message contains `expected`.
    private func expectFailure(
        _ text: String, line: Int, column: Int, _ expected: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let error = failure(text)
        #expect(error?.code == .configuration, "\(text)", sourceLocation: sourceLocation)
        #expect(
            error?.location?.description == "spec.yaml:\(line):\(column)",
            "\(error.map { "\($0)" } ?? "parsed")", sourceLocation: sourceLocation)
        #expect(
            error?.message.contains(expected) == true, "\(error.map { "\($0)" } ?? "parsed")",
            sourceLocation: sourceLocation)
    }

    @Test func aValidSpecificationParsesWithItsDefaults() throws {
        let specification = try LinkSpecification.parse(Self.base, file: "spec.yaml")
        #expect(specification.comparisons.map(\.method) == [.surname, .date])
        #expect(specification.blocking == [[.init(function: "", left: "geboortedatum", right: "geboortedatum")]])
        #expect(specification.threshold == 0.9 && !specification.oneToOne && !specification.distinctLeft)
        #expect(specification.maxPairs == 50_000_000 && specification.seed == 1)
        let full = try LinkSpecification.parse(
            Self.base + """
                threshold: 0.95
                one_to_one: true
                distinct_left: false
                max_pairs: 1000
                seed: 7
                train_on: bsn=burgerservicenummer
                right_entity: [achternaam, geboortedatum]
                """, file: "spec.yaml")
        #expect(full.threshold == 0.95 && full.oneToOne && !full.distinctLeft && full.maxPairs == 1_000)
        #expect(full.seed == 7 && full.trainOn?.left == "bsn" && full.trainOn?.right == "burgerservicenummer")
        #expect(full.rightEntity == ["achternaam", "geboortedatum"])
    }

    @Test func theShippedSpecificationsParse() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        for name in ["link-spec", "link-spec-ids"] {
            let specification = try LinkSpecification.load(root + "/bench/\(name).yaml")
            #expect(specification.oneToOne && specification.distinctLeft)
            #expect(specification.comparisons.first { $0.name == "achternaam" }?.termFrequency == true)
        }
    }

    @Test func booleansAreOnlyUnquotedTrueOrFalse() {
        expectFailure(Self.base + "one_to_one: \"true\"\n", line: 8, column: 13, "one_to_one must be true or false")
        expectFailure(Self.base + "one_to_one: 1\n", line: 8, column: 13, "one_to_one must be true or false")
        expectFailure(Self.base + "one_to_one: yes please\n", line: 8, column: 13, "not \"yes please\"")
        expectFailure(Self.base + "distinct_left: maybe\n", line: 8, column: 16, "distinct_left must be true or false")
        expectFailure(
            Self.base.replacingOccurrences(of: "method: surname}", with: "method: surname, term_frequency: yes}"),
            line: 4, column: 59, "term_frequency must be true or false")
    }

    @Test func unknownKeysAreErrorsAtTheRootAndInAComparison() {
        expectFailure(
            Self.base.replacingOccurrences(of: "method: surname}", with: "method: surname, term_frequncy: true}"),
            line: 4, column: 43, "unknown setting \"term_frequncy\" in a comparison; known: column, left, method")
        expectFailure(Self.base + "treshold: 0.9\n", line: 8, column: 1, "unknown setting \"treshold\"")
        expectFailure(Self.base + "threshold: 0.9\nthreshold: 0.8\n", line: 8, column: 1, "given twice")
    }

    @Test func aComparisonNeedsAMethodAndColumns() {
        expectFailure(
            Self.base.replacingOccurrences(of: "{column: achternaam, method: surname}", with: "{column: achternaam}"),
            line: 4, column: 5, "needs a method; known: exact, jaro_winkler")
        expectFailure(
            Self.base.replacingOccurrences(of: "method: surname", with: "method: magic"), line: 4, column: 34,
            "unknown comparison method \"magic\"")
        expectFailure(
            Self.base.replacingOccurrences(of: "column: achternaam", with: "left: achternaam"), line: 4, column: 5,
            "column (the same in both files) or both left and right")
        expectFailure(
            Self.base.replacingOccurrences(of: "column: achternaam", with: "column: achternaam, right: naam"),
            line: 4, column: 33, "column, or left and right, not both")
    }

    @Test func emptyListsAreErrors() {
        expectFailure(
            "left_key: id\nright_key: id\ncomparisons: []\nblocking:\n  - [geboortedatum]\n", line: 3, column: 14,
            "comparisons must list at least one item")
        expectFailure(
            Self.base.replacingOccurrences(of: "  - [geboortedatum]", with: "  - [geboortedatum]\n  - []"),
            line: 8, column: 5, "a blocking rule must list at least one item")
        expectFailure(
            Self.base.replacingOccurrences(of: "blocking:\n  - [geboortedatum]", with: "blocking: []"), line: 6,
            column: 11, "blocking must list at least one item")
        expectFailure(Self.base + "right_entity: []\n", line: 8, column: 15, "right_entity must list at least one")
    }

    @Test func numbersAreInRange() {
        for (value, column) in [("0", 12), ("1", 12), ("1.5", 12), ("-0.2", 12), ("\"0.9\"", 12), ("high", 12)] {
            expectFailure(
                Self.base + "threshold: \(value)\n", line: 8, column: column,
                "threshold must be a number between 0.0 and 1.0")
        }
        expectFailure(Self.base + "max_pairs: 0\n", line: 8, column: 12, "max_pairs must be a whole number from 1")
        expectFailure(Self.base + "max_pairs: 1.5\n", line: 8, column: 12, "max_pairs must be a whole number")
        expectFailure(Self.base + "seed: -1\n", line: 8, column: 7, "seed must be a whole number from 0")
    }

    @Test func blockingKeysAndTrainOnAreColumnsOrPairs() {
        expectFailure(
            Self.base.replacingOccurrences(of: "[geboortedatum]", with: "[\"cube(geboortedatum)\"]"), line: 7,
            column: 6, "unknown blocking function cube")
        expectFailure(
            Self.base.replacingOccurrences(of: "[geboortedatum]", with: "[a=b=c]"), line: 7, column: 6,
            "is a column, or left=right")
        expectFailure(Self.base + "train_on: \"bsn=\"\n", line: 8, column: 11, "train_on \"bsn=\" is a column")
    }

    // MARK: - The link command's inputs

    /// A linker over two small files written to `folder`, with the base specification plus `extra`.
    private func linker(
        _ folder: TemporaryFolder, left: String, right: String, extra: String = ""
    ) throws -> RecordLinker {
        let specification = try LinkSpecification.parse(Self.base + extra, file: "spec.yaml")
        return try RecordLinker(
            specification: specification,
            left: try RecordLinker.Table.read(try folder.write("left.csv", Array(left.utf8))),
            right: try RecordLinker.Table.read(try folder.write("right.csv", Array(right.utf8))))
    }

    private static let rows = "id;achternaam;geboortedatum\n1;Jansen;2015-03-01\n2;Bakker;2014-07-12\n"

    @Test func duplicateKeysAreDataErrorsUnlessTheRecordsAreOneEntity() throws {
        let folder = try TemporaryFolder()
        let twice = Self.rows + "3;Visser;2016-01-01\n2;Bakker;2014-07-13\n"
        let left = try linker(folder, left: twice, right: Self.rows)
        #expect {
            try left.checkKeys()
        } throws: { error in
            guard let error = error as? WijkbeeldError else { return false }
            return error.code == .dataError && error.location?.path.hasSuffix("left.csv") == true
                && error.location?.line == 5 && error.message.contains("id \"2\" is also the key of line 3")
        }
        let right = try linker(folder, left: Self.rows, right: twice)
        #expect {
            try right.checkKeys()
        } throws: { error in
            (error as? WijkbeeldError)?.location?.path.hasSuffix("right.csv") == true
        }
        // Records with one key that the entity columns make one person are allowed; different ones are not.
        let sameEntity = Self.rows + "2;Bakker;2014-07-12\n"
        try linker(folder, left: Self.rows, right: sameEntity, extra: "right_entity: [achternaam, geboortedatum]\n")
            .checkKeys()
        #expect(throws: WijkbeeldError.self) {
            try linker(folder, left: Self.rows, right: twice, extra: "right_entity: [achternaam, geboortedatum]\n")
                .checkKeys()
        }
        let missing = try linker(folder, left: Self.rows + ";Smit;2015-05-05\n", right: Self.rows)
        #expect {
            try missing.checkKeys()
        } throws: { error in
            (error as? WijkbeeldError)?.location?.line == 4
                && (error as? WijkbeeldError)?.message.contains("no id") == true
        }
        try linker(folder, left: Self.rows, right: Self.rows).checkKeys()
    }

    @Test func aHeaderAndRowsWithDifferentDelimitersAreADataErrorAtTheRow() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(
            "mixed.csv", Array("id,achternaam,geboortedatum\n1;Jansen;2015-03-01\n".utf8))
        #expect {
            _ = try RecordLinker.Table.read(path)
        } throws: { error in
            guard let error = error as? WijkbeeldError else { return false }
            return error.code == .dataError && error.location?.description == path + ":2:20"
                && error.message.contains("1 field(s) where the header has 3")
                && error.message.contains("split on ',' but this row holds ';'")
        }
        let extra = try folder.write("extra.csv", Array("id;naam\n1;Jansen\n2;Bakker;x\n".utf8))
        #expect {
            _ = try RecordLinker.Table.read(extra)
        } throws: { error in
            (error as? WijkbeeldError)?.location?.description == extra + ":3:10"
        }
        // Blank lines carry no record and are skipped.
        let blank = try RecordLinker.Table.read(try folder.write("blank.csv", Array("id;naam\n1;a\n\n2;b\n".utf8)))
        #expect(blank.rows == [["1", "a"], ["2", "b"]] && blank.lines == [2, 4])
    }

    @Test func aTruthFileWhoseKeysMatchNothingIsADataError() throws {
        let folder = try TemporaryFolder()
        let linker = try linker(folder, left: Self.rows, right: Self.rows)
        let swapped = try RecordLinker.Table.read(
            try folder.write("truth.csv", Array("left;right\nx1;y1\nx2;y2\n".utf8)))
        #expect {
            _ = try linker.truthPairs(swapped)
        } throws: { error in
            guard let error = error as? WijkbeeldError else { return false }
            return error.code == .dataError && error.message.contains("none of the 2 pairs")
        }
        let empty = try RecordLinker.Table.read(try folder.write("empty.csv", Array("left;right\n".utf8)))
        #expect(throws: WijkbeeldError.self) { _ = try linker.truthPairs(empty) }
        let good = try RecordLinker.Table.read(try folder.write("good.csv", Array("left;right\n1;1\n2;9\n".utf8)))
        #expect(try linker.truthPairs(good) == ["1\u{1F}1", "2\u{1F}9"])
    }
}
