import Dispatch
import Foundation

/// Validates every input file in a folder tree: recognises each table and year from its file name
/// (or header), keeps the highest CBS version per table and year, reads reference tables first so
/// foreign keys can be checked, and gathers one report.
public enum FolderValidator {
    /// Folders never read: the synthetic generator's truth (tests only) and hidden folders.
    static let skippedFolders: Set<String> = ["truth"]

    /// An input file as found: where it is and what it is.
    public struct InputFile: Sendable {
        public var path: String
        /// Relative to the validated folder.
        public var place: String
        public var recognition: TableCatalogue.Recognition
    }

    /// Finds and recognises the CSV files under `folder`.
    /// - Returns: the files to read, in reading order, and warnings for files left aside.
    /// - Throws: `.noInput` when the folder does not exist.
    public static func discover(_ folder: String) throws -> (files: [InputFile], warnings: [ValidationIssue]) {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WijkbeeldError(.noInput, "input folder \(folder) does not exist")
        }
        var warnings: [ValidationIssue] = []
        var found: [InputFile] = []
        var places: [String] = []
        for place in layoutPlaces(folder, warnings: &warnings) where place.lowercased().hasSuffix(".csv") {
            places.append(place)
        }
        for place in places.sorted() {
            let path = folder + "/" + place
            let name = String(place.split(separator: "/").last ?? "")
            if let recognition = TableCatalogue.recognise(fileName: name) ?? recogniseByHeader(path) {
                found.append(InputFile(path: path, place: place, recognition: recognition))
            } else {
                warnings.append(
                    ValidationIssue(
                        .unrecognisedFile, .warning, "\(place): not a known table by name or header; not read"))
            }
        }
        // Per CBS table and year keep the highest version (V<n>).
        var kept: [InputFile] = []
        for file in found {
            let rivals = found.filter {
                $0.recognition.schema.name == file.recognition.schema.name
                    && $0.recognition.year == file.recognition.year
                    && $0.recognition.year != nil && (($0.recognition.version ?? 0) > (file.recognition.version ?? 0))
            }
            if let newer = rivals.first {
                warnings.append(
                    ValidationIssue(
                        .supersededFile, .warning, "\(file.place): superseded by \(newer.place); not read"))
            } else {
                kept.append(file)
            }
        }
        func rank(_ file: InputFile) -> Int {
            if file.recognition.schema.isReference {
                return file.recognition.schema.name == "school_leerlingen" ? 1 : 0
            }
            return 2
        }
        kept.sort { (rank($0), $0.place) < (rank($1), $1.place) }
        guard !kept.isEmpty else {
            throw WijkbeeldError(
                .noInput,
                "\(folder) holds no input file wijkbeeld knows (CBS tables, school, care, crosswalk, geo lookup); "
                    + "check the folder, or see docs/inputs.md for the layout")
        }
        return (kept, warnings)
    }

    /// The folders of the input layout (docs/inputs.md); `school` holds one folder per school.
    static let layoutFolders: Set<String> = ["cbs", "care", "crosswalk", "geo", "school"]

    /// The files of the documented layout under `folder`, relative to it: the files of `cbs/`, `care/`,
    /// `crosswalk/`, `geo/` and `school/`, and of each folder directly in `school/`. Nothing else is read, so
    /// an input pointed at a home folder does not pick up every CSV below it; a CSV or folder outside the
    /// layout gets a warning.
    static func layoutPlaces(_ folder: String, warnings: inout [ValidationIssue]) -> [String] {
        let files = FileManager.default
        func entries(_ place: String) -> [(name: String, isFolder: Bool)] {
            let path = place.isEmpty ? folder : folder + "/" + place
            let names = ((try? files.contentsOfDirectory(atPath: path)) ?? []).filter { !$0.hasPrefix(".") }
            return names.sorted().map { name in
                var isFolder: ObjCBool = false
                files.fileExists(atPath: path + "/" + name, isDirectory: &isFolder)
                return (name, isFolder.boolValue)
            }
        }
        func outside(_ place: String, isFolder: Bool) {
            guard isFolder || place.lowercased().hasSuffix(".csv") else { return }
            warnings.append(
                ValidationIssue(
                    .unrecognisedFile, .warning,
                    "\(place)\(isFolder ? "/" : ""): outside the input layout (docs/inputs.md); not read"))
        }
        var places: [String] = []
        for top in entries("") {
            let area = top.name.lowercased()
            guard top.isFolder, layoutFolders.contains(area) else {
                if !skippedFolders.contains(top.name) { outside(top.name, isFolder: top.isFolder) }
                continue
            }
            for entry in entries(top.name) {
                let place = top.name + "/" + entry.name
                if !entry.isFolder {
                    places.append(place)
                } else if area == "school" {
                    for file in entries(place) {
                        if file.isFolder {
                            outside(place + "/" + file.name, isFolder: true)
                        } else {
                            places.append(place + "/" + file.name)
                        }
                    }
                } else {
                    outside(place, isFolder: true)
                }
            }
        }
        return places
    }

    private static func recogniseByHeader(_ path: String) -> TableCatalogue.Recognition? {
        guard let reader = try? CSVReader(path: path, bufferSize: 1 << 16), (try? reader.next()) == true else {
            return nil
        }
        return TableCatalogue.recognise(header: reader.strings())
    }

    /// Validates the folder.
    /// - Parameter quarantine: folder for rejected rows; nil keeps none.
    public static func validate(_ folder: String, quarantine: String? = nil) throws -> ValidationReport {
        let (files, warnings) = try discover(folder)
        var report = ValidationReport()
        report.warnings = warnings
        let references = ReferenceKeys()
        var writer: QuarantineWriter?
        if let quarantine {
            do {
                try FileManager.default.createDirectory(atPath: quarantine, withIntermediateDirectories: true)
            } catch {
                throw WijkbeeldError(.cannotWrite, "cannot create quarantine folder \(quarantine)")
            }
            writer = QuarantineWriter(folder: quarantine)
        }
        @Sendable func validate(_ file: InputFile, quarantine: QuarantineWriter?) -> ValidationTask {
            let directory = (file.place as NSString).deletingLastPathComponent
            let validator = TableValidator(
                schema: file.recognition.schema, path: file.path, place: file.place, folder: directory,
                references: references, quarantine: quarantine)
            var task = validator.run()
            task.year = file.recognition.year
            return task
        }
        // Reference tables first, in order: other tables look up their keys.
        for file in files where file.recognition.schema.isReference {
            report.tasks.append(validate(file, quarantine: writer))
        }
        // The rest only read those keys, so two of them at a time use both cores; the report keeps
        // the reading order whatever finishes first.
        let others = files.filter { !$0.recognition.schema.isReference }
        let results = ConcurrentResults<ValidationTask>(count: others.count)
        let next = ConcurrentResults<Int>(count: 1)
        let quarantineFolder = writer?.folder
        DispatchQueue.concurrentPerform(iterations: min(2, max(others.count, 1))) { _ in
            while let index = next.claim(below: others.count) {
                let quarantine = quarantineFolder.map { QuarantineWriter(folder: $0) }
                results.store(validate(others[index], quarantine: quarantine), at: index)
                if let error = quarantine?.error { results.fail(error) }
            }
        }
        if let error = results.failure { throw error }
        report.tasks += results.values.compactMap { $0 }
        if let error = writer?.error { throw error }
        report.stats.tasks = report.tasks.count
        report.stats.errors = report.tasks.reduce(0) { $0 + $1.stats.errors }
        report.stats.warnings = report.tasks.reduce(warnings.count) { $0 + $1.stats.warnings }
        report.valid = report.tasks.allSatisfy(\.valid)
        return report
    }
}

/// Slots filled by concurrent workers, and a shared counter handing out work, behind one lock.
final class ConcurrentResults<Value>: @unchecked Sendable {
    private(set) var values: [Value?]
    private(set) var failure: WijkbeeldError?
    private var counter = 0
    private let lock = NSLockLike()

    init(count: Int) {
        values = Array(repeating: nil, count: count)
    }

    func store(_ value: Value, at index: Int) {
        lock.withLock { values[index] = value }
    }

    func fail(_ error: WijkbeeldError) {
        lock.withLock { failure = failure ?? error }
    }

    /// The next index below `limit`, or nil when all are taken.
    func claim(below limit: Int) -> Int? {
        lock.withLock {
            guard counter < limit else { return nil }
            counter += 1
            return counter - 1
        }
    }
}
