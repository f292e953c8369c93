/// Writes the sample's `school/schoolvakanties.csv`: the school holidays of region zuid (Tilburg) that IND19
/// skips. They are the rows of the shipped default `config/schoolvakanties.csv`, which a test keeps equal.
enum SchoolHolidayWriter {
    /// Region zuid, school years 2020-2021 to 2025-2026: (school year, holiday, first day, last day).
    static let zuid: [(schoolYear: String, name: String, first: String, last: String)] = {
        let years: [(String, [(String, String, String)])] = [
            (
                "2020-2021",
                [
                    ("herfstvakantie", "2020-10-17", "2020-10-25"), ("kerstvakantie", "2020-12-19", "2021-01-03"),
                    ("voorjaarsvakantie", "2021-02-13", "2021-02-21"), ("meivakantie", "2021-05-01", "2021-05-09"),
                    ("zomervakantie", "2021-07-24", "2021-09-05"),
                ]
            ),
            (
                "2021-2022",
                [
                    ("herfstvakantie", "2021-10-23", "2021-10-31"), ("kerstvakantie", "2021-12-25", "2022-01-09"),
                    ("voorjaarsvakantie", "2022-02-26", "2022-03-06"), ("meivakantie", "2022-04-30", "2022-05-08"),
                    ("zomervakantie", "2022-07-23", "2022-09-04"),
                ]
            ),
            (
                "2022-2023",
                [
                    ("herfstvakantie", "2022-10-22", "2022-10-30"), ("kerstvakantie", "2022-12-24", "2023-01-08"),
                    ("voorjaarsvakantie", "2023-02-18", "2023-02-26"), ("meivakantie", "2023-04-29", "2023-05-07"),
                    ("zomervakantie", "2023-07-15", "2023-08-27"),
                ]
            ),
            (
                "2023-2024",
                [
                    ("herfstvakantie", "2023-10-14", "2023-10-22"), ("kerstvakantie", "2023-12-23", "2024-01-07"),
                    ("voorjaarsvakantie", "2024-02-10", "2024-02-18"), ("meivakantie", "2024-04-27", "2024-05-05"),
                    ("zomervakantie", "2024-07-06", "2024-08-18"),
                ]
            ),
            (
                "2024-2025",
                [
                    ("herfstvakantie", "2024-10-19", "2024-10-27"), ("kerstvakantie", "2024-12-21", "2025-01-05"),
                    ("voorjaarsvakantie", "2025-03-01", "2025-03-09"), ("meivakantie", "2025-04-26", "2025-05-04"),
                    ("zomervakantie", "2025-07-12", "2025-08-24"),
                ]
            ),
            (
                "2025-2026",
                [
                    ("herfstvakantie", "2025-10-18", "2025-10-26"), ("kerstvakantie", "2025-12-20", "2026-01-04"),
                    ("voorjaarsvakantie", "2026-02-14", "2026-02-22"), ("meivakantie", "2026-04-25", "2026-05-03"),
                    ("zomervakantie", "2026-07-18", "2026-08-30"),
                ]
            ),
        ]
        return years.flatMap { year, holidays in holidays.map { (year, $0.0, $0.1, $0.2) } }
    }()

    /// The file's text, header first, `\n` line ends.
    static var text: String {
        (["regio;schooljaar;vakantie;eerste_dag;laatste_dag"]
            + zuid.map { "zuid;\($0.schoolYear);\($0.name);\($0.first);\($0.last)" })
            .joined(separator: "\n") + "\n"
    }

    /// Writes `folder/schoolvakanties.csv`.
    static func write(into folder: String) throws {
        let writer = try ByteWriter(path: folder + "/schoolvakanties.csv", capacity: 1 << 12)
        writer.text(text)
        try writer.close()
    }
}
