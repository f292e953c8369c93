/// The rates at which the generator injects realistic defects, per eligible row or person.
///
/// Defaults follow population.md §6 (data-quality defaults) and §4 (onderwijsnummer share).
public struct DirtRates: Sendable, Equatable {
    /// School rows whose BSN is missing.
    public var schoolBSNMissing = 0.01
    /// School rows whose BSN has one digit changed or two adjacent digits swapped (fails the 11-proof).
    public var schoolBSNInvalid = 0.005
    /// Pupils with only an onderwijsnummer (newcomers).
    public var onderwijsnummerOnly = 0.015
    /// Care rows whose BSN is missing (identified by name, birth date and postcode only).
    public var careBSNMissing = 0.08
    /// Care rows whose BSN fails the 11-proof.
    public var careBSNInvalid = 0.01
    /// Rows with a valid but wrong BSN (a typo that still passes the 11-proof).
    public var bsnValidButWrong = 0.001
    /// Persons whose surname is written differently in another source (prefix placement, diacritics).
    public var surnameVariant = 0.05
    /// Rows with a one-letter typo in the surname.
    public var nameTypo = 0.01
    /// Pupils whose call name is not one of their given names.
    public var callNameDiffers = 0.10
    /// Birth dates with day and month swapped.
    public var birthDateSwap = 0.003
    /// Exact duplicate rows in school and care exports.
    public var duplicateRow = 0.005
    /// Postcodes written with a space or in lower case.
    public var postcodeMalformed = 0.02
    /// CBS birth day or month delivered as the missing token `--`.
    public var cbsMissingToken = 0.002

    public init() {}

    /// The names accepted by `set(_:to:)`, as used on the command line (`--dirt name=rate`).
    public static let names: [String] = [
        "school-bsn-missing", "school-bsn-invalid", "onderwijsnummer-only", "care-bsn-missing",
        "care-bsn-invalid", "bsn-valid-but-wrong", "surname-variant", "name-typo", "call-name-differs",
        "birth-date-swap", "duplicate-row", "postcode-malformed", "cbs-missing-token",
    ]

    /// All rates by name, in the order of `names`.
    public var all: [(name: String, rate: Double)] {
        [
            schoolBSNMissing, schoolBSNInvalid, onderwijsnummerOnly, careBSNMissing, careBSNInvalid,
            bsnValidButWrong, surnameVariant, nameTypo, callNameDiffers, birthDateSwap, duplicateRow,
            postcodeMalformed, cbsMissingToken,
        ].enumerated().map { (DirtRates.names[$0.offset], $0.element) }
    }

    /// Sets one rate by its command-line name.
    /// - Throws: `.usage` for an unknown name or a rate outside 0…1.
    public mutating func set(_ name: String, to rate: Double) throws {
        guard (0...1).contains(rate) else {
            throw WijkbeeldError(.usage, "dirt rate \(name)=\(rate) must be between 0 and 1")
        }
        switch name {
        case "school-bsn-missing": schoolBSNMissing = rate
        case "school-bsn-invalid": schoolBSNInvalid = rate
        case "onderwijsnummer-only": onderwijsnummerOnly = rate
        case "care-bsn-missing": careBSNMissing = rate
        case "care-bsn-invalid": careBSNInvalid = rate
        case "bsn-valid-but-wrong": bsnValidButWrong = rate
        case "surname-variant": surnameVariant = rate
        case "name-typo": nameTypo = rate
        case "call-name-differs": callNameDiffers = rate
        case "birth-date-swap": birthDateSwap = rate
        case "duplicate-row": duplicateRow = rate
        case "postcode-malformed": postcodeMalformed = rate
        case "cbs-missing-token": cbsMissingToken = rate
        default:
            throw WijkbeeldError(
                .usage, "unknown dirt rate '\(name)'; known: \(DirtRates.names.joined(separator: ", "))")
        }
    }
}
