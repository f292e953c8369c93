import Foundation
import Testing

@testable import Wijkbeeld

/// A random CSV text with its intended records, built so that every field can be located.
struct GeneratedCSV {
    var bytes: [UInt8] = []
    var rows: [[String]] = []
    var delimiter: UInt8
    /// Byte offsets of each field's first raw byte, and whether it was quoted.
    var fieldOffsets: [[(offset: Int, quoted: Bool, length: Int)]] = []

    init(random: inout SplitMix64) {
        delimiter = random.chance(0.5) ? UInt8(ascii: ";") : UInt8(ascii: ",")
        let crlf = random.chance(0.5)
        let rowCount = random.int(in: 1...8)
        let alphabet: [String] = ["a", "b", "Z", "7", " ", "é", "中", "-", "\"", ";", ",", "\n", "\r\n", "x y"]
        for row in 0..<rowCount {
            let width = row == 0 ? random.int(in: 2...6) : random.int(in: 1...6)
            var fields: [String] = []
            var offsets: [(Int, Bool, Int)] = []
            for column in 0..<width {
                var text = ""
                for _ in 0..<random.int(in: 0...6) {
                    let piece = random.element(of: alphabet)
                    // The header must sniff to the right delimiter: no delimiters or quotes in it.
                    if row == 0 && [";", ",", "\"", "\n", "\r\n"].contains(piece) { continue }
                    text += piece
                }
                let needsQuotes =
                    text.contains("\"") || text.contains(";") || text.contains(",")
                    || text.contains("\n") || text.contains("\r") || (width == 1 && text.isEmpty)
                let quoted = needsQuotes || (row > 0 && random.chance(0.2))
                if column > 0 { bytes.append(delimiter) }
                let raw = quoted ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
                offsets.append((bytes.count, quoted, raw.utf8.count))
                bytes += Array(raw.utf8)
                fields.append(text)
            }
            rows.append(fields)
            fieldOffsets.append(offsets)
            if row < rowCount - 1 || random.chance(0.7) {
                bytes += crlf ? [13, 10] : [10]
            }
        }
    }

    /// Physical line and byte column of a byte offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == 10 {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}

func readAll(_ reader: CSVReader) throws -> [[String]] {
    var rows: [[String]] = []
    while try reader.next() { rows.append(reader.strings()) }
    return rows
}

@Suite struct CSVReaderTests {
    @Test func agreesWithPythonCSVOnThousandsOfGeneratedTexts() throws {
        let folder = try TemporaryFolder()
        var random = SplitMix64(seed: 20_261_122)
        var texts: [GeneratedCSV] = []
        var files: [(String, String)] = []
        for index in 0..<2_000 {
            let text = GeneratedCSV(random: &random)
            texts.append(text)
            files.append((try folder.write("t\(index).csv", text.bytes), String(UnicodeScalar(text.delimiter))))
        }
        let expected = try PythonOracle.parse(files: files)
        for (index, text) in texts.enumerated() {
            let reader = try CSVReader(
                bytes: text.bytes, bufferSize: random.int(in: 4...64), chunkLimit: random.int(in: 1...17))
            let rows = try readAll(reader)
            #expect(
                rows == expected[index],
                "text \(index): \(String(decoding: text.bytes, as: UTF8.self).debugDescription)")
            #expect(reader.dialect.delimiter == text.delimiter)
        }
    }

    @Test func readsFilesThroughSmallBuffersLikeInMemory() throws {
        let folder = try TemporaryFolder()
        var random = SplitMix64(seed: 7)
        for index in 0..<50 {
            let text = GeneratedCSV(random: &random)
            let path = try folder.write("f\(index).csv", text.bytes)
            let fromFile = try readAll(try CSVReader(path: path, bufferSize: random.int(in: 4...32)))
            #expect(fromFile == text.rows)
        }
    }

    @Test func rejectsAnUnterminatedQuoteAtTheOpeningQuote() throws {
        var random = SplitMix64(seed: 11)
        for _ in 0..<300 {
            var text = GeneratedCSV(random: &random)
            if text.bytes.last != 10 { text.bytes.append(10) }
            let opening = text.bytes.count + 2
            text.bytes += [UInt8(ascii: "x"), text.delimiter] + Array("\"cut off".utf8)
            let expected = text.position(of: opening)
            try expectFailure(text, kind: .unterminatedQuote, at: expected, random: &random)
        }
    }

    @Test func rejectsAStrayQuoteInAnUnquotedField() throws {
        var random = SplitMix64(seed: 12)
        var checked = 0
        while checked < 300 {
            var text = GeneratedCSV(random: &random)
            let candidates = text.fieldOffsets.dropFirst().flatMap { $0 }.filter { !$0.quoted && $0.length > 0 }
            guard let field = candidates.first else { continue }
            let at = field.offset + random.int(in: 0...(field.length - 1))
            text.bytes.insert(UInt8(ascii: "\""), at: at)
            // Shift to a position the quote does not end up opening a field.
            guard at != field.offset else { continue }
            try expectFailure(text, kind: .strayQuote, at: text.position(of: at), random: &random)
            checked += 1
        }
    }

    @Test func rejectsTextAfterAClosingQuote() throws {
        var random = SplitMix64(seed: 13)
        var checked = 0
        while checked < 300 {
            var text = GeneratedCSV(random: &random)
            guard let field = text.fieldOffsets.flatMap({ $0 }).first(where: { $0.quoted }) else { continue }
            let at = field.offset + field.length
            text.bytes.insert(UInt8(ascii: "x"), at: at)
            try expectFailure(text, kind: .textAfterQuote, at: text.position(of: at), random: &random)
            checked += 1
        }
    }

    @Test func reportsANulByteAndGoesOnWithTheNextRecord() throws {
        let text = Array("a;b\n1;2\n3;\u{0}4\n5;6\n".utf8)
        let reader = try CSVReader(bytes: text, bufferSize: 5, chunkLimit: 3)
        #expect(try reader.next())
        #expect(try reader.next())
        #expect(
            throws: CSVReadError(kind: .nulByte, line: 3, column: 3, message: "NUL byte; the file is binary or damaged")
        ) {
            try reader.next()
        }
        #expect(try reader.next())
        #expect(reader.strings() == ["5", "6"])
        #expect(reader.recordLine == 4)
    }

    @Test func rejectsInvalidUTF8InAFileMarkedAsUTF8() throws {
        let text: [UInt8] =
            [0xEF, 0xBB, 0xBF] + Array("naam;plaats\nJosé;Tilburg\nJo".utf8) + [0xC3, 0x28]
            + Array(";x\n".utf8)
        let reader = try CSVReader(bytes: text)
        #expect(reader.dialect.hasByteOrderMark)
        #expect(try reader.next())
        #expect(try reader.next())
        #expect(reader.strings() == ["José", "Tilburg"])
        do {
            _ = try reader.next()
            Issue.record("invalid UTF-8 accepted")
        } catch {
            #expect(error.kind == .encoding)
            #expect(error.line == 3)
            #expect(error.column == 3)
        }
    }

    @Test func decodesWindows1252WhenTheFileIsNotUTF8() throws {
        let text: [UInt8] = Array("naam;bedrag\nJos".utf8) + [0xE9] + Array(";".utf8) + [0x80] + Array("5\n".utf8)
        let reader = try CSVReader(bytes: text)
        #expect(reader.dialect.encoding == .windows1252)
        #expect(try readAll(reader) == [["naam", "bedrag"], ["José", "€5"]])
    }

    @Test func refusesAFileWithoutDelimiter() {
        #expect(throws: CSVReadError.self) { try CSVReader(bytes: Array("just one column\n1\n".utf8)) }
    }

    private func expectFailure(
        _ text: GeneratedCSV, kind: CSVReadError.Kind, at position: (line: Int, column: Int), random: inout SplitMix64
    ) throws {
        let reader = try CSVReader(
            bytes: text.bytes, bufferSize: random.int(in: 4...64), chunkLimit: random.int(in: 1...9))
        do {
            while try reader.next() {}
            Issue.record("accepted malformed text \(String(decoding: text.bytes, as: UTF8.self).debugDescription)")
        } catch {
            #expect(error.kind == kind, "\(String(decoding: text.bytes, as: UTF8.self).debugDescription)")
            #expect(
                error.line == position.line && error.column == position.column,
                "\(error) expected \(position) in \(String(decoding: text.bytes, as: UTF8.self).debugDescription)")
        }
    }
}

@Suite struct CSVReaderRangeTests {
    /// Reading a file in byte ranges split at line ends gives the serial records exactly, or reports
    /// (through `nextRecordOffset`) that a quoted field spans a split.
    @Test func rangesSplitAtLineEndsReproduceTheSerialRecords() throws {
        let folder = try TemporaryFolder()
        var random = SplitMix64(seed: 31)
        var consistent = 0
        var spanning = 0
        for index in 0..<400 {
            var text = GeneratedCSV(random: &random)
            if text.bytes.last != 10 { text.bytes.append(10) }
            let path = try folder.write("r\(index).csv", text.bytes)
            let serial = try CSVReader(path: path, bufferSize: 16)
            var rows = try readAll(serial)
            rows.removeFirst()
            let header = try CSVReader(path: path)
            _ = try header.next()
            let bodyStart = header.nextRecordOffset
            let newlines = text.bytes.indices.filter {
                $0 >= bodyStart && text.bytes[$0] == 10 && $0 + 1 < text.bytes.count
            }
            let cuts = Array(
                Set(
                    (0..<random.int(in: 0...3)).compactMap { _ in
                        newlines.isEmpty ? nil : random.element(of: newlines) + 1
                    })
            )
            .sorted()
            let bounds = [bodyStart] + cuts + [text.bytes.count]
            var parts: [[String]] = []
            var matched = true
            for part in 0..<(bounds.count - 1) {
                let reader = try CSVReader(
                    path: path, range: bounds[part]..<bounds[part + 1], dialect: header.dialect,
                    bufferSize: random.int(in: 4...32))
                // A range that starts inside a quoted field may also fail to parse: the same signal.
                guard let records = try? readAll(reader) else {
                    matched = false
                    break
                }
                parts += records
                if part < bounds.count - 2 && reader.nextRecordOffset != bounds[part + 1] { matched = false }
            }
            if matched {
                #expect(parts == rows, "\(String(decoding: text.bytes, as: UTF8.self).debugDescription) cut at \(cuts)")
                consistent += 1
            } else {
                spanning += 1
            }
        }
        #expect(consistent > 200)
        #expect(spanning > 0, "some splits fall inside quoted fields and must be detected")
    }
}
