#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Records with quoted fields, and the encoding check of records with non-ASCII bytes.
extension CSVReader {
    /// The general path for a record with quotes: find its end, then split and unescape in place.
    func parseQuotedRecord() throws(CSVReadError) -> Outcome {
        var scan = start
        var quoted = false
        while scan < end {
            let byte = base[scan]
            if byte == 0x22 {
                quoted.toggle()
            } else if byte == 0x0A && !quoted {
                break
            }
            scan += 1
        }
        if scan == end && !atEOF { return .needMore }
        let recordEnd = scan
        let next = scan < end ? scan + 1 : end
        fieldCount = 0
        let delimiter = dialect.delimiter
        var lineNumber = line
        var lineStart = start
        var read = start
        var nonASCII = false
        var nul = -1
        var lines = scan < end ? 1 : 0
        func failure(_ kind: CSVReadError.Kind, at offset: Int, _ message: String) -> CSVReadError {
            CSVReadError(kind: kind, line: lineNumber, column: offset - lineStart + 1, message: message)
        }
        while true {
            let fieldStart = read
            if read < recordEnd && base[read] == 0x22 {
                let openQuote = read
                let openLine = lineNumber
                let openColumn = read - lineStart + 1
                read += 1
                var write = read
                let contentStart = read
                var closed = false
                while read < recordEnd {
                    let byte = base[read]
                    if byte == 0x22 {
                        if read + 1 < recordEnd && base[read + 1] == 0x22 {
                            base[write] = 0x22
                            write += 1
                            read += 2
                            continue
                        }
                        read += 1
                        closed = true
                        break
                    }
                    if byte == 0x0A {
                        lineNumber += 1
                        lineStart = read + 1
                        lines += 1
                    } else if byte >= 0x80 {
                        nonASCII = true
                    } else if byte == 0 && nul < 0 {
                        nul = read
                    }
                    base[write] = byte
                    write += 1
                    read += 1
                }
                if !closed {
                    _ = openQuote
                    throw CSVReadError(
                        kind: .unterminatedQuote, line: openLine, column: openColumn,
                        message: "quoted field opened here is never closed; the file is probably cut off")
                }
                appendField(contentStart, write)
                if read < recordEnd && base[read] == delimiter {
                    read += 1
                    continue
                }
                if read == recordEnd || (read + 1 == recordEnd && base[read] == 0x0D) { break }
                throw failure(.textAfterQuote, at: read, "text after a closing quote; quote the whole field")
            } else {
                while read < recordEnd && base[read] != delimiter {
                    let byte = base[read]
                    if byte == 0x22 {
                        throw failure(.strayQuote, at: read, "quote inside an unquoted field; quote the whole field")
                    }
                    if byte >= 0x80 { nonASCII = true } else if byte == 0 && nul < 0 { nul = read }
                    read += 1
                }
                var last = read
                if read == recordEnd && last > fieldStart && base[last - 1] == 0x0D { last -= 1 }
                appendField(fieldStart, last)
                if read < recordEnd {
                    read += 1
                    continue
                }
                break
            }
        }
        _ = try consumeRecord(next: next, lines: lines, nonASCII: nonASCII, nul: nul)
        if nonASCII {
            // Fields were unescaped in place; check each field's final bytes.
            for index in 0..<fieldCount {
                try checkEncoding(from: fieldStarts[index], to: fieldEnds[index], line: recordLine)
            }
        }
        return .complete
    }

    func checkEncoding(from first: Int, to last: Int, line: Int) throws(CSVReadError) {
        let bytes = UnsafeBufferPointer(start: base + first, count: last - first)
        let invalid: Int?
        switch dialect.encoding {
        case .utf8: invalid = TextDecoding.firstInvalidUTF8(bytes)
        case .windows1252: invalid = TextDecoding.firstUndefinedWindows1252(bytes)
        }
        if let invalid {
            // Report the physical line and column even inside multi-line quoted fields.
            var lineNumber = line
            var lineStart = first
            for index in first..<(first + invalid) where base[index] == 0x0A {
                lineNumber += 1
                lineStart = index + 1
            }
            throw CSVReadError(
                kind: .encoding, line: lineNumber, column: first + invalid - lineStart + 1,
                message: "invalid \(dialect.encoding.rawValue) byte 0x\(String(base[first + invalid], radix: 16)); "
                    + "re-export the file as UTF-8")
        }
    }

}
