import Foundation
import Testing

@testable import Wijkbeeld

/// The parallel scan gives what one serial pass gives, also when a split falls inside a quoted field
/// that holds line ends (then it reads the file again in one part).
@Suite struct TableScanTests {
    struct Part: ScanPart {
        var tally = ScanTally()
        var rows: [String] = []
    }

    static func scan(_ path: String, parts: Int) throws -> (rows: [String], tally: ScanTally) {
        let scan = try TableScan(path: path, required: ["KEY", "TEXT"])
        let result = try scan.run(parts: parts, minimumSplitBytes: 16, make: { Part() }) { part, row, offset in
            guard row.count == 2 else {
                part.tally.reject("aantal_velden", column: row.count, offset: offset)
                return
            }
            part.rows.append(row.string(0) + "|" + row.string(1))
        }
        return (result.parts.flatMap(\.rows), result.tally)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func partsReadWhatOnePassReads(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var text = "key;text\n"
        for number in 0..<400 {
            switch random.next() % 10 {
            case 0: text += "\(number);\"two\nlines; and \"\"quotes\"\"\"\n"
            case 1: text += "\(number)\n"
            default: text += "\(number);plain \(random.next() % 1000)\n"
            }
        }
        let folder = try TemporaryFolder()
        let path = folder.path + "/table.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let serial = try Self.scan(path, parts: 1)
        for parts in [2, 3, 7] {
            let split = try Self.scan(path, parts: parts)
            #expect(split.rows == serial.rows)
            #expect(split.tally == serial.tally)
            #expect(split.tally.firstRejectionAt == serial.tally.firstRejectionAt)
        }
        #expect(serial.tally.rows == 400)
        #expect(serial.tally.accepted + serial.tally.rejected == 400)
    }

    @Test func aMissingColumnIsNamed() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/table.csv"
        try "key;other\n1;2\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try TableScan(path: path, required: ["KEY", "TEXT"])
        } throws: { error in
            (error as? WijkbeeldError).map { $0.message.contains("TEXT") && $0.location?.line == 1 } ?? false
        }
    }
}
