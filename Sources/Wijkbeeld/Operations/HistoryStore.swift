import Foundation
import GRDB

/// The history of published indicator values in SQLite (operations.md B14): every run of every period with
/// the cells it published (aggregates after disclosure control, never microdata), and a corrections log.
///
/// A run is first `staged`, then `published` once its report set is in place; a re-published period
/// supersedes the earlier run and adds a correction. Old months are never rewritten. Researchers can
/// query `runs`, `cells` and `corrections` directly.
public final class HistoryStore {
    public struct Run: Sendable, Equatable {
        public var runID: String
        public var period: String
        public var cacheKey: String
        public var configSHA256: String
        public var startedAt: String
        public var status: String
        /// 1 for the first publication of a period, 2 for its first correction, …
        public var version: Int
        public var previousRunID: String?
    }

    public struct Correction: Sendable, Equatable {
        public var runID: String
        public var period: String
        public var previousRunID: String
        public var correctedAt: String
        public var reason: String
    }

    let queue: DatabaseQueue
    public let path: String

    /// Opens or creates the store.
    /// - Throws: `.cannotWrite` when the file cannot be opened or migrated.
    public init(path: String) throws {
        self.path = path
        do {
            queue = try DatabaseQueue(path: path)
            var migrator = DatabaseMigrator()
            migrator.registerMigration("v1") { db in
                try db.execute(
                    sql: """
                        CREATE TABLE runs (
                          run_id TEXT PRIMARY KEY, period TEXT NOT NULL, cache_key TEXT NOT NULL,
                          config_sha256 TEXT NOT NULL, started_at TEXT NOT NULL, status TEXT NOT NULL,
                          version INTEGER NOT NULL, previous_run_id TEXT);
                        CREATE INDEX runs_period ON runs(period, status);
                        CREATE TABLE cells (
                          run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
                          indicator_id TEXT NOT NULL, cell_period TEXT NOT NULL, geo_level TEXT NOT NULL,
                          geo_code TEXT NOT NULL, breakdown TEXT NOT NULL, value REAL, numerator INTEGER,
                          denominator INTEGER, unit TEXT NOT NULL, status TEXT NOT NULL, reasons TEXT NOT NULL,
                          PRIMARY KEY (run_id, indicator_id, cell_period, geo_level, geo_code, breakdown));
                        CREATE TABLE corrections (
                          run_id TEXT PRIMARY KEY REFERENCES runs(run_id), period TEXT NOT NULL,
                          previous_run_id TEXT NOT NULL, corrected_at TEXT NOT NULL, reason TEXT NOT NULL);
                        """)
            }
            try migrator.migrate(queue)
        } catch {
            throw WijkbeeldError(.cannotWrite, "cannot open the history store \(path)", cause: "\(error)")
        }
    }

    func fail(_ what: String, _ error: Error) -> WijkbeeldError {
        WijkbeeldError(.cannotWrite, "history store \(path): cannot \(what)", cause: "\(error)")
    }

    static func run(_ row: Row) -> Run {
        Run(
            runID: row["run_id"], period: row["period"], cacheKey: row["cache_key"], configSHA256: row["config_sha256"],
            startedAt: row["started_at"], status: row["status"], version: row["version"],
            previousRunID: row["previous_run_id"])
    }

    /// The run currently published for a period, if any.
    public func published(period: String) throws -> Run? {
        do {
            return try queue.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT * FROM runs WHERE period = ? AND status = 'published'", arguments: [period]
                ).map(Self.run)
            }
        } catch { throw fail("read the runs", error) }
    }

    public func runs() throws -> [Run] {
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY started_at, run_id").map(Self.run)
            }
        } catch { throw fail("read the runs", error) }
    }

    public func corrections() throws -> [Correction] {
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM corrections ORDER BY corrected_at, run_id").map { row in
                    Correction(
                        runID: row["run_id"], period: row["period"], previousRunID: row["previous_run_id"],
                        correctedAt: row["corrected_at"], reason: row["reason"])
                }
            }
        } catch { throw fail("read the corrections", error) }
    }

    /// Settles runs an interrupted refresh left `staged`: one a `current` link points to was published (the
    /// process died after the swap), every other one is abandoned and its cells removed.
    public func recover(linked: Set<String>) throws {
        do {
            try queue.write { db in
                for run in try Row.fetchAll(db, sql: "SELECT * FROM runs WHERE status = 'staged'").map(Self.run) {
                    if linked.contains(run.runID) {
                        try Self.publish(run, in: db)
                    } else {
                        try db.execute(sql: "DELETE FROM cells WHERE run_id = ?", arguments: [run.runID])
                        try db.execute(
                            sql: "UPDATE runs SET status = 'abandoned' WHERE run_id = ?", arguments: [run.runID])
                    }
                }
            }
        } catch { throw fail("recover interrupted runs", error) }
    }

    /// Records a run and its published cells as `staged`, in one transaction.
    public func stage(_ run: Run, cells: [PublishedCell]) throws {
        do {
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO runs (run_id, period, cache_key, config_sha256, started_at, status, version,
                          previous_run_id) VALUES (?, ?, ?, ?, ?, 'staged', ?, ?)
                        """,
                    arguments: [
                        run.runID, run.period, run.cacheKey, run.configSHA256, run.startedAt, run.version,
                        run.previousRunID,
                    ])
                let statement = try db.makeStatement(
                    sql: """
                        INSERT INTO cells (run_id, indicator_id, cell_period, geo_level, geo_code, breakdown, value,
                          numerator, denominator, unit, status, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                for cell in cells {
                    try statement.execute(arguments: [
                        run.runID, cell.key.indicator, cell.key.period, cell.key.geoLevel, cell.key.geoCode,
                        cell.key.breakdown, cell.value, cell.numerator, cell.denominator, cell.unit,
                        cell.status.rawValue, cell.reasons.map(\.rawValue).joined(separator: ","),
                    ])
                }
            }
        } catch { throw fail("record run \(run.runID)", error) }
    }

    /// Marks a staged run published; an earlier published run of its period is superseded and the
    /// correction logged.
    public func markPublished(_ runID: String, reason: String) throws {
        do {
            try queue.write { db in
                guard
                    let run = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE run_id = ?", arguments: [runID])
                        .map(Self.run)
                else { return }
                try Self.publish(run, in: db, reason: reason)
            }
        } catch { throw fail("publish run \(runID)", error) }
    }

    static func publish(_ run: Run, in db: Database, reason: String = "invoer gewijzigd") throws {
        if let previous = run.previousRunID {
            try db.execute(
                sql: "UPDATE runs SET status = 'superseded' WHERE run_id = ? AND status = 'published'",
                arguments: [previous])
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO corrections (run_id, period, previous_run_id, corrected_at, reason)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [run.runID, run.period, previous, run.startedAt, reason])
        }
        try db.execute(sql: "UPDATE runs SET status = 'published' WHERE run_id = ?", arguments: [run.runID])
    }

    /// The published cells of the given periods, for sparklines: read from history, never recomputed.
    public func history(periods: [String]) throws -> [ReportHistory] {
        do {
            return try queue.read { db in
                try periods.compactMap { period -> ReportHistory? in
                    guard
                        let run = try Row.fetchOne(
                            db, sql: "SELECT run_id FROM runs WHERE period = ? AND status = 'published'",
                            arguments: [period])
                    else { return nil }
                    let runID: String = run["run_id"]
                    let cells = try Row.fetchAll(
                        db, sql: "SELECT * FROM cells WHERE run_id = ? ORDER BY indicator_id, geo_code, breakdown",
                        arguments: [runID]
                    ).map(Self.cell)
                    return ReportHistory(period: period, cells: cells)
                }
            }
        } catch { throw fail("read the history", error) }
    }

    static func cell(_ row: Row) -> PublishedCell {
        let reasons: String = row["reasons"]
        return PublishedCell(
            key: CellKey(
                indicator: row["indicator_id"], period: row["cell_period"], geoLevel: row["geo_level"],
                geoCode: row["geo_code"], breakdown: row["breakdown"]),
            numerator: row["numerator"], denominator: row["denominator"], value: row["value"], unit: row["unit"],
            status: CellStatus(rawValue: row["status"]) ?? .secondary,
            reasons: reasons.split(separator: ",").compactMap { SuppressionReason(rawValue: String($0)) },
            roundBase: nil)
    }
}
