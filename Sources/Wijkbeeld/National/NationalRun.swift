import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The pipeline at national scale for the indicators that need only the CBS person, address, household,
/// income and youth-care tables: it streams each file once, in byte ranges on all cores, keeps only
/// the child population C(t) and what joins to it, and pseudonymises nothing because it writes
/// aggregates only.
///
/// Memory grows with the number of children, not with the files: about 100 bytes per child.
public final class NationalRun {
    /// Wall time, CPU time and peak memory of one stage.
    public struct StageTiming: Sendable {
        public var stage: String
        public var file: String?
        public var seconds: Double
        public var cpuSeconds: Double
        /// Peak resident memory of the process so far, in bytes.
        public var peakBytes: Int
        public var tally: ScanTally?
    }

    public let input: String
    public let options: TransformOptions
    public let parts: Int
    /// Files smaller than this are read in one part (tests lower it to exercise the split).
    var minimumSplitBytes = 1 << 22
    public private(set) var timings: [StageTiming] = []
    /// Counts per reason, as the transform stage names them.
    public internal(set) var counts: [String: Int] = [:]

    var children = KeyIndex(expected: 1 << 16)
    var age: [Int8] = []
    var sex: [Int8] = []
    var generation: [Int8] = []
    var object: [UInt64] = []
    var buurt: [UInt64] = []
    var household: [UInt64] = []
    var householdType: [Int8] = []
    var earner: [UInt64] = []
    var facts: [UInt8] = []
    var earners = KeyIndex(expected: 1 << 16)
    var incomes: [NationalIncome] = []

    /// - Parameter parts: byte ranges (and threads) per file.
    public init(input: String, options: TransformOptions, parts: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.input = input
        self.options = options
        self.parts = max(1, parts)
    }

    /// Reads the files and returns the children that live in a buurt on the reference date.
    /// - Throws: `WijkbeeldError` for a missing table, a missing column or an unreadable file.
    func load() throws -> [NationalChild] {
        let files = try locate()
        try stage("personen", files["GBAPERSOONTAB"]) { try readPersons($0) }
        try stage("adressen", files["GBAADRESOBJECTBUS"]) { try readAddresses($0) }
        try stage("buurten", files["VSLGWBTAB"]) { try readBuurten($0) }
        try stage("huishoudens", files["GBAHUISHOUDENSBUS"]) { try readHouseholds($0) }
        try stage("inkomenshuishoudens", files["KOPPELPERSOONHUISHOUDEN"]) { try readEarners($0) }
        try stage("inkomens", files["INHATAB"]) { try readIncomes($0) }
        try stage("jeugdhulp", files["JGDHULPBUS"]) { try readSpells($0, youthCare: true) }
        try stage("jeugdbescherming", files["JGDBESCHERMBUS"]) { try readSpells($0, youthCare: false) }
        var selected: [NationalChild] = []
        try stage("selectie", nil) { _ in
            selected = select()
            // What the joins needed is not needed any more.
            (object, buurt, household, householdType, earner, facts) = ([], [], [], [], [], [])
            (age, sex, generation, incomes) = ([], [], [], [])
            children = KeyIndex(expected: 0)
            earners = KeyIndex(expected: 0)
            return ScanTally?.none
        }
        return selected
    }

    /// The file of each table this run reads: yearly tables for the period's year, the others their newest.
    private func locate() throws -> [String: String] {
        let (found, _) = try FolderValidator.discover(input)
        var files: [String: String] = [:]
        let yearly: Set<String> = ["KOPPELPERSOONHUISHOUDEN", "INHATAB"]
        for table in [
            "GBAPERSOONTAB", "GBAADRESOBJECTBUS", "VSLGWBTAB", "GBAHUISHOUDENSBUS", "KOPPELPERSOONHUISHOUDEN",
            "INHATAB",
            "JGDHULPBUS", "JGDBESCHERMBUS",
        ] {
            let candidates = found.filter { $0.recognition.schema.name == table }
            let file =
                yearly.contains(table)
                ? candidates.first { $0.recognition.year == options.year }
                : candidates.max { ($0.recognition.year ?? 0) < ($1.recognition.year ?? 0) }
            guard let file else {
                throw WijkbeeldError(
                    .noInput,
                    "\(input) has no \(table) file\(yearly.contains(table) ? " for \(options.year)" : ""); "
                        + "the national run needs it (cbs-tables.md names the files)")
            }
            files[table] = file.path
        }
        return files
    }

    func stage(_ name: String, _ file: String?, _ body: (String) throws -> ScanTally?) throws {
        let wall = DispatchTime.now().uptimeNanoseconds
        let cpu = NationalRun.cpuSeconds()
        let tally = try body(file ?? "")
        timings.append(
            StageTiming(
                stage: name, file: file.map { String($0.dropFirst(input.count + 1)) },
                seconds: Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e9,
                cpuSeconds: NationalRun.cpuSeconds() - cpu, peakBytes: NationalRun.peakBytes(), tally: tally))
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// Peak resident set size of this process (Linux reports KiB).
    static func peakBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    /// Children with a buurt on the reference date, in the order of the person file.
    private func select() -> [NationalChild] {
        var selected: [NationalChild] = []
        selected.reserveCapacity(children.count)
        for slot in 0..<children.count {
            guard object[slot] != 0 else {
                counts["uitgesloten_geen_adres", default: 0] += 1
                continue
            }
            guard buurt[slot] != 0 else {
                counts["adres_zonder_buurt", default: 0] += 1
                counts["uitgesloten_geen_adres", default: 0] += 1
                continue
            }
            let identity: UInt64
            if household[slot] != 0 {
                identity = household[slot]
            } else if earner[slot] != 0 {
                identity = earner[slot] | 1 << 62
            } else {
                identity = children.ordered[slot] | 2 << 62
            }
            let income = earner[slot] == 0 ? nil : earners.slot(earner[slot]).map { incomes[Int($0)] }
            if earner[slot] != 0 && income == nil {
                counts["inkomenshuishouden_zonder_inkomen", default: 0] += 1
            }
            selected.append(
                NationalChild(
                    buurt: buurt[slot], householdIdentity: identity, age: age[slot], sex: sex[slot],
                    generation: generation[slot], householdType: household[slot] == 0 ? -1 : householdType[slot],
                    income: income ?? .unknown, facts: facts[slot]))
        }
        counts["kinderen_4_12"] = selected.count
        return selected
    }
}

extension NationalRun {
    /// Per stage: rows read, accepted, rejected and used, wall and CPU time and peak memory; then the
    /// counts. Every row read is accepted or rejected, and the first rejection of a file is named.
    public func summary() -> String {
        var lines = ["stage;file;rows;accepted;rejected;used;wall_s;cpu_s;peak_mb"]
        for timing in timings {
            let tally = timing.tally
            lines.append(
                [
                    timing.stage, timing.file ?? "", tally.map { "\($0.rows)" } ?? "",
                    tally.map { "\($0.accepted)" } ?? "", tally.map { "\($0.rejected)" } ?? "",
                    tally.map { "\($0.used)" } ?? "", String(format: "%.2f", timing.seconds),
                    String(format: "%.2f", timing.cpuSeconds), "\(timing.peakBytes / 1_000_000)",
                ].joined(separator: ";"))
        }
        let wall = timings.reduce(0) { $0 + $1.seconds }
        let cpu = timings.reduce(0) { $0 + $1.cpuSeconds }
        lines.append(
            "total;;;;;;" + String(format: "%.2f;%.2f;", wall, cpu) + "\(NationalRun.peakBytes() / 1_000_000)")
        for timing in timings {
            guard let tally = timing.tally, tally.rejected > 0 else { continue }
            let reasons = tally.reasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            lines.append(
                "# \(timing.file ?? timing.stage): \(tally.rejected) rows rejected (\(reasons.joined(separator: ", "))); "
                    + "first at \(tally.firstRejectionAt?.description ?? "?")")
        }
        for (reason, count) in counts.sorted(by: { $0.key < $1.key }) { lines.append("# \(reason): \(count)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
