import Crypto
import Foundation

/// Runs the whole pipeline on an input folder and publishes one report set: the Dutch HTML report and
/// its Markdown twin, the indicator tables, the validation and transform records, and `manifest.json`.
///
/// The set is built in a staging folder next to the output and swapped in whole, so a failure leaves the
/// previous set as it was (operations.md B4). Outputs never hold identifiers or pseudonyms.
public enum ReportPublisher {

    /// What a run produced, for the command's summary.
    public struct Summary: Sendable {
        public var validation: ValidationReport
        public var files: [String]
        public var cells: Int
        public var suppressed: Int
        public var auditFailures: Int
    }

    /// - Parameters:
    ///   - history: how many earlier years to compute for the sparklines (skipped where the input has no data).
    /// - Throws: `WijkbeeldError` for unreadable inputs, an unusable configuration or an unwritable output.
    public static func write(
        input: String, output: String, key: PseudonymKey, period: ReportPeriod = ReportPeriod(year: 2023),
        history: Int = 2, options: ReportOptions = ReportOptions()
    ) throws -> Summary {
        try checkReplaceable(output)
        let transformOptions = TransformOptions(period: period)
        // The period and the earlier years for the sparklines share one pass over the inputs; their
        // indicators and disclosure control then run side by side, one per core.
        let runs =
            [transformOptions]
            + stride(from: history, through: 1, by: -1).map { back in
                var options = TransformOptions(period: ReportPeriod(year: period.year - back, month: period.month))
                options.vintage = transformOptions.vintage
                options.pilotStart = transformOptions.pilotStart
                return options
            }
        let everyTables = try Transformer.run(input: input, key: key, periods: runs)
        let results = ConcurrentResults<Result<(AnalysisTables, IndicatorCalculator.Result), WijkbeeldError>>(
            count: runs.count)
        DispatchQueue.concurrentPerform(iterations: min(2, runs.count)) { _ in
            while let index = results.claim(below: runs.count) {
                do {
                    let tables = everyTables[index]
                    // An earlier year only feeds the cards' sparklines.
                    let only = index == 0 ? nil : ReportBuilder.sparklineIndicators
                    results.store(.success((tables, try IndicatorCalculator.compute(tables, only: only))), at: index)
                } catch let error as WijkbeeldError {
                    results.store(.failure(error), at: index)
                } catch {
                    results.store(.failure(WijkbeeldError(.internal, "\(error)")), at: index)
                }
            }
        }
        guard let first = results.values.first ?? nil else {
            throw WijkbeeldError(.internal, "the period's run produced nothing")
        }
        let (tables, result) = try first.get()
        var earlier: [ReportHistory] = []
        for (index, outcome) in results.values.enumerated().dropFirst() {
            // An earlier year the input does not cover (no income tables, say) just has no point in the line.
            guard case .success(let (previous, computed)) = outcome,
                previous.persons.contains(where: { $0.incomeHousehold != nil })
            else { continue }
            earlier.append(ReportHistory(period: runs[index].period.description, cells: computed.cells))
        }
        let files = try self.files(
            tables: tables, result: result, history: earlier, districts: [options.district],
            languages: [options.language], options: options, inputName: input)
        try publish(files, to: output)
        return Summary(
            validation: tables.validation, files: files.map(\.name), cells: result.cells.count,
            suppressed: result.cells.filter(\.isSuppressed).count, auditFailures: result.failures.count)
    }

    /// The report set of one run: per district and language the HTML report and its Markdown twin
    /// (`rapport.html`, `rapport.en.html`; in a folder per district when there are several), the shared
    /// tables and records, and `manifest.json` over all of them.
    public static func files(
        tables: AnalysisTables, result: IndicatorCalculator.Result, history: [ReportHistory], districts: [String],
        languages: [String], options: ReportOptions, inputName: String
    ) throws -> [(name: String, bytes: [UInt8])] {
        // No BRIN in any published file: school input paths are shown as `school/school_N/…` (R10).
        let tables = tables.withPublicInputPlaces()
        var files: [(name: String, bytes: [UInt8])] = []
        for district in districts {
            for language in languages {
                var reportOptions = options
                reportOptions.district = district
                reportOptions.language = language
                let document = ReportBuilder(tables: tables, result: result, history: history, options: reportOptions)
                    .build()
                let prefix = districts.count > 1 ? district + "/" : ""
                let suffix = language == "nl" ? "" : "." + language
                files.append((prefix + "rapport\(suffix).html", Array(try ReportRenderer.html(document).utf8)))
                files.append((prefix + "rapport\(suffix).md", Array(try ReportRenderer.markdown(document).utf8)))
            }
        }
        files.append(("indicatoren.csv", Array(IndicatorTableWriter.csv(result).utf8)))
        files.append(("indicatoren.json", try encode { try IndicatorTableWriter.json(result) }))
        files.append(("validation.json", try encode { try tables.validation.json() }))
        files.append(("validation.txt", Array(tables.validation.text().utf8)))
        files.append(("transform.txt", Array(TransformExport.summary(tables).utf8)))
        // The folder's name only: a local path says nothing to a reader and would differ between machines.
        let folderName = URL(fileURLWithPath: inputName).standardizedFileURL.lastPathComponent
        files.append(("README.md", Array(readme(input: folderName, tables: tables, result: result).utf8)))
        files.append(("manifest.json", try manifest(tables: tables, options: options, files: files)))
        return files
    }

    static func encode(_ body: () throws -> Data) throws -> [UInt8] {
        do { return Array(try body()) + [10] } catch let error as WijkbeeldError { throw error } catch {
            throw WijkbeeldError(.internal, "cannot encode an output table", cause: "\(error)")
        }
    }

    /// `manifest.json`: the run's parameters and the sha256 of every input and output (reports.md R12).
    static func manifest(
        tables: AnalysisTables, options: ReportOptions, files: [(name: String, bytes: [UInt8])]
    ) throws -> [UInt8] {
        struct Input: Encodable {
            var path: String
            var table: String
            var bytes: Int
            var sha256: String
            var encoding: String
            var delimiter: String
            var schema_version = "1"
            var rows_in: Int
            var rows_accepted: Int
            var rows_rejected: Int
            var valid: Bool
        }
        struct Output: Encodable {
            var path: String
            var bytes: Int
            var sha256: String
        }
        struct Pipeline: Encodable {
            var tool = "wijkbeeld"
            var version: String
            var git_commit: String
        }
        struct Parameters: Encodable {
            var period: String
            var peildatum: String
            var areas: [String]
            var gwb_vintage: Int
        }
        // Field names as operations.md gives them.
        struct Manifest: Encodable {
            var pipeline: Pipeline
            var generated_at: String
            var config_sha256: String
            var key_fingerprint: String
            var sample_key: Bool
            var parameters: Parameters
            var inputs: [Input]
            var outputs: [Output]
            var previous_run_id: String?
            var freshness: String

            func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(pipeline, forKey: Key("pipeline"))
                try container.encode(generated_at, forKey: Key("generated_at"))
                try container.encode(config_sha256, forKey: Key("config_sha256"))
                try container.encode(key_fingerprint, forKey: Key("key_fingerprint"))
                try container.encode(sample_key, forKey: Key("sample_key"))
                try container.encode(parameters, forKey: Key("parameters"))
                try container.encode(inputs, forKey: Key("inputs"))
                try container.encode(outputs, forKey: Key("outputs"))
                try container.encode(previous_run_id, forKey: Key("previous_run_id"))
                try container.encode(freshness, forKey: Key("freshness"))
            }
        }
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ name: String) { stringValue = name }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        let builder = ReportBuilder(
            tables: tables, result: .init(cells: [], unrounded: [], failures: [], definitions: []), options: options)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let generated = formatter.string(from: options.generatedAt)
        let manifest = Manifest(
            pipeline: Pipeline(version: Wijkbeeld.version, git_commit: options.commit), generated_at: generated,
            config_sha256: builder.configHash, key_fingerprint: tables.keyFingerprint, sample_key: tables.isSampleKey,
            parameters: Parameters(
                period: tables.options.period.description, peildatum: "\(tables.options.referenceDate)",
                areas: tables.options.areas.map(\.code), gwb_vintage: tables.options.vintage),
            inputs: tables.validation.tasks.sorted { $0.place < $1.place }.map {
                Input(
                    path: $0.place, table: $0.name, bytes: $0.stats.bytes, sha256: $0.stats.sha256,
                    encoding: $0.encoding, delimiter: $0.delimiter, rows_in: $0.stats.rows,
                    rows_accepted: $0.rowsAccepted, rows_rejected: $0.rowsRejected, valid: $0.valid)
            },
            outputs: files.map { Output(path: $0.name, bytes: $0.bytes.count, sha256: ReportBuilder.sha256($0.bytes)) },
            previous_run_id: options.previousRunID, freshness: generated)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encode { try encoder.encode(manifest) }
    }

    static func readme(input: String, tables: AnalysisTables, result: IndicatorCalculator.Result) -> String {
        let report = tables.validation
        return """
            # Wijkbeeld output

            Built by `wijkbeeld report` (version \(Wijkbeeld.version)) from the input folder `\(input)`, period
            \(tables.options.period), reference date \(tables.options.referenceDate).
            \(tables.isSampleKey ? "\nPseudonyms were made with the SAMPLE KEY of the synthetic data: not for real data.\n" : "")
            - `rapport.html`: the report for the project team, in Dutch: one self-contained file that works offline
              and prints on A4.
            - `rapport.md`: the same report as Markdown, with the same numbers.
            - `indicatoren.csv`, `indicatoren.json`: every indicator cell after disclosure control, with status
              (`s` published, `u` primary, `x` secondary suppression) and reason; suppressed cells carry no number.
              \(result.cells.count) cells, \(result.cells.filter(\.isSuppressed).count) suppressed.
            - `validation.txt`, `validation.json`: the validation report (\(report.rowsRead) rows read =
              \(report.rowsAccepted) accepted + \(report.rowsRejected) rejected).
            - `transform.txt`: the transform stage's run record: counts for each reason, and the key fingerprint.
            - `manifest.json`: sha256 of every input and output, the settings hash, version and commit.

            """
    }

    /// Refuses to replace a folder that holds anything wijkbeeld did not write there (`PublishedFolder`).
    static func checkReplaceable(_ output: String) throws {
        try PublishedFolder.checkReplaceable(output)
    }

    /// Writes the files into a staging folder and swaps it in for `output` (two renames).
    static func publish(_ files: [(name: String, bytes: [UInt8])], to output: String) throws {
        try PublishedFolder.publish(files.map { PublishedFolder.File($0.name, $0.bytes) }, to: output)
    }
}
