import Foundation

/// What a report needs beyond the data: the district and its comparisons, school names, language and
/// the provenance of the run.
public struct ReportOptions: Sendable {
    /// `nl` (default) or `en`.
    public var language = "nl"
    /// The area the report is about (an `AreaDefinition` code).
    public var district = "doelgebied"
    /// Areas the KPI cards compare with, in order.
    public var comparisons = ["rest_tilburg", "nederland"]
    /// Display names of schools by BRIN; other schools are called "School 1", "School 2" …
    public var schoolNames: [String: String] = [:]
    /// The run's moment (UTC), shown in the provenance block only.
    public var generatedAt = Date()
    /// The git commit the binary was built from, when known.
    public var commit = "onbekend"
    /// Shown under the title when a period is published again (reports.md R13), e.g.
    /// "Versie 2 — gecorrigeerd op 12 april 2026: invoer gewijzigd".
    public var versionNote = ""
    /// The run this one replaces, for the manifest.
    public var previousRunID: String?
    /// The configuration file's SHA-256 when a configuration made the run; otherwise the settings are hashed.
    public var configSHA256: String?

    public init() {}
}
