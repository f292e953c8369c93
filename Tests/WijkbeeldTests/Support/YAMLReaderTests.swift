import Testing
import Yams

@testable import Wijkbeeld

/// The strict YAML reader: types, ranges, known keys and duplicates, each error at its line and column.
@Suite struct YAMLReaderTests {
    let reader = YAMLReader(file: "f.yaml")

    /// The value node of `key` in a one-line document `key: value`.
    private func value(_ text: String) throws -> Node {
        let root = try reader.compose("key: \(text)\n", "empty")
        return try #require(root["key"])
    }

    /// The error `body` throws, if a `WijkbeeldError` at line 1, column 6 (the value of `key: …`).
    private func failsAtTheValue(_ body: () throws -> Void) -> Bool {
        do {
            try body()
            return false
        } catch let error as WijkbeeldError {
            return error.code == .configuration
                && error.location?.description == "f.yaml:1:6"
        } catch {
            return false
        }
    }

    @Test func booleansAreOnlyPlainTrueAndFalse() throws {
        #expect(try reader.bool(try value("true"), "key"))
        #expect(try !reader.bool(try value("false"), "key"))
        for bad in ["\"true\"", "'false'", "1", "0", "yes", "yes please", "maybe", "on", "True", "[true]", "~"] {
            let node = try value(bad)
            #expect(failsAtTheValue { _ = try reader.bool(node, "key") }, "\(bad)")
        }
    }

    @Test func numbersArePlainAndInRange() throws {
        #expect(try reader.int(try value("42"), "key") == 42)
        #expect(try reader.int(try value("-3"), "key", -5...5) == -3)
        #expect(try reader.double(try value("0.25"), "key", above: 0, below: 1) == 0.25)
        #expect(try reader.double(try value("3"), "key") == 3)
        for bad in ["\"42\"", "4.5", "0x10", "forty", "11", "~"] {
            let node = try value(bad)
            #expect(failsAtTheValue { _ = try reader.int(node, "key", 0...10) }, "\(bad)")
        }
        for bad in ["0", "1", "-0.5", "\"0.5\"", ".nan", ".inf", "nan", "half"] {
            let node = try value(bad)
            #expect(failsAtTheValue { _ = try reader.double(node, "key", above: 0, below: 1) }, "\(bad)")
        }
    }

    @Test func textListsAndMappingsHaveTheirShape() throws {
        #expect(try reader.string(try value("abc"), "key") == "abc")
        #expect(try reader.string(try value("\"12\""), "key") == "12")
        for bad in ["~", "null", "''", "[a]", "{a: 1}"] {
            let node = try value(bad)
            #expect(failsAtTheValue { _ = try reader.string(node, "key") }, "\(bad)")
        }
        // Nothing after the colon is null, placed where the value would start.
        let nothing = try value("")
        #expect(throws: WijkbeeldError.self) { _ = try reader.string(nothing, "key") }
        #expect(throws: WijkbeeldError.self) { _ = try reader.int(nothing, "key") }
        #expect(try reader.sequence(try value("[]"), "key").isEmpty)
        #expect(try reader.sequence(try value("[a, b]"), "key", nonEmpty: true).count == 2)
        let empty = try value("[]")
        #expect(failsAtTheValue { _ = try reader.sequence(empty, "key", nonEmpty: true) })
        let text = try value("a")
        #expect(failsAtTheValue { _ = try reader.sequence(text, "key") })
        #expect(failsAtTheValue { _ = try reader.mapping(text, "key") })
    }

    @Test func unknownKeysAreListedWithTheKnownOnes() throws {
        let root = try reader.compose("alpha: 1\nbeta: 2\ngama: 3\n", "empty")
        #expect(try reader.mapping(root, "the file", known: ["alpha", "beta", "gama"]).count == 3)
        #expect {
            _ = try reader.mapping(root, "the file", known: ["alpha", "beta", "gamma"])
        } throws: { error in
            guard let error = error as? WijkbeeldError else { return false }
            return error.location?.description == "f.yaml:3:1"
                && error.message == "unknown setting \"gama\" in the file; known: alpha, beta, gamma"
        }
    }

    @Test func duplicateKeysAndBadYAMLAreErrorsAtTheirPlace() {
        #expect {
            _ = try reader.compose("a: 1\nb:\n  c: 2\n  c: 3\n", "empty")
        } throws: { error in
            guard let error = error as? WijkbeeldError else { return false }
            return error.code == .configuration && error.location?.line == 3
                && error.message.contains("\"c\" is given twice")
        }
        #expect {
            _ = try reader.compose("a: [1\n", "empty")
        } throws: { error in
            guard let error = error as? WijkbeeldError else { return false }
            return error.code == .configuration && error.location?.line != nil
                && error.message.contains("not valid YAML")
        }
        #expect {
            _ = try reader.compose("# nothing\n", "the file is empty; add settings")
        } throws: { error in
            (error as? WijkbeeldError)?.message == "f.yaml: the file is empty; add settings"
        }
    }
}
