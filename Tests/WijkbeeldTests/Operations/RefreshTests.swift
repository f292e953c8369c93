import Foundation
import Testing

@testable import Wijkbeeld

#if canImport(Glibc)
    import Glibc
#endif

/// The unattended refresh and the batch run (issue: Operations): locking, interruption, quarantine,
/// idempotence, corrections, trends from history, and batch = separate runs.
@Suite struct RefreshTests {
    static let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/debug/wijkbeeld").path

    static let sample: (folder: TemporaryFolder, root: String)? = try? TestData.sample(seed: 17, persons: 2_500)

    /// A private copy of the sample and a configuration pointing at it.
    struct Setup {
        var folder: TemporaryFolder
        var input: String
        var output: String
        var config: String

        func configuration() throws -> RunConfiguration { try RunConfiguration.load(config) }
    }

    func setup(extra: String = "") throws -> Setup {
        let sample = try #require(Self.sample)
        let folder = try TemporaryFolder()
        let input = folder.path + "/input"
        try FileManager.default.copyItem(atPath: sample.root, toPath: input)
        // The sample has files without a final line feed (a legal export); a delivery vouches for them with a
        // `.sha256` sidecar, as a cron delivery would (operations.md B11).
        for file in try InputSnapshot.take(input).files where file.isTruncated {
            try "\(file.sha256)  \((file.path as NSString).lastPathComponent)\n".write(
                toFile: input + "/" + file.path + ".sha256", atomically: true, encoding: .utf8)
        }
        let config = folder.path + "/wijkbeeld.yaml"
        try """
        input: input
        output: out
        periods: ["2023"]
        districts: [doelgebied]
        languages: [nl]
        \(extra)
        """.write(toFile: config, atomically: true, encoding: .utf8)
        return Setup(folder: folder, input: input, output: folder.path + "/out", config: config)
    }

    func refresh(_ setup: Setup, _ period: String) throws -> MonthlyRefresh.Outcome {
        let configuration = try setup.configuration()
        let key = try PseudonymKey.resolve(keyFile: nil, input: configuration.input)
        return try MonthlyRefresh.run(
            configuration, period: try ReportPeriod(parsing: period), key: key,
            log: RunLog(format: .text, showsProgress: false))
    }

    func launch(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// What a reader of the published output and the history sees.
    func published(_ setup: Setup) throws -> (current: String?, runs: [HistoryStore.Run], history: [ReportHistory]) {
        let store = try HistoryStore(path: setup.output + "/history.sqlite")
        let runs = try store.runs().filter { $0.status == "published" }
        return (
            MonthlyRefresh.currentRun(setup.output), runs, try store.history(periods: runs.map(\.period))
        )
    }

    @Test func aSecondRefreshWhileOneRunsExits75OrWaits() throws {
        let setup = try setup()
        let configuration = try setup.configuration()
        try FileManager.default.createDirectory(atPath: setup.output, withIntermediateDirectories: true)
        var lock: RunLock? = try RunLock(path: configuration.lock, folder: setup.output, wait: false)
        let second = try launch(["refresh", "--config", setup.config, "--period", "2023-06"])
        second.waitUntilExit()
        #expect(second.terminationStatus == 75)
        #expect(MonthlyRefresh.currentRun(setup.output) == nil)

        // With on_busy: wait, the second refresh waits for the lock and then publishes.
        let waiting = try self.setup(extra: "on_busy: wait")
        try FileManager.default.createDirectory(atPath: waiting.output, withIntermediateDirectories: true)
        lock = try RunLock(path: try waiting.configuration().lock, folder: waiting.output, wait: false)
        let patient = try launch(["refresh", "--config", waiting.config, "--period", "2023-06"])
        lock = nil
        patient.waitUntilExit()
        #expect(lock == nil && patient.terminationStatus == 0)
        #expect(MonthlyRefresh.currentRun(waiting.output) != nil)
    }

    @Test func killNineDuringARefreshLeavesReportsAndHistoryAsTheyWere() throws {
        let setup = try setup()
        #expect(try refresh(setup, "2023-05").exitCode == 0)
        let before = try published(setup)
        let listing = try FileManager.default.subpathsOfDirectory(atPath: setup.output + "/runs").sorted()
        let marker = setup.folder.path + "/paused"
        let process = try launch(
            ["refresh", "--config", setup.config, "--period", "2023-06"],
            environment: [MonthlyRefresh.pauseVariable: marker])
        // Wait until the refresh has staged everything and is about to publish, then kill it.
        while !FileManager.default.fileExists(atPath: marker) && process.isRunning { usleep(20_000) }
        #expect(process.isRunning)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // What a kill between moving the run into place and swapping the links leaves: the run folder and a
        // half-made link, besides the staging folder of the dead run (issue 17, case 6).
        let june = setup.output + "/runs/2023-06"
        let staging = try #require(
            try FileManager.default.contentsOfDirectory(atPath: june).first { $0.hasSuffix(".staging") })
        let moved = june + "/" + staging.replacingOccurrences(of: ".staging", with: "")
        try FileManager.default.copyItem(atPath: june + "/" + staging, toPath: moved)
        #expect(symlink("runs/2023-06/" + staging, setup.output + "/current.tmp-\(process.processIdentifier)") == 0)
        #expect(symlink(staging, june + "/current.tmp-\(process.processIdentifier)") == 0)
        let after = try published(setup)
        #expect(after.current == before.current)
        #expect(after.runs == before.runs)
        #expect(after.history.map(\.cells) == before.history.map(\.cells))
        // Only the dead run's staging folder is left, and the next refresh clears it and publishes.
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: setup.output + "/runs").filter {
            !listing.contains($0)
        }
        #expect(!leftovers.isEmpty)
        // Exit 1 is a publication with cells held back: June's year-to-date cells that moved by a few persons
        // since May (R9 across months).
        #expect(try refresh(setup, "2023-06").exitCode <= 1)
        let runs = try HistoryStore(path: setup.output + "/history.sqlite").runs()
        #expect(runs.filter { $0.status == "abandoned" }.count == 1)
        #expect(
            try FileManager.default.subpathsOfDirectory(atPath: setup.output + "/runs").allSatisfy {
                !$0.contains(".staging") && !$0.contains(".tmp-")
            })
        #expect(!FileManager.default.fileExists(atPath: moved), "the abandoned run folder is removed")
        #expect(try !FileManager.default.contentsOfDirectory(atPath: setup.output).contains { $0.contains(".tmp-") })
        #expect(try published(setup).runs.count == before.runs.count + 1)
    }

    /// Removing the lock file while a refresh holds it neither lets a second refresh in nor lets the first
    /// publish as if nothing happened (issue 17, case 6).
    @Test func theLockCannotBeStolenByRemovingItsFile() throws {
        let setup = try setup()
        let configuration = try setup.configuration()
        try FileManager.default.createDirectory(atPath: setup.output, withIntermediateDirectories: true)
        var lock: RunLock? = try RunLock(path: configuration.lock, folder: setup.output, wait: false)
        #expect(lock?.isIntact == true)
        try FileManager.default.removeItem(atPath: configuration.lock)
        #expect(lock?.isIntact == false)
        let second = try launch(["refresh", "--config", setup.config, "--period", "2023-06"])
        second.waitUntilExit()
        #expect(second.terminationStatus == 75, "the output folder's own lock still holds")
        #expect(MonthlyRefresh.currentRun(setup.output) == nil)
        lock = nil

        // A refresh whose lock file disappears while it runs publishes nothing.
        let marker = setup.folder.path + "/paused"
        let first = try launch(
            ["refresh", "--config", setup.config, "--period", "2023-06"],
            environment: [MonthlyRefresh.pauseVariable: marker])
        while !FileManager.default.fileExists(atPath: marker) && first.isRunning { usleep(20_000) }
        try FileManager.default.removeItem(atPath: configuration.lock)
        FileManager.default.createFile(atPath: marker + ".go", contents: Data())
        first.waitUntilExit()
        #expect(lock == nil && first.terminationStatus == 75)
        #expect(MonthlyRefresh.currentRun(setup.output) == nil)
        #expect(try published(setup).runs.isEmpty)
    }

    /// A new key changes every pseudonym, so a month refreshed with it is a new run, not "unchanged".
    @Test func aRotatedKeyIsNotSkippedAsUnchanged() throws {
        let setup = try setup()
        #expect(try refresh(setup, "2023-06").exitCode == 0)
        let rotated = PseudonymKey(bytes: (0..<32).map { UInt8($0 * 7 % 256) }, isSample: false)
        let outcome = try MonthlyRefresh.run(
            try setup.configuration(), period: try ReportPeriod(parsing: "2023-06"), key: rotated,
            log: RunLog(format: .text, showsProgress: false))
        #expect(outcome.status == "published")
        let manifest = try String(contentsOfFile: setup.output + "/current/manifest.json", encoding: .utf8)
        #expect(manifest.contains(String(rotated.fingerprint.prefix(16))))
    }

    @Test func aTruncatedInputIsQuarantinedAndTheLastGoodReportStays() throws {
        let setup = try setup()
        #expect(try refresh(setup, "2023-05").exitCode == 0)
        let before = try published(setup)
        let file = setup.input + "/cbs/VERD2023TABV1.csv"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        try bytes.prefix(bytes.count / 2 + 3).write(to: URL(fileURLWithPath: file))
        let outcome = try refresh(setup, "2023-06")
        #expect(outcome.exitCode == 65 && outcome.status == "quarantined")
        let quarantine = setup.output + "/quarantine/2023-06"
        #expect(FileManager.default.fileExists(atPath: quarantine + "/cbs/VERD2023TABV1.csv"))
        let reason =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: quarantine + "/reason.json")))
            as? [String: Any]
        #expect(reason?["truncated"] as? [String] == ["cbs/VERD2023TABV1.csv"])
        #expect((reason?["validation"] as? [String: Any])?["tasks"] != nil)
        let after = try published(setup)
        #expect(after.current == before.current && after.runs == before.runs)
    }

    @Test func rerunningAnUnchangedMonthChangesNothingAndAChangedOneIsACorrection() throws {
        let setup = try setup()
        let first = try refresh(setup, "2023-06")
        #expect(first.exitCode == 0)
        let listing = try FileManager.default.subpathsOfDirectory(atPath: setup.output).sorted()
        let history = try Data(contentsOf: URL(fileURLWithPath: setup.output + "/history.sqlite"))
        let again = try refresh(setup, "2023-06")
        #expect(again.exitCode == 0 && again.status == "unchanged" && again.runID == first.runID)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: setup.output).sorted() == listing)
        #expect(try Data(contentsOf: URL(fileURLWithPath: setup.output + "/history.sqlite")) == history)

        // A partner re-delivers the youth-care file without one child's only spell in 2023: a new run of the
        // same period, logged as a correction, in which that child's cells moved by one.
        let file = setup.input + "/cbs/JGDHULP2023BUSV1.csv"
        let persons = try TestData.read(setup.input + "/cbs/GBAPERSOON2023TABV1.csv")
        let children = Set(
            persons.rows.filter { $0[0] == "R" && (2012...2018).contains(Int($0[9]) ?? 0) }.map { $0[1] })
        var lines = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n")
        let spells = lines.dropFirst().map { $0.components(separatedBy: ";") }.filter { $0.count >= 5 }
        let spellsPerPerson = Dictionary(grouping: spells, by: { $0[1] }).mapValues(\.count)
        let removed = try #require(
            lines.indices.dropFirst().first { index in
                let fields = lines[index].components(separatedBy: ";")
                return fields.count >= 5 && children.contains(fields[1]) && spellsPerPerson[fields[1]] == 1
                    && fields[3] <= "20230630" && (fields[4].isEmpty || fields[4] >= "20230101")
            })
        lines.remove(at: removed)
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let corrected = try refresh(setup, "2023-06")
        // R9 across releases: the cells that moved by a few persons since version 1 are held back (exit 1).
        #expect(corrected.exitCode == 1 && corrected.runID != first.runID)
        let table = try TestData.read(setup.output + "/current/indicatoren.csv")
        let held = table.rows.filter { $0[table.column("suppression_reason")].contains("R9_DIFFERENCING") }
        #expect(!held.isEmpty)
        #expect(held.allSatisfy { $0[table.column("value")].isEmpty && $0[table.column("numerator")].isEmpty })
        // The child's youth-care cells: held back, or shown as a `<20` range (which hides every reason).
        #expect(
            held.contains { $0[0] == "IND10" }
                || table.rows.contains { $0[0] == "IND10" && $0[table.column("suppression_reason")] == "R7_RANGE" },
            "the child's youth-care cells")
        let mode =
            try FileManager.default.attributesOfItem(
                atPath: setup.output + "/release-log.private.csv")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let store = try HistoryStore(path: setup.output + "/history.sqlite")
        #expect(try store.published(period: "2023-06")?.runID == corrected.runID)
        #expect(try store.published(period: "2023-06")?.version == 2)
        #expect(try store.corrections().map(\.previousRunID) == [first.runID])
        #expect(try store.runs().first { $0.runID == first.runID }?.status == "superseded")
        let report = try String(contentsOfFile: setup.output + "/current/rapport.md", encoding: .utf8)
        #expect(report.contains("Versie 2 — gecorrigeerd op"))
        // run.json says what each step did, with the row accounting of the inputs.
        let record =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: setup.output + "/current/run.json")))
            as? [String: Any]
        let steps = record?["results"] as? [[String: Any]] ?? []
        let validated = try #require(steps.first { $0["step"] as? String == "validated" })
        #expect(
            (validated["rows_in"] as? Int) == (validated["rows_accepted"] as? Int ?? -1)
                + (validated["rows_rejected"] as? Int ?? -1))
        #expect((record?["metadata"] as? [String: Any])?["run_id"] as? String == corrected.runID)
        #expect(record?["previous_run_id"] as? String == first.runID)
    }

    /// Refreshing an earlier month publishes it under its own period without moving `current` back.
    @Test func anEarlierMonthKeepsCurrentOnTheNewest() throws {
        let setup = try setup()
        let june = try refresh(setup, "2023-06")
        let may = try refresh(setup, "2023-05")
        #expect(june.exitCode == 0 && may.exitCode == 0)
        #expect(MonthlyRefresh.currentRun(setup.output) == june.runID)
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: setup.output + "/runs/2023-05/current")
        #expect(link == may.runID)
        #expect(FileManager.default.fileExists(atPath: setup.output + "/runs/2023-05/current/rapport.html"))
        #expect(
            try HistoryStore(path: setup.output + "/history.sqlite").published(period: "2023-05")?.runID == may.runID)
    }

    @Test func twelveMonthlyRunsGiveATrendFromHistory() throws {
        let setup = try setup()
        for month in 1...12 {
            let period = "2023-" + (month < 10 ? "0" : "") + String(month)
            #expect(try refresh(setup, period).exitCode <= 1)
        }
        let store = try HistoryStore(path: setup.output + "/history.sqlite")
        #expect(try store.runs().filter { $0.status == "published" }.count == 12)
        let report = try String(contentsOfFile: setup.output + "/current/rapport.md", encoding: .utf8)
        let trend = try #require(report.split(separator: "\n").first { $0.hasPrefix("Verloop: 2023-01:") })
        #expect(trend.contains("2023-06:") && trend.contains("2023-12:"))
        let html = try String(contentsOfFile: setup.output + "/current/rapport.html", encoding: .utf8)
        #expect(html.contains("<polyline"))
    }

    /// A batch of two districts and two periods publishes the same numbers as a run of one of them.
    @Test func aBatchGivesTheSameNumbersAsSeparateRuns() throws {
        let batch = try setup(extra: "")
        try String(contentsOfFile: batch.config, encoding: .utf8)
            .replacingOccurrences(of: "periods: [\"2023\"]", with: "periods: [\"2022\", \"2023\"]")
            .replacingOccurrences(of: "districts: [doelgebied]", with: "districts: [doelgebied, wijk]")
            .write(toFile: batch.config, atomically: true, encoding: .utf8)
        let single = try setup(extra: "")
        try String(contentsOfFile: single.config, encoding: .utf8)
            .replacingOccurrences(of: "districts: [doelgebied]", with: "districts: [wijk]")
            .write(toFile: single.config, atomically: true, encoding: .utf8)
        let key = try PseudonymKey.resolve(keyFile: nil, input: batch.input)
        let log = RunLog(format: .text, showsProgress: false)
        #expect(try BatchRun.run(try batch.configuration(), key: key, log: log).count == 2)
        #expect(try BatchRun.run(try single.configuration(), key: key, log: log).count == 1)
        let together = try Data(contentsOf: URL(fileURLWithPath: batch.output + "/2023/indicatoren.csv"))
        let alone = try Data(contentsOf: URL(fileURLWithPath: single.output + "/2023/indicatoren.csv"))
        #expect(together == alone)
        func report(_ path: String) throws -> String {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return String(text[..<(text.range(of: "## Herkomst")?.lowerBound ?? text.endIndex)])
        }
        #expect(try report(batch.output + "/2023/wijk/rapport.md") == report(single.output + "/2023/rapport.md"))
        #expect(FileManager.default.fileExists(atPath: batch.output + "/2022/doelgebied/rapport.html"))
    }

    @Test func badConfigurationsNameTheirLineAndColumn() throws {
        let folder = try TemporaryFolder()
        let cases: [(String, String)] = [
            ("input: a\noutput: b\ncolour: blue\n", ":3:1: unknown setting \"colour\""),
            (
                "input: a\noutput: b\ndistricts: [doelgebied, atlantis]\n",
                ":3:25: districts: \"atlantis\" is not an area"
            ),
            ("input: a\noutput: b\nperiods: [\"2023-13\"]\n", ":3:11: a period is"),
            ("input: a\noutput: b\ndisclosure: {minimum_count: 5}\n", "minimum_count may not be below 10"),
            ("output: b\n", "\"input\" is missing"),
            ("input: a\noutput: b\nindicators: [IND01, IND99]\n", "unknown indicator \"IND99\""),
            ("input: [a\n", "not valid YAML"),
        ]
        for (text, expected) in cases {
            let path = folder.path + "/c.yaml"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            #expect {
                _ = try RunConfiguration.load(path)
            } throws: { error in
                guard let error = error as? WijkbeeldError else { return false }
                return error.code == .configuration && "\(error)".contains(expected)
            }
        }
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("config/example.yaml").path
        let configuration = try RunConfiguration.load(example)
        #expect(configuration.districts == ["doelgebied", "wijk"] && configuration.languages == ["nl", "en"])
        #expect(configuration.definitions.contains { $0.id == "IND90" })
    }

    /// Two refreshes in one second with the same inputs get different run ids.
    @Test func runIDsAreUniqueWithinOneSecond() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let ids = (0..<50).map { _ in MonthlyRefresh.makeRunID(now, cacheKey: "0123456789abcdef") }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("20270115T080000Z-01234567") })
    }
}
