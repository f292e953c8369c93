/// Input paths as a published set may show them. A school's folder is named after its BRIN
/// (`school/SYNTHBRIN01/…`), and a BRIN next to small groups is a linking key (R10), so published files name
/// the folders `school/school_1/…`, `school/school_2/…` in BRIN order, as the school tables do.
enum PublicInputPlaces {
    /// The folder name under `school/` of every school input, in order, mapped to its public name.
    static func schoolFolders(in report: ValidationReport) -> [(folder: String, name: String)] {
        let folders = Set(
            report.tasks.compactMap { task -> String? in
                let parts = task.place.split(separator: "/")
                return parts.count >= 3 && parts[0] == "school" ? String(parts[1]) : nil
            })
        return folders.sorted().enumerated().map { ($1, "school_\($0 + 1)") }
    }

    /// `text` with every `school/<folder>/` replaced by its public name.
    static func masked(_ text: String, _ folders: [(folder: String, name: String)]) -> String {
        var result = text
        for (folder, name) in folders {
            result = result.replacingOccurrences(of: "school/\(folder)/", with: "school/\(name)/")
        }
        return result
    }
}

extension AnalysisTables {
    /// The tables with school input paths masked everywhere a published file shows them: the validation
    /// report (places, messages), and the run record's per-file counts.
    func withPublicInputPlaces() -> AnalysisTables {
        let folders = PublicInputPlaces.schoolFolders(in: validation)
        guard !folders.isEmpty else { return self }
        func mask(_ text: String) -> String { PublicInputPlaces.masked(text, folders) }
        var copy = self
        for index in copy.validation.tasks.indices {
            copy.validation.tasks[index].place = mask(copy.validation.tasks[index].place)
            for issue in copy.validation.tasks[index].errors.indices {
                copy.validation.tasks[index].errors[issue].message = mask(
                    copy.validation.tasks[index].errors[issue].message)
            }
        }
        for index in copy.validation.warnings.indices {
            copy.validation.warnings[index].message = mask(copy.validation.warnings[index].message)
        }
        copy.counts = Dictionary(copy.counts.map { (mask($0.key), $0.value) }, uniquingKeysWith: +)
        return copy
    }
}
