import Foundation

/// `wijkbeeld run --config`: every configured period, district and area from one pass over the inputs,
/// written as `<output>/<period>/` report sets (one report per district and language).
///
/// Disclosure control sees every configured area, so a batch and a run of one of its districts with the
/// same configuration publish the same numbers.
public enum BatchRun {
    public struct Outcome: Sendable {
        public var period: String
        public var folder: String
        public var cells: Int
        public var suppressed: Int
        /// Cells held back by R9 (moved by fewer than 10 since an earlier release).
        public var heldBack = 0
    }

    public static func run(
        _ configuration: RunConfiguration, key: PseudonymKey, log: RunLog, commit: String = "onbekend"
    ) throws -> [Outcome] {
        guard !configuration.periods.isEmpty else {
            throw WijkbeeldError(.configuration, "\(configuration.file): \"periods\" lists no period to run")
        }
        var outcomes: [Outcome] = []
        // All periods and districts share one pass over the inputs, and one geography vintage (R9): the
        // configured one, or the latest period's year.
        let latest = configuration.periods.map(\.year).max()
        let everyTables = try Transformer.run(
            input: configuration.input, key: key,
            periods: configuration.periods.map { configuration.transformOptions($0, log: log, defaultVintage: latest) })
        log.event("validated", ["rows": String(everyTables.first?.validation.rowsRead ?? 0)])
        // The periods share one set of links, so one period's warnings are every period's.
        for warning in everyTables.first?.warnings ?? [] {
            log.event("linkage_left_out", level: "warning", ["message": warning])
        }
        var releases = try ReleaseLog.read(configuration.releaseLog)
        for (period, tables) in zip(configuration.periods, everyTables) {
            log.period = period.description
            let result = try configuration.indicators(tables, released: ReleaseLog.released(releases, for: period))
            let options = configuration.reportOptions(commit: commit)
            var files = try ReportPublisher.files(
                tables: tables, result: result, history: [], districts: configuration.districts,
                languages: configuration.languages, options: options, inputName: configuration.input)
            if let export = configuration.export {
                let treated = RecordExport(RecordExport.records(tables), k: export.k, l: export.l)
                files.append(("export/kinderen.csv", Array(treated.csv.utf8)))
                log.event(
                    "exported",
                    [
                        "rows": String(treated.records.count),
                        "message": "k=\(export.k) l=\(export.l) removed=\(treated.removed)",
                    ])
            }
            let folder = configuration.output + "/\(period)"
            try ReportPublisher.checkReplaceable(folder)
            try ReleaseLog.append(result.unrounded, to: configuration.releaseLog, outside: [folder])
            releases = try ReleaseLog.read(configuration.releaseLog)
            try ReportPublisher.publish(files, to: folder)
            log.event("published", ["message": folder])
            outcomes.append(
                Outcome(
                    period: period.description, folder: folder, cells: result.cells.count,
                    suppressed: result.cells.filter(\.isSuppressed).count,
                    heldBack: result.cells.filter { $0.reasons.contains(.differencing) }.count))
        }
        return outcomes
    }
}
