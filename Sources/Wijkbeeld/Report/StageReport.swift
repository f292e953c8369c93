import Foundation

/// Writes what the pipeline stages built so far produce: today the validation report of the inputs.
///
/// Outputs never hold identifiers: the validation report masks identifier cells as `•••`.
public enum StageReport {
    /// The stages after ingest that do not exist yet, named in the output so nobody mistakes it for a full report.
    public static let missingStages = [
        "probabilistic linkage",
        "HTML and Markdown reports",
    ]

    /// Runs the stages that exist on `input` and writes `validation.json`, `validation.txt`,
    /// `transform.txt` and `README.md` into `output`.
    /// - Returns: the validation report.
    public static func write(
        input: String, output: String, key: PseudonymKey, period: ReportPeriod = ReportPeriod(year: 2023)
    ) throws
        -> ValidationReport
    {
        let tables = try Transformer.run(input: input, key: key, options: TransformOptions(period: period))
        let report = tables.validation
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw WijkbeeldError(.cannotWrite, "cannot create \(output): check that its parent is writable")
        }
        let json: Data
        do { json = try report.json() } catch {
            throw WijkbeeldError(.internal, "cannot encode the validation report", cause: "\(error)")
        }
        try AtomicFile.write(Array(json) + [10], to: output + "/validation.json")
        try AtomicFile.write(report.text(), to: output + "/validation.txt")
        try AtomicFile.write(TransformExport.summary(tables), to: output + "/transform.txt")
        let indicators = try IndicatorCalculator.compute(tables)
        try AtomicFile.write(IndicatorTableWriter.csv(indicators), to: output + "/indicatoren.csv")
        do {
            try AtomicFile.write(
                Array(try IndicatorTableWriter.json(indicators)) + [10], to: output + "/indicatoren.json")
        } catch let error as WijkbeeldError {
            throw error
        } catch {
            throw WijkbeeldError(.internal, "cannot encode the indicator table", cause: "\(error)")
        }
        let readme = """
            # Wijkbeeld output

            Built by `wijkbeeld report` (version \(Wijkbeeld.version)) from the input folder `\(input)`.

            Stages run: **ingest** (validation of every input file, with row accounting:
            \(report.rowsRead) rows read = \(report.rowsAccepted) accepted + \(report.rowsRejected) rejected) and
            **transform** (keyed pseudonyms, locating everyone on \(tables.options.referenceDate), selecting the
            areas, persons and families, deterministic linking of school and care records), and the first
            **indicators** with **disclosure control** (R1–R8: minimum counts, events and households,
            secondary suppression audited by linear programming, rounding).
            \(key.isSample ? "\nPseudonyms were made with the SAMPLE KEY of the synthetic data: not for real data.\n" : "")
            Not built yet: \(missingStages.joined(separator: ", ")). Indicator tables and the Dutch HTML and
            Markdown reports will appear here once those stages exist.

            - `validation.txt`: the validation report for people.
            - `validation.json`: the same report in the Frictionless shape.
            - `transform.txt`: the transform stage's run record: counts per reason, key fingerprint.
            - `indicatoren.csv`, `indicatoren.json`: the indicators built so far (\(indicators.definitions.map(\.id)
                .joined(separator: ", "))) per buurt and area, after disclosure control: every cell has a status
              (`s` published, `u` primary, `x` secondary suppression) and a reason; suppressed cells carry no number.

            """
        try AtomicFile.write(readme, to: output + "/README.md")
        return report
    }
}
