import Crypto
import Foundation

/// Generates a complete synthetic input set — CBS tables, school exports, care register,
/// crosswalk, geography and a truth folder — deterministically from a seed.
///
/// Files are built in a sibling staging folder and moved into place only when everything has
/// been written, so a failed or interrupted run never leaves a data set that looks complete.
public enum SyntheticDataset {
    /// What a finished run produced.
    public struct Summary: Sendable {
        public var persons: Int
        public var households: Int
        public var pupils: Int
        public var careRecords: Int
        public var bytes: Int
    }

    /// Generates the data set into `folder`.
    /// - Parameters:
    ///   - force: replace a folder that exists and is not empty.
    ///   - progress: called now and then with the number of persons generated so far.
    /// - Throws: `WijkbeeldError` (`.cannotWrite` for an unusable folder).
    public static func generate(
        _ options: SynthOptions, into folder: String, force: Bool = false, progress: ((Int) -> Void)? = nil
    ) throws -> Summary {
        let files = FileManager.default
        let target = URL(fileURLWithPath: folder).standardizedFileURL
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: target.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw WijkbeeldError(.cannotWrite, "\(folder) exists and is not a folder; choose another --out")
            }
            guard let contents = try? files.contentsOfDirectory(atPath: target.path) else {
                throw WijkbeeldError(.cannotWrite, "cannot read the folder \(folder); check its permissions")
            }
            if !contents.isEmpty && !force {
                throw WijkbeeldError(
                    .cannotWrite,
                    "\(folder) exists and is not empty; pass --force to replace it or choose another --out")
            }
        }
        let parent = target.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(getpid())")
        try? files.removeItem(at: staging)
        do {
            try files.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw WijkbeeldError(
                .cannotWrite,
                "cannot create the output folder next to \(folder): check that \(parent.path) is writable",
                cause: "\(error.localizedDescription)")
        }
        do {
            let summary = try write(options, into: staging.path, progress: progress)
            try publish(staging: staging, target: target)
            return summary
        } catch {
            try? files.removeItem(at: staging)
            if let error = error as? WijkbeeldError { throw error }
            throw WijkbeeldError(.cannotWrite, "cannot write \(folder)", cause: "\(error)")
        }
    }

    /// Moves the finished staging folder into place, replacing an existing target.
    private static func publish(staging: URL, target: URL) throws {
        let files = FileManager.default
        if files.fileExists(atPath: target.path) {
            let old = target.deletingLastPathComponent()
                .appendingPathComponent(".\(target.lastPathComponent).old-\(getpid())")
            try files.moveItem(at: target, to: old)
            try files.moveItem(at: staging, to: target)
            try files.removeItem(at: old)
        } else {
            try files.moveItem(at: staging, to: target)
        }
    }

    private static func write(_ options: SynthOptions, into root: String, progress: ((Int) -> Void)?) throws -> Summary
    {
        let files = FileManager.default
        for sub in ["cbs", "care", "crosswalk", "geo", "truth"] + PupilModel.exportedSchools.map({ "school/" + $0 }) {
            try files.createDirectory(atPath: root + "/" + sub, withIntermediateDirectories: true)
        }
        let geography = SyntheticGeography(persons: options.persons, scale: options.scale)
        let pupils = PupilModel(options: options, geography: geography)
        let ledger = DirtLedger()
        var model = PopulationModel(options: options, geography: geography)
        let cbs = try CBSTableWriter(
            folder: root + "/cbs", options: options, geography: geography, pupils: pupils, dirt: ledger)
        let schools = try PupilModel.exportedSchools.map {
            try SchoolExportWriter(
                folder: root + "/school/" + $0, truthFolder: root + "/truth", brin: $0, options: options,
                pupils: pupils, ledger: ledger)
        }
        let care = try CareRegisterWriter(
            folder: root + "/care", truthFolder: root + "/truth", options: options, ledger: ledger)
        let crosswalk = try ByteWriter(path: root + "/crosswalk/bsn_rin_crosswalk.csv", capacity: 1 << 16)
        crosswalk.text("bsn;RINPERSOONS;RINPERSOON")
        try crosswalk.endLine()

        var unitNumber = 0
        var pupilCount = 0
        var careCount = 0
        var nextReport = 1_000_000
        for buurt in geography.buurten.indices {
            let goal = model.nextPerson + geography.buurten[buurt].persons
            while model.nextPerson < goal {
                let unit = model.makeUnit(buurt: buurt, unitNumber: unitNumber)
                var random = SplitMix64(seed: options.seed, stream: UInt64(unitNumber), substream: 1)
                // The legal variants draw from the unit's own stream: turning them off changes nothing else.
                var variants = SplitMix64(seed: options.seed, stream: UInt64(unitNumber), substream: 2)
                unitNumber += 1
                try cbs.write(unit, random: &random, variants: &variants)
                guard geography.buurten[buurt].isTilburg else { continue }
                var signals: [SchoolExportWriter.Signal] = []
                var seen = Set<Int>()
                for index in unit.persons.indices where unit.persons[index].isChild && unit.persons[index].isLinkable {
                    guard let school = pupils.exportedSchool(of: unit.persons[index], homeBuurt: buurt),
                        options.years.contains(where: { pupils.group(of: unit.persons[index], schoolYear: $0) != nil })
                    else { continue }
                    signals += try schools[school].write(
                        child: index, in: unit, geography: geography, random: &random, variants: &variants)
                    seen.insert(index)
                    pupilCount += 1
                }
                let inCare = try care.write(
                    unit, signals: signals, geography: geography, random: &random, variants: &variants)
                careCount += inCare.count
                seen.formUnion(inCare)
                for index in seen.sorted() where random.chance(options.crosswalkCoverage) {
                    let spelling = PersonIdentity.spelling(
                        DutchPersonNumber.digits(unit.persons[index].bsn), ledger: ledger, rates: options.dirt,
                        variants: &variants)
                    crosswalk.bytes(spelling.digits)
                    crosswalk.text(";R;")
                    crosswalk.integer(unit.persons[index].rin, width: 9)
                    try crosswalk.endLine()
                }
                if model.nextPerson >= nextReport {
                    progress?(model.nextPerson)
                    nextReport += 1_000_000
                }
            }
        }
        try cbs.close()
        for school in schools { try school.close() }
        try care.close()
        try crosswalk.close()
        try SchoolHolidayWriter.write(into: root + "/school")
        try writeGeoLookup(geography, to: root + "/geo/geo_lookup.csv")
        ledger.absorb(model.ledger)
        try FileVariants(seed: options.seed, rates: options.dirt, ledger: ledger)
            .apply(root: root, lastYear: options.lastYear)
        try ledger.write(to: root + "/truth/dirt_summary.csv", rates: options.dirt)
        try writeSettings(options, model: model, to: root + "/truth/settings.csv")
        let readme = """
            SYNTHETIC DATA generated by `wijkbeeld synth --seed \(options.seed) --scale \(options.scale.rawValue)`.
            No real person is described here. The truth/ folder is for tests and benchmarks only;
            the pipeline never reads it.

            """
        try Data(readme.utf8).write(to: URL(fileURLWithPath: root + "/README.txt"))
        // A sample pseudonymisation key, derived from the seed so the data set stays reproducible.
        // Its file names the seed it comes from, and every output it touches says it is a sample; never use it
        // for real data.
        try Data(PseudonymKey.sampleKeyFile(seed: options.seed).utf8).write(
            to: URL(fileURLWithPath: root + "/" + PseudonymKey.sampleFileName))
        let bytes = (files.enumerator(atPath: root)?.allObjects as? [String] ?? []).reduce(0) { total, path in
            total + ((try? files.attributesOfItem(atPath: root + "/" + path)[.size] as? Int) ?? 0)
        }
        return Summary(
            persons: model.nextPerson, households: model.nextHousehold, pupils: pupilCount, careRecords: careCount,
            bytes: bytes)
    }

    private static func writeGeoLookup(_ geography: SyntheticGeography, to path: String) throws {
        let writer = try ByteWriter(path: path, capacity: 1 << 16)
        writer.text("gwb_code_10;gwb_code_8;naam;gm_code;wk_code;level;is_synthetic")
        try writer.endLine()
        for gemeente in geography.gemeenten {
            writer.text("GM\(gemeente.code);\(gemeente.code);\(gemeente.name);GM\(gemeente.code);;gemeente;")
            writer.text(gemeente.isSynthetic ? "1" : "0")
            try writer.endLine()
        }
        for wijk in geography.wijken {
            let gemeente = wijk.code.prefix(4)
            writer.text("WK\(wijk.code);\(wijk.code);\(wijk.name);GM\(gemeente);WK\(wijk.code);wijk;")
            writer.text(wijk.isSynthetic ? "1" : "0")
            try writer.endLine()
        }
        for buurt in geography.buurten {
            writer.text(
                "BU\(buurt.code);\(buurt.code);\(buurt.name);GM\(buurt.gemeenteCode);WK\(buurt.wijkCode);buurt;")
            writer.text(buurt.isSynthetic ? "1" : "0")
            try writer.endLine()
        }
        try writer.close()
    }

    private static func writeSettings(_ options: SynthOptions, model: PopulationModel, to path: String) throws {
        let writer = try ByteWriter(path: path, capacity: 1 << 12)
        let rows = [
            ("seed", "\(options.seed)"), ("scale", options.scale.rawValue), ("persons", "\(model.nextPerson)"),
            ("years", "\(options.years.lowerBound)-\(options.years.upperBound)"),
            ("reference_date", model.referenceDate.description), ("pilot_start", options.pilotStart.description),
            ("zuidwester_target_share", "\(options.zuidwesterTargetShare)"),
            ("crosswalk_coverage", "\(options.crosswalkCoverage)"),
        ]
        writer.text("setting;value")
        try writer.endLine()
        for (name, value) in rows {
            writer.text("\(name);\(value)")
            try writer.endLine()
        }
        try writer.close()
    }
}
