import Crypto
import Foundation

@testable import Wijkbeeld

/// Helpers shared by tests: small synthetic data sets and CSV files read into rows.
enum TestData {
    /// A small synthetic data set generated into a fresh temporary folder.
    static func sample(seed: UInt64 = 42, persons: Int = 3_000, dirt: DirtRates = DirtRates()) throws -> (
        folder: TemporaryFolder, root: String
    ) {
        let folder = try TemporaryFolder()
        var options = SynthOptions(seed: seed, scale: .district)
        options.targetPersons = persons
        options.dirt = dirt
        let root = folder.path + "/data"
        _ = try SyntheticDataset.generate(options, into: root)
        return (folder, root)
    }

    /// A CSV file as a header-indexed table of strings.
    struct Table {
        var header: [String]
        var rows: [[String]]

        func column(_ name: String) -> Int {
            header.firstIndex { $0.lowercased() == name.lowercased() } ?? -1
        }

        func values(_ name: String) -> [String] {
            let index = column(name)
            return rows.map { index >= 0 && index < $0.count ? $0[index] : "" }
        }
    }

    static func read(_ path: String) throws -> Table {
        let reader = try CSVReader(path: path)
        var rows: [[String]] = []
        while try reader.next() { rows.append(reader.strings()) }
        return Table(header: rows.first ?? [], rows: Array(rows.dropFirst()))
    }

    /// Every file under `root`, relative path → SHA-256 hex.
    static func hashes(_ root: String) throws -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let place = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + place, isDirectory: &isDirectory)
            if isDirectory.boolValue { continue }
            let data = try Data(contentsOf: URL(fileURLWithPath: root + "/" + place))
            result[place] = Sha256Hex.of(data)
        }
        return result
    }
}

enum Sha256Hex {
    static func of(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
