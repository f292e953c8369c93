import Foundation
import Testing

@testable import Wijkbeeld

@Suite struct PersonTableScanTests {
    private func file(rows: Int, quotedNewlinesAtRow: Int?, in folder: TemporaryFolder) throws -> String {
        var text = "RINPERSOONS;RINPERSOON;GBAGESLACHT;GBAGEBOORTEJAAR;OPMERKING\n"
        var random = SplitMix64(seed: 5)
        for row in 0..<rows {
            let year = random.chance(0.01) ? "----" : String(random.int(in: 1920...2023))
            let note = row == quotedNewlinesAtRow ? "\"" + String(repeating: "a\n", count: 400) + "\"" : "x"
            text += "R;\(String(row).leftPadded(to: 9));\(random.int(in: 1...2));\(year);\(note)\n"
        }
        return try folder.write("p.csv", Array(text.utf8))
    }

    @Test func twoPartsGiveTheSerialNumbers() throws {
        let folder = try TemporaryFolder()
        let path = try file(rows: 4_000, quotedNewlinesAtRow: nil, in: folder)
        let serial = try PersonTableScan.run(path: path)
        let split = try PersonTableScan.run(path: path, parts: 2, minimumSplitBytes: 1_000)
        #expect(split.parts == 2)
        #expect(split.bySex == serial.bySex && split.rows == serial.rows)
        #expect(serial.rows == 4_000)
    }

    @Test func aQuotedFieldAcrossTheSplitFallsBackToOnePass() throws {
        let folder = try TemporaryFolder()
        // About 60 bytes a row: the quoted block of 800 bytes covers the middle of the file.
        let path = try file(rows: 300, quotedNewlinesAtRow: 145, in: folder)
        let serial = try PersonTableScan.run(path: path)
        let split = try PersonTableScan.run(path: path, parts: 2, minimumSplitBytes: 1_000)
        #expect(split.parts == 1)
        #expect(split.bySex == serial.bySex && split.rows == serial.rows)
        #expect(serial.rows == 300)
    }
}
