import Foundation

/// The file-level legal variants (cbs-tables.md P2, P4, §2), applied to the finished files of a data set:
/// `\r\n` line ends, a UTF-8 byte-order mark, no final line feed, header names in the other case, a CBS file
/// name in lower case, and a CBS table delivered as V2 next to a superseded V1.
///
/// Each file is chosen per variant from the seed and its path alone, so the choice never depends on the
/// rows. When a rate is above zero and no file is drawn, the file with the lowest draw is taken, so that
/// every data set, however small, holds each enabled variant at least once.
struct FileVariants {
    let seed: UInt64
    let rates: DirtRates
    let ledger: DirtLedger

    /// CBS files that tests and the benchmark open by their exact name keep it; the name variants go to the
    /// other CBS files (yearly tables of earlier years, bijstand, enrolment, postcodes).
    static let namedElsewhere: [String] = [
        "GBAPERSOON", "KINDOUDER", "GBAHUISHOUDENS", "GBAADRESOBJECT", "VSLGWB", "JGDHULP", "JGDBESCHERM", "VERD",
        "HOOGSTEOPL",
    ]

    /// Applies the variants to every CSV file under `root` except the truth folder and the holiday table
    /// (which must equal the shipped `config/schoolvakanties.csv`).
    func apply(root: String, lastYear: Int) throws {
        let files = FileManager.default
        let places = (files.enumerator(atPath: root)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".csv") && !$0.hasPrefix("truth/") && !$0.hasSuffix("schoolvakanties.csv") }
            .sorted()
        let cbs = places.filter { $0.hasPrefix("cbs/") }
        let renamable = cbs.filter { place in
            let name = place.dropFirst(4)
            let lastYearFile = ["INHA\(lastYear)", "KOPPELPERSOONHUISHOUDEN\(lastYear)"].contains { name.hasPrefix($0) }
            return !lastYearFile && !FileVariants.namedElsewhere.contains { name.hasPrefix($0) }
        }
        let versioned = renamable.filter { $0.hasSuffix("V1.csv") }
        let superseded = choose(.supersededVersion, rate: rates.supersededVersion, among: versioned)
        let lowerCase = choose(.fileNameCase, rate: rates.fileNameCase, among: renamable)
        let headerCase = choose(.headerCase, rate: rates.headerCase, among: places)
        let bom = choose(.fileBOM, rate: rates.fileBOM, among: places)
        let crlf = choose(.fileCRLF, rate: rates.fileCRLF, among: places)
        let noFinalNewline = choose(.fileNoFinalNewline, rate: rates.fileNoFinalNewline, among: places)
        for place in places {
            var path = root + "/" + place
            if superseded.contains(place) {
                let newer = String(path.dropLast("V1.csv".count)) + "V2.csv"
                try files.moveItem(atPath: path, toPath: newer)
                try writeSuperseded(from: newer, to: path)
                path = newer
            }
            let variant = Rewrite(
                headerCase: headerCase.contains(place), bom: bom.contains(place), crlf: crlf.contains(place),
                noFinalNewline: noFinalNewline.contains(place))
            if variant.changesBytes { try variant.apply(to: path) }
            if lowerCase.contains(place) {
                let folder = (path as NSString).deletingLastPathComponent
                let name = (path as NSString).lastPathComponent
                try files.moveItem(atPath: path, toPath: folder + "/" + name.lowercased())
            }
        }
    }

    /// The files that get `kind`: each with probability `rate` from its own draw, at least one when `rate > 0`.
    private func choose(_ kind: DirtLedger.Kind, rate: Double, among places: [String]) -> Set<String> {
        let kindNumber = UInt64(DirtLedger.Kind.allCases.firstIndex(of: kind) ?? 0)
        let draws = places.map { place -> Double in
            var random = SplitMix64(seed: seed, stream: FileVariants.hash(place), substream: 0x711E_0000 + kindNumber)
            return random.unit()
        }
        var chosen = Set(zip(places, draws).filter { $0.1 < rate }.map(\.0))
        if chosen.isEmpty, rate > 0, let lowest = zip(places, draws).min(by: { $0.1 < $1.1 }) {
            chosen.insert(lowest.0)
        }
        for place in places { ledger.count(kind, injected: chosen.contains(place)) }
        return chosen
    }

    /// FNV-1a of a relative path: a stream number that depends on the file alone.
    static func hash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }

    /// Writes the superseded V1 of a CBS file: the same header and rows, without every tenth data row, so a
    /// reader that took V1 instead of V2 is visibly wrong. CBS files hold no quoted line breaks.
    private func writeSuperseded(from newer: String, to older: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: newer))
        var output = Data()
        output.reserveCapacity(data.count)
        var line = 0
        var start = data.startIndex
        for index in data.indices where data[index] == 10 {
            if line == 0 || line % 10 != 0 { output.append(data[start...index]) }
            line += 1
            start = index + 1
        }
        try output.write(to: URL(fileURLWithPath: older))
    }

    /// The byte-level changes of one file, done in one streaming pass.
    struct Rewrite {
        var headerCase: Bool
        var bom: Bool
        var crlf: Bool
        var noFinalNewline: Bool

        var changesBytes: Bool { headerCase || bom || crlf || noFinalNewline }

        /// Rewrites the file at `path` through a sibling temporary file.
        func apply(to path: String) throws {
            guard let input = FileHandle(forReadingAtPath: path) else {
                throw WijkbeeldError(.cannotWrite, "cannot read \(path) to apply file variants")
            }
            defer { try? input.close() }
            let temporary = path + ".variant"
            let output = try ByteWriter(path: temporary)
            if bom { output.bytes([0xEF, 0xBB, 0xBF]) }
            var inHeader = true
            var heldNewline = false
            var upper = true
            var first = true
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
                if first {
                    // A header with lower-case letters goes to upper case (as older CBS files), else to lower case.
                    upper = chunk.prefix { $0 != 10 }.contains { (97...122).contains($0) }
                    first = false
                }
                for var byte in chunk {
                    if heldNewline {
                        if crlf { output.byte(13) }
                        output.byte(10)
                        heldNewline = false
                    }
                    if byte == 10 {
                        inHeader = false
                        heldNewline = true
                        continue
                    }
                    if inHeader && headerCase { byte = Rewrite.flippedCase(byte, upper: upper) }
                    output.byte(byte)
                }
                try output.flush()
            }
            if heldNewline && !noFinalNewline {
                if crlf { output.byte(13) }
                output.byte(10)
            }
            try output.close()
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        }

        static func flippedCase(_ byte: UInt8, upper: Bool) -> UInt8 {
            if upper, (97...122).contains(byte) { return byte - 32 }
            if !upper, (65...90).contains(byte) { return byte + 32 }
            return byte
        }
    }
}
