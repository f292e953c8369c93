import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The unattended refresh of one period (operations.md B1–B15): lock, hash the inputs, skip when nothing
/// changed, validate (a bad file is quarantined and nothing is published), compute, build the report set in a
/// staging folder, hash the inputs again, record the run in the history store, and publish by swapping the
/// `current` link in one `rename`. Any failure leaves the published reports and history as they were.
public enum MonthlyRefresh {
    /// How a refresh ended: its exit code (operations.md table) and what happened, in words.
    public struct Outcome: Sendable {
        public var exitCode: Int32
        public var status: String
        public var runID: String?
        public var message: String
    }

    /// For tests of interruption: the refresh writes this file and waits just before it publishes.
    static let pauseVariable = "WIJKBEELD_PAUSE_BEFORE_PUBLISH"

    public static func run(
        _ configuration: RunConfiguration, period: ReportPeriod, key: PseudonymKey, log: RunLog,
        commit: String = "onbekend", arguments: [String] = []
    ) throws -> Outcome {
        let started = Date()
        let output = configuration.output
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: output + "/runs", withIntermediateDirectories: true)
        } catch {
            throw WijkbeeldError(.cannotWrite, "cannot create \(output)/runs: check that \(output) is writable")
        }
        let lock = try RunLock(path: configuration.lock, folder: output, wait: configuration.onBusy == "wait")
        defer { withExtendedLifetime(lock) {} }
        log.period = period.description
        let store = try HistoryStore(path: output + "/history.sqlite")
        let current = linkedRuns(output)
        try store.recover(linked: current)
        try reconcile(output)
        removeLeftovers(output, abandoned: Set(try store.runs().filter { $0.status == "abandoned" }.map(\.runID)))

        let before = try InputSnapshot.take(configuration.input)
        let cacheKey = before.cacheKey(
            configuration: configuration.sha256, period: period.description, keyFingerprint: key.fingerprint)
        let previous = try store.published(period: period.description)
        if let previous, previous.cacheKey == cacheKey {
            log.event("ongewijzigd", ["message": "inputs and configuration unchanged since run \(previous.runID)"])
            return Outcome(exitCode: 0, status: "unchanged", runID: previous.runID, message: "ongewijzigd")
        }
        let runID = makeRunID(started, cacheKey: cacheKey)
        log.runID = runID
        log.event("start", ["input": configuration.input, "message": "files=\(before.files.count)"])

        // A file cut off while being delivered, or one that fails validation, is quarantined whole.
        let truncated = before.files.filter(\.isTruncated).map(\.path)
        let options = configuration.transformOptions(period, log: log)
        // The refresh quarantines a failed file itself (below), so the transform stage hands the report back.
        let tables = try Transformer.run(
            input: configuration.input, key: key, options: options, requireValidInput: false)
        let failed = tables.validation.tasks.filter { !$0.valid }.map(\.place)
        if !truncated.isEmpty || !failed.isEmpty {
            let bad = Array(Set(truncated + failed)).sorted()
            try quarantine(bad, configuration: configuration, period: period, tables: tables, truncated: truncated)
            log.event(
                "quarantined", level: "error",
                ["input": bad.joined(separator: ","), "errors": String(tables.validation.stats.errors)])
            return Outcome(
                exitCode: 65, status: "quarantined", runID: runID,
                message: "\(bad.joined(separator: ", ")) quarantined in \(output)/quarantine/\(period); "
                    + "the last good report set stays published")
        }
        log.event(
            "validated",
            [
                "rows": String(tables.validation.rowsRead), "errors": String(tables.validation.stats.errors),
                "rows_accepted": String(tables.validation.rowsAccepted),
                "rows_rejected": String(tables.validation.rowsRejected),
            ])
        for warning in tables.warnings { log.event("linkage_left_out", level: "warning", ["message": warning]) }
        // R9 across releases: every cell is compared with its own earlier releases and, for a month, with the
        // month before (the private release log, every period and version).
        let released = ReleaseLog.released(try ReleaseLog.read(configuration.releaseLog), for: period)
        let result = try configuration.indicators(tables, released: released)
        log.event("computed", ["rows": String(result.cells.count)])

        var reportOptions = configuration.reportOptions(commit: commit)
        reportOptions.generatedAt = started
        reportOptions.previousRunID = previous?.runID
        let version = (previous?.version ?? 0) + 1
        if version > 1 {
            reportOptions.versionNote =
                "Versie \(version) — gecorrigeerd op \(DutchFormat.date(utcDate(started))): invoer gewijzigd"
        }
        let history = try store.history(periods: earlierPeriods(period))
        var files = try ReportPublisher.files(
            tables: tables, result: result, history: history, districts: configuration.districts,
            languages: configuration.languages, options: reportOptions, inputName: configuration.input)

        let folder = output + "/runs/\(period)"
        let staging = folder + "/\(runID).staging"
        let record = RunRecord(
            runID: runID, period: period.description, status: "published", exitCode: 0, commit: commit,
            arguments: arguments, started: started, cacheKey: cacheKey, previousRunID: previous?.runID,
            events: log.events)
        files.append(("run.json", try record.json()))
        try write(files, to: staging)
        try store.stage(
            HistoryStore.Run(
                runID: runID, period: period.description, cacheKey: cacheKey,
                configSHA256: configuration.sha256, startedAt: ISO8601DateFormatter().string(from: started),
                status: "staged", version: version, previousRunID: previous?.runID),
            cells: result.cells)

        // Inputs that changed while we read them are not published (B10).
        let after = try InputSnapshot.take(configuration.input)
        // Nothing is published: the staging folder goes, the staged run is abandoned, exit 75 (try again later).
        func withdraw(_ status: String, _ reason: String) throws -> Outcome {
            try? manager.removeItem(atPath: staging)
            try store.recover(linked: current)
            log.event(status, level: "error", ["message": reason])
            return Outcome(
                exitCode: 75, status: status, runID: runID, message: "\(reason); nothing was published, try again later"
            )
        }
        guard after == before else { return try withdraw("input_changed", "an input changed during the run") }
        if let marker = ProcessInfo.processInfo.environment[pauseVariable] {
            _ = FileManager.default.createFile(atPath: marker, contents: Data(runID.utf8))
            while !FileManager.default.fileExists(atPath: marker + ".go") { usleep(50_000) }
        }
        // A lock file removed or replaced during the run means another refresh may think it holds the lock:
        // publish nothing rather than race it (the output folder's own lock still excludes a second writer).
        guard lock.isIntact else {
            return try withdraw("lock_lost", "the lock file \(lock.path) was removed or replaced during the run")
        }
        // The release log first: if it cannot be written nothing is published, and it is never behind what was.
        try ReleaseLog.append(
            result.unrounded, to: configuration.releaseLog, outside: [output + "/runs", output + "/current"])
        try publish(staging: staging, folder: folder, runID: runID, output: output)
        try store.markPublished(runID, reason: "invoer gewijzigd")
        let heldBack = result.cells.contains { $0.reasons.contains(.differencing) }
        if heldBack {
            log.event(
                "held_back", level: "warning",
                [
                    "rows": String(result.cells.filter { $0.reasons.contains(.differencing) }.count),
                    "message": "cells held back by R9: they moved by fewer than 10 since an earlier release",
                ])
        }
        log.event("published", ["message": "runs/\(period)/\(runID)"])
        return Outcome(
            exitCode: heldBack ? 1 : 0, status: "published", runID: runID,
            message: "published runs/\(period)/\(runID)" + (version > 1 ? " (version \(version))" : ""))
    }

    static func utcDate(_ date: Date) -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// The run id `current` points to, if any.
    public static func currentRun(_ output: String) -> String? {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: output + "/current") else {
            return nil
        }
        return URL(fileURLWithPath: target).lastPathComponent
    }

    /// The runs a `current` link points to: the newest period's at the top, and each period's own.
    static func linkedRuns(_ output: String) -> Set<String> {
        var runs = Set([currentRun(output)].compactMap { $0 })
        let manager = FileManager.default
        for period in (try? manager.contentsOfDirectory(atPath: output + "/runs")) ?? [] {
            if let target = try? manager.destinationOfSymbolicLink(atPath: output + "/runs/\(period)/current") {
                runs.insert(target)
            }
        }
        return runs
    }

    /// Points the top `current` at the newest period's published run, if an interrupted run left it behind.
    static func reconcile(_ output: String) throws {
        let manager = FileManager.default
        let periods = ((try? manager.contentsOfDirectory(atPath: output + "/runs")) ?? []).filter {
            (try? manager.destinationOfSymbolicLink(atPath: output + "/runs/\($0)/current")) != nil
        }
        guard let newest = periods.max(),
            let run = try? manager.destinationOfSymbolicLink(atPath: output + "/runs/\(newest)/current"),
            currentRun(output) != run
        else { return }
        try swapLink(output + "/current", to: "runs/\(newest)/\(run)")
    }

    /// Replaces the symbolic link at `path` by one to `target` with a single `rename` (B4).
    static func swapLink(_ path: String, to target: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        guard symlink(target, temporary) == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw WijkbeeldError(
                .cannotWrite, "cannot point \(path) at \(target)", cause: String(cString: strerror(errno)))
        }
    }

    /// The eleven months (or two years) before the period, oldest first: the sparkline's points.
    static func earlierPeriods(_ period: ReportPeriod) -> [String] {
        guard let month = period.month else {
            return [2, 1].map { String(period.year - $0) }
        }
        return (1...11).reversed().map { back in
            let index = period.year * 12 + (month - 1) - back
            return ReportPeriod(year: index / 12, month: index % 12 + 1).description
        }
    }

    /// Whether `name` has the shape `makeRunID` gives (`20231231T235959Z-` and 16 hex digits): only such
    /// folders are ever removed as leftovers, never a file somebody else put there.
    static func isRunID(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count == 33, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z"),
            bytes[16] == UInt8(ascii: "-")
        else { return false }
        let isDigit = { (byte: UInt8) in (48...57).contains(byte) }
        let isHex = { (byte: UInt8) in isDigit(byte) || (97...102).contains(byte) }
        return bytes[0..<8].allSatisfy(isDigit) && bytes[9..<15].allSatisfy(isDigit) && bytes[17...].allSatisfy(isHex)
    }

    static func makeRunID(_ date: Date, cacheKey: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        // A random part too: two refreshes in one second with the same inputs (one quarantined, one retried)
        // must not share an id (the history's runs are unique by id).
        var random = SystemRandomNumberGenerator()
        let suffix = String(UInt32.random(in: 0...UInt32.max, using: &random), radix: 16).leftPadded(to: 8)
        return formatter.string(from: date) + "-" + cacheKey.prefix(8) + suffix
    }

    /// Everything an interrupted refresh can leave behind (B5): staging folders, `current.tmp-<pid>` links from
    /// a swap that did not finish, and run folders that were moved into place but never published (the
    /// history marks them abandoned and no `current` link points at them).
    static func removeLeftovers(_ output: String, abandoned: Set<String>) {
        let manager = FileManager.default
        let linked = linkedRuns(output)
        func isLeftoverLink(_ name: String) -> Bool { name.hasPrefix("current.tmp-") }
        for name in (try? manager.contentsOfDirectory(atPath: output)) ?? [] where isLeftoverLink(name) {
            unlink(output + "/" + name)
        }
        for period in (try? manager.contentsOfDirectory(atPath: output + "/runs")) ?? [] {
            let folder = output + "/runs/" + period
            for name in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] {
                if isLeftoverLink(name) {
                    unlink(folder + "/" + name)
                } else if name.hasSuffix(".staging")
                    || (isRunID(name) && abandoned.contains(name) && !linked.contains(name))
                {
                    try? manager.removeItem(atPath: folder + "/" + name)
                }
            }
        }
    }

    static func write(_ files: [(name: String, bytes: [UInt8])], to staging: String) throws {
        let manager = FileManager.default
        for file in files {
            let path = staging + "/" + file.name
            do {
                try manager.createDirectory(
                    atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
                    withIntermediateDirectories: true)
            } catch {
                throw WijkbeeldError(.cannotWrite, "cannot create the staging folder \(staging)")
            }
            try AtomicFile.write(file.bytes, to: path)
        }
    }

    /// Renames the staging folder into place and swaps `current` to it with one `rename` (B4).
    static func publish(staging: String, folder: String, runID: String, output: String) throws {
        guard rename(staging, folder + "/" + runID) == 0 else {
            throw WijkbeeldError(
                .cannotWrite, "cannot move \(staging) into place", cause: String(cString: strerror(errno)))
        }
        // The period's own link, then the top one, which follows the newest period only: correcting an
        // old month does not move what `current` shows.
        let period = URL(fileURLWithPath: folder).lastPathComponent
        try swapLink(folder + "/current", to: runID)
        let shown = (try? FileManager.default.destinationOfSymbolicLink(atPath: output + "/current"))
            .map { URL(fileURLWithPath: $0).deletingLastPathComponent().lastPathComponent }
        if shown.map({ period >= $0 }) ?? true {
            try swapLink(output + "/current", to: "runs/\(period)/\(runID)")
        }
        let descriptor = open(output, O_RDONLY)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }

    /// Copies each bad file to `quarantine/<period>/` with `reason.json`, its validation report (B12).
    static func quarantine(
        _ places: [String], configuration: RunConfiguration, period: ReportPeriod, tables: AnalysisTables,
        truncated: [String]
    ) throws {
        let folder = configuration.output + "/quarantine/\(period)"
        let manager = FileManager.default
        for place in places {
            let target = folder + "/" + place
            do {
                try manager.createDirectory(
                    atPath: URL(fileURLWithPath: target).deletingLastPathComponent().path,
                    withIntermediateDirectories: true)
                try? manager.removeItem(atPath: target)
                try manager.copyItem(atPath: configuration.input + "/" + place, toPath: target)
            } catch {
                throw WijkbeeldError(.cannotWrite, "cannot quarantine \(place) in \(folder)", cause: "\(error)")
            }
        }
        struct Reason: Encodable {
            var period: String
            var files: [String]
            var truncated: [String]
            var validation: ValidationReport
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let report = Reason(
            period: period.description, files: places, truncated: truncated, validation: tables.validation)
        do {
            try AtomicFile.write(Array(try encoder.encode(report)) + [10], to: folder + "/reason.json")
        } catch let error as WijkbeeldError {
            throw error
        } catch {
            throw WijkbeeldError(.internal, "cannot encode the quarantine reason", cause: "\(error)")
        }
    }
}
