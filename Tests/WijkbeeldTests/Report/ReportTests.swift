import Crypto
import Foundation
import Testing

@testable import Wijkbeeld

/// The report set written by `ReportPublisher` from a synthetic sample: accessibility and privacy
/// properties a browser validator cannot see, and agreement between the HTML page, its Markdown twin and
/// the manifest (reports.md R1–R14).
@Suite struct ReportTests {
    struct Built: @unchecked Sendable {
        var sample: (folder: TemporaryFolder, root: String)
        var output: TemporaryFolder
        var html: String
        var markdown: String
        var manifest: [String: Any]
    }

    /// A school name full of markup: data must never become markup.
    static let hostileName = "<b>De Zuidwester</b> & \"Co\" | *x*"

    static let built: Built? = try? build()

    static func build() throws -> Built {
        let sample = try TestData.sample(seed: 61, persons: 3_000)
        let output = try TemporaryFolder()
        var options = ReportOptions()
        options.schoolNames = ["SYNTHBRIN01": hostileName]
        let key = try PseudonymKey.resolve(keyFile: nil, input: sample.root)
        _ = try ReportPublisher.write(
            input: sample.root, output: output.path + "/out", key: key, history: 1, options: options)
        let html = try String(contentsOfFile: output.path + "/out/rapport.html", encoding: .utf8)
        let markdown = try String(contentsOfFile: output.path + "/out/rapport.md", encoding: .utf8)
        let manifest =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: output.path + "/out/manifest.json")))
            as? [String: Any] ?? [:]
        return Built(sample: sample, output: output, html: html, markdown: markdown, manifest: manifest)
    }

    /// Every match of `pattern` in `text`, as the first capture group (or the whole match).
    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else {
            return []
        }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            let group = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
            return Range(group, in: text).map { String(text[$0]) }
        }
    }

    static func unescapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func unescapeMarkdown(_ text: String) -> String {
        var result = ""
        var escaped = false
        for character in text {
            if !escaped && character == "\\" {
                escaped = true
                continue
            }
            escaped = false
            result.append(character)
        }
        return result
    }

    @Test func everyChartIsAnImageWithATitleAndADescription() throws {
        let built = try #require(Self.built)
        let svgs = Self.matches("(<svg.*?</svg>)", in: built.html)
        #expect(svgs.count >= 3)
        for svg in svgs {
            let opening = Self.matches("(<svg[^>]*>)", in: svg).first ?? ""
            #expect(opening.contains("role=\"img\""))
            let ids = (Self.matches("aria-labelledby=\"([^\"]*)\"", in: opening).first ?? "").split(separator: " ")
            #expect(ids.count == 2)
            let title = Self.matches("<title id=\"\(ids.first ?? "")\">([^<]+)</title>", in: svg)
            let description = Self.matches("<desc id=\"\(ids.last ?? "")\">([^<]+)</desc>", in: svg)
            #expect(title.count == 1 && description.count == 1, "\(opening)")
        }
    }

    @Test func everyTableHasACaptionAndScopedHeaders() throws {
        let built = try #require(Self.built)
        let tables = Self.matches("(<table>.*?</table>)", in: built.html)
        #expect(tables.count >= 8)
        for table in tables {
            #expect(Self.matches("(<caption[^>]*>[^<]+</caption>)", in: table).count == 1)
            let headers = Self.matches("(<th[ >])", in: table).count
            #expect(headers == Self.matches("(<th scope=\"(?:col|row)\")", in: table).count)
            let body = Self.matches("<tbody>(.*)</tbody>", in: table).first ?? ""
            for row in Self.matches("<tr>(.*?)</tr>", in: body) {
                #expect(row.hasPrefix("<th scope=\"row\">"), "a body row must start with its row header")
            }
        }
    }

    @Test func thePageLoadsNothingFromOutsideAndRunsNoScript() throws {
        let built = try #require(Self.built)
        let html = built.html.lowercased()
        for forbidden in [
            "<script", "<link", " src=", "href=\"http", "href='http", "url(", "@import", "<iframe", "<img",
        ] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        // The only absolute URL is the SVG namespace, which is a name, never fetched.
        let urls = Set(Self.matches("(https?://[^\"' <]+)", in: built.html))
        #expect(urls == ["http://www.w3.org/2000/svg"])
    }

    @Test func languageLandmarksAndHeadingsAreInOrder() throws {
        let built = try #require(Self.built)
        #expect(built.html.contains("<html lang=\"nl\">"))
        #expect(Self.matches("(<main[ >])", in: built.html).count == 1)
        #expect(built.html.contains("<nav aria-label=\"Inhoudsopgave\">"))
        #expect(built.html.contains("<header>") && built.html.contains("<footer>"))
        let levels = Self.matches("<h([1-6])[ >]", in: built.html).compactMap { Int($0) }
        #expect(levels.first == 1)
        for (previous, next) in zip(levels, levels.dropFirst()) { #expect(next <= previous + 1) }
        let markdownLevels = built.markdown.split(separator: "\n").filter { $0.hasPrefix("#") }
            .map { $0.prefix { $0 == "#" }.count }
        for (previous, next) in zip(markdownLevels, markdownLevels.dropFirst()) { #expect(next <= previous + 1) }
    }

    /// R14: every table of the page appears in the twin with the same cells in the same order, and the
    /// key figures are the same.
    @Test func htmlAndMarkdownCarryTheSameNumbers() throws {
        let built = try #require(Self.built)
        let htmlTables = Self.matches("(<table>.*?</table>)", in: built.html).map { table in
            Self.matches("<tr>(.*?)</tr>", in: table).map { row in
                Self.matches("<t[hd][^>]*>(.*?)</t[hd]>", in: row).map(Self.unescapeHTML)
            }
        }
        var markdownTables: [[[String]]] = []
        var current: [[String]] = []
        for line in built.markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else {
                if !current.isEmpty { markdownTables.append(current) }
                current = []
                continue
            }
            if line.hasPrefix("|---") { continue }
            // Split on the pipes the twin did not escape.
            var cells: [String] = []
            var cell = ""
            var escaped = false
            for character in line.dropFirst() {
                if character == "|" && !escaped {
                    cells.append(Self.unescapeMarkdown(cell.trimmingCharacters(in: .whitespaces)))
                    cell = ""
                } else {
                    cell.append(character)
                }
                escaped = character == "\\" && !escaped
            }
            current.append(cells)
        }
        if !current.isEmpty { markdownTables.append(current) }
        #expect(htmlTables.count >= 8 && htmlTables.count == markdownTables.count)
        #expect(htmlTables.flatMap { $0 }.count > 100)
        for (html, markdown) in zip(htmlTables, markdownTables) { #expect(html == markdown) }
        let htmlValues = Self.matches("<p class=\"value\">(.*?) <span", in: built.html).map(Self.unescapeHTML)
        let markdownValues = Self.matches("\n\\*\\*([^*\n]+)\\*\\* in ", in: built.markdown).map(Self.unescapeMarkdown)
        #expect(htmlValues.count == 7 && htmlValues == markdownValues)
    }

    /// R5: a suppressed cell shows only its symbol, and a table has a legend exactly when it uses one.
    @Test func suppressedCellsShowOnlyTheirSymbolAndLegendsFollowSymbols() throws {
        let built = try #require(Self.built)
        let key = try PseudonymKey.resolve(keyFile: nil, input: built.sample.root)
        let tables = try Transformer.run(input: built.sample.root, key: key, options: TransformOptions(year: 2023))
        let result = try IndicatorCalculator.compute(tables)
        let builder = ReportBuilder(tables: tables, result: result)
        let document = builder.build()
        let areas = builder.areas
        #expect(!areas.isEmpty)
        var suppressedSeen = 0
        for (row, definition) in zip(document.areaTable.rows, IndicatorCatalogue.built.sorted { $0.id < $1.id }) {
            for (column, area) in areas.enumerated() {
                let cell = try #require(
                    result.cells.first {
                        $0.key.indicator == definition.id && $0.key.geoLevel == "gebied" && $0.key.geoCode == area
                    })
                let text = row.cells[column].text
                if cell.isSuppressed {
                    suppressedSeen += 1
                    #expect(text == "<10" || text == "<20" || text == ".")
                } else {
                    #expect(text.first?.isNumber == true, "\(definition.id) \(area): \(text)")
                }
            }
        }
        #expect(suppressedSeen > 0)
        let all =
            [document.areaTable, document.familyTable, document.islands.table, document.signal.table]
            + document.schoolTables + [document.signalSchoolTable]
        for table in all {
            let texts = table.rows.flatMap(\.cells).map(\.text)
            let usesSymbol = texts.contains("<10") || texts.contains("<20") || texts.contains(".")
            #expect(table.hasLegend == usesSymbol, "\(table.id)")
            #expect(table.legend.contains("<10 =") == texts.contains("<10"), "\(table.id)")
            #expect(table.legend.contains("<20 =") == texts.contains("<20"), "\(table.id)")
        }
    }

    @Test func markupInDataIsEscapedInBothFormats() throws {
        let built = try #require(Self.built)
        #expect(!built.html.contains("<b>De Zuidwester"))
        #expect(built.html.contains("&lt;b&gt;De Zuidwester&lt;/b&gt; &amp; &quot;Co&quot;"))
        #expect(built.markdown.contains("\\<b\\>De Zuidwester\\</b\\> & \"Co\" \\| \\*x\\*"))
    }

    /// R12: the provenance block shows the same hashes as the manifest, and the manifest's output hashes
    /// are those of the files.
    @Test func everyHashInThePageIsTheManifests() throws {
        let built = try #require(Self.built)
        let inputs = try #require(built.manifest["inputs"] as? [[String: Any]])
        #expect(inputs.count > 20)
        for input in inputs {
            let hash = try #require(input["sha256"] as? String)
            #expect(hash.count == 64 && built.html.contains(hash) && built.markdown.contains(hash))
        }
        let pageHashes = Set(Self.matches("\\b([0-9a-f]{64})\\b", in: built.html))
        let known = Set(inputs.compactMap { $0["sha256"] as? String })
            .union([built.manifest["config_sha256"] as? String ?? ""])
        #expect(pageHashes.subtracting(known).isEmpty)
        let outputs = try #require(built.manifest["outputs"] as? [[String: Any]])
        #expect(outputs.count == 8)
        for output in outputs {
            let name = try #require(output["path"] as? String)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: built.output.path + "/out/" + name))
            #expect(output["sha256"] as? String == TableValidator.hex(SHA256.hash(data: bytes)), "\(name)")
        }
    }

    /// R11: the methods section defines every indicator the report shows.
    @Test func theMethodsSectionDefinesEveryIndicatorShown() throws {
        let built = try #require(Self.built)
        let parts = built.html.components(separatedBy: "id=\"verantwoording\"")
        #expect(parts.count == 2)
        let shown = Set(Self.matches("\\b(IND[0-9]{2})\\b", in: parts.first ?? ""))
        let defined = Set(Self.matches("<th scope=\"row\">(IND[0-9]{2}) ", in: parts.last ?? ""))
        #expect(shown.count >= 20)
        #expect(shown.isSubset(of: defined))
    }

    @Test func aFolderWijkbeeldDidNotWriteIsNeverReplaced() throws {
        let built = try #require(Self.built)
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/mine", withIntermediateDirectories: true)
        try "thesis".write(toFile: folder.path + "/mine/thesis.txt", atomically: true, encoding: .utf8)
        let key = try PseudonymKey.resolve(keyFile: nil, input: built.sample.root)
        #expect(throws: WijkbeeldError.self) {
            try ReportPublisher.write(input: built.sample.root, output: folder.path + "/mine", key: key, history: 0)
        }
        #expect(try String(contentsOfFile: folder.path + "/mine/thesis.txt", encoding: .utf8) == "thesis")
        // An earlier report set is replaced whole, with nothing left beside it; one with a file someone put in
        // it is not replaced at all, and that file stays.
        _ = try ReportPublisher.write(input: built.sample.root, output: folder.path + "/set", key: key, history: 0)
        _ = try ReportPublisher.write(input: built.sample.root, output: folder.path + "/set", key: key, history: 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["mine", "set"])
        try "stale".write(toFile: folder.path + "/set/stale.txt", atomically: true, encoding: .utf8)
        #expect(throws: WijkbeeldError.self) {
            try ReportPublisher.write(input: built.sample.root, output: folder.path + "/set", key: key, history: 0)
        }
        #expect(FileManager.default.fileExists(atPath: folder.path + "/set/stale.txt"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["mine", "set"])
    }
}
