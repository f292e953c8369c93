import Foundation

extension ValidationReport {
    /// The report for people: one line per file with its accounting, then each listed issue as
    /// `file:line:column: type: message`.
    public func text(issueLimit: Int = 20) -> String {
        var lines: [String] = []
        for warning in warnings { lines.append("warning: \(warning.message)") }
        for task in tasks {
            let status = task.valid ? "ok  " : "FAIL"
            var line =
                "\(status) \(task.place) (\(task.name)\(task.year.map { " \($0)" } ?? "")): "
                + "\(task.stats.rows) rows read = \(task.rowsAccepted) accepted + \(task.rowsRejected) rejected"
            if task.encoding != "utf-8" { line += ", encoding \(task.encoding)" }
            if task.stats.errors + task.stats.warnings > 0 {
                line +=
                    "; "
                    + task.issueCounts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
                    .joined(separator: ", ")
            }
            lines.append(line)
            for issue in task.errors.prefix(issueLimit) {
                lines.append("  " + issue.formatted(place: task.place))
            }
            let hidden = task.stats.errors + task.stats.warnings - min(task.errors.count, issueLimit)
            if hidden > 0 { lines.append("  … and \(hidden) more (see --json)") }
        }
        lines.append(
            "\(valid ? "valid" : "INVALID"): \(tasks.count) files, \(rowsRead) rows read = \(rowsAccepted) accepted + "
                + "\(rowsRejected) rejected; \(stats.errors) errors, \(stats.warnings) warnings")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as JSON with sorted keys (Frictionless shape; no timings, so it is reproducible).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
