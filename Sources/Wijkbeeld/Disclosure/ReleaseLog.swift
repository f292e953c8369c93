import Foundation

/// The counts of a cell as released before, for R9.
public struct ReleasedCell: Sendable, Equatable {
    public var count: Int?
    public var base: Int?
}

/// The release log of R9: the unrounded count and base of every cell published by earlier runs.
///
/// A private file like the checker file (it holds unrounded numbers): `;`-separated lines of
/// indicator, period, geo level, geo code, breakdown, count, base. The latest entry of a key wins.
public enum ReleaseLog {
    public static func read(_ path: String) throws -> [CellKey: ReleasedCell] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw WijkbeeldError(.configuration, "cannot read the release log \(path)")
        }
        var released: [CellKey: ReleasedCell] = [:]
        for (offset, line) in text.split(separator: "\n").enumerated() where !line.hasPrefix("#") {
            let fields = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 7 else {
                throw WijkbeeldError(
                    .configuration, "release log line has \(fields.count) fields, expected 7",
                    location: SourceLocation(path: path, line: offset + 1))
            }
            let key = CellKey(
                indicator: fields[0], period: fields[1], geoLevel: fields[2], geoCode: fields[3], breakdown: fields[4])
            released[key] = ReleasedCell(count: Int(fields[5]), base: Int(fields[6]))
        }
        return released
    }

    /// The released cells a new cell of `period` is compared with (R9): its own earlier releases (a correction
    /// that moves a cell by a few persons reveals them), and for a month, the cells of the latest earlier month
    /// of the same year released before. Successive months publish year-to-date counts, so the difference of
    /// two consecutive months is itself a cell about the few persons added: a month whose cell moved by 1–9
    /// since the month before is held back (decided reading, README).
    public static func released(_ log: [CellKey: ReleasedCell], for period: ReportPeriod) -> [CellKey: ReleasedCell] {
        let name = period.description
        var compared = log.filter { $0.key.period == name }
        guard period.month != nil else { return compared }
        let year = String(period.year)
        let earlier = Set(
            log.keys.map(\.period).filter { $0.count == 7 && $0.hasPrefix(year + "-") && $0 < name })
        guard let previous = earlier.max() else { return compared }
        for (key, cell) in log where key.period == previous {
            var mapped = key
            mapped.period = name
            if compared[mapped] == nil { compared[mapped] = cell }
        }
        return compared
    }

    /// Appends the cells published now (not suppressed) to the log, atomically.
    /// - Parameter published: folders that are published; the log may not be inside one (it holds unrounded
    ///   counts).
    public static func append(_ cells: [StatisticCell], to path: String, outside published: [String] = []) throws {
        var text = "# PRIVATE release log (R9): unrounded counts\n"
        if FileManager.default.fileExists(atPath: path) {
            // Never start the log afresh over an existing one that cannot be read.
            guard let existing = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw WijkbeeldError(.configuration, "cannot read the release log \(path); it was left unchanged")
            }
            text = existing
        }
        for cell in cells where !cell.status.isSuppressed {
            let key = cell.key
            text +=
                CSVRecord.line([
                    key.indicator, key.period, key.geoLevel, key.geoCode, key.breakdown,
                    cell.measure.additiveCount.map(String.init) ?? "", cell.measure.additiveBase.map(String.init) ?? "",
                ]) + "\n"
        }
        try AtomicFile.writePrivate(text, to: path, outside: published)
    }
}
