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

    // MARK: Legal variants (cbs-tables.md P2–P9, §4; local-files.md "Identifiers"): the reader must accept them.

    /// Open spells (address, household, youth care, protection, bijstand) whose end is written empty
    /// instead of `20501231` (P9).
    public var openEndEmpty = 0.25
    /// Open spells, not written empty, whose end is another far-future date (`20991231`; P9: year ≥ 2050).
    public var openEndFarFuture = 0.05
    /// Address and household spells preceded by a one-day spell with the same begin at another object or
    /// household, which loses the tie of §4 (latest begin, then latest end), so the truth is unchanged.
    public var sameDaySpell = 0.01
    /// BSNs (school, care, crosswalk) written with spaces (`123 456 782`) or dots (`1234.56.782`).
    public var bsnFormatted = 0.02
    /// BSNs with a leading zero written with 8 digits (the zero dropped, as a spreadsheet does).
    public var bsnLeadingZeroDropped = 0.3
    /// Persons not found in the BRP (separated legal parents) written with `RINPERSOONS = S` instead of `O`,
    /// in GBAPERSOONTAB and wherever they are referred to (KINDOUDERTAB, income tables).
    public var rinpersoonsS = 0.7
    /// CSV files with `\r\n` line ends (P4).
    public var fileCRLF = 0.15
    /// CSV files starting with a UTF-8 byte-order mark (P4).
    public var fileBOM = 0.15
    /// CSV files whose last line has no line feed.
    public var fileNoFinalNewline = 0.15
    /// CSV files whose header names are written in the other case (`WC2023` for `wc2023`, P2).
    public var headerCase = 0.2
    /// CBS files whose name is written in lower case (`inschrwpotab2022v1.csv`; §2 matches case-insensitively).
    public var fileNameCase = 0.2
    /// CBS files delivered as V2 next to a superseded V1 with every tenth row missing (§2: the highest version wins).
    public var supersededVersion = 0.15
    /// Free-text fields (care `service_label`, school `arrangement`) holding a quoted line break.
    public var quotedLineBreak = 0.03

    // MARK: Population variants: they change who lives where and who is absent when, so `--clean` keeps them.

    /// Separated families with two or more children in which one child lives with the other legal parent
    /// (often in another buurt) from the separation on.
    public var childWithOtherParent = 0.15
    /// Pupil-years with registrations just before or after a school holiday: luxe verzuim on the last school
    /// day, sickness on the first one, or unauthorised hours that stay below 16 within 4 school weeks.
    public var holidayAbsence = 0.03
    /// Pupil-years with an unauthorised run across a school holiday that reaches 16 hours within 4 school weeks
    /// only when the holiday weeks are skipped (IND19's derivation), half of them without a DUO report code.
    public var holidaySpanningRun = 0.01

    public init() {}

    /// The rates of the legal variants, which `clean()` turns off.
    public static let variantNames: [String] = [
        "open-end-empty", "open-end-far-future", "same-day-spell", "bsn-formatted", "bsn-leading-zero-dropped",
        "rinpersoons-s", "file-crlf", "file-bom", "file-no-final-newline", "header-case", "file-name-case",
        "superseded-version", "quoted-line-break",
    ]

    /// The rates that shape the population itself; `clean()` keeps them so the clean twin has the same persons.
    public static let populationNames: [String] = [
        "child-with-other-parent", "holiday-absence", "holiday-spanning-run",
    ]

    /// The same rates with every legal variant off: a clean twin of the same population and the same defects,
    /// on which the pipeline must give the same results.
    public func clean() -> DirtRates {
        var rates = self
        for name in DirtRates.variantNames { try? rates.set(name, to: 0) }
        return rates
    }

    /// Every rate zero, population variants included.
    public static var none: DirtRates {
        var rates = DirtRates()
        for name in DirtRates.names { try? rates.set(name, to: 0) }
        return rates
    }

    /// The names accepted by `set(_:to:)`, as used on the command line (`--dirt name=rate`).
    public static let names: [String] =
        [
            "school-bsn-missing", "school-bsn-invalid", "onderwijsnummer-only", "care-bsn-missing",
            "care-bsn-invalid", "bsn-valid-but-wrong", "surname-variant", "name-typo", "call-name-differs",
            "birth-date-swap", "duplicate-row", "postcode-malformed", "cbs-missing-token",
        ] + variantNames + populationNames

    /// All rates by name, in the order of `names`.
    public var all: [(name: String, rate: Double)] {
        [
            schoolBSNMissing, schoolBSNInvalid, onderwijsnummerOnly, careBSNMissing, careBSNInvalid,
            bsnValidButWrong, surnameVariant, nameTypo, callNameDiffers, birthDateSwap, duplicateRow,
            postcodeMalformed, cbsMissingToken, openEndEmpty, openEndFarFuture, sameDaySpell, bsnFormatted,
            bsnLeadingZeroDropped, rinpersoonsS, fileCRLF, fileBOM, fileNoFinalNewline, headerCase, fileNameCase,
            supersededVersion, quotedLineBreak, childWithOtherParent, holidayAbsence, holidaySpanningRun,
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
        case "open-end-empty": openEndEmpty = rate
        case "open-end-far-future": openEndFarFuture = rate
        case "same-day-spell": sameDaySpell = rate
        case "bsn-formatted": bsnFormatted = rate
        case "bsn-leading-zero-dropped": bsnLeadingZeroDropped = rate
        case "rinpersoons-s": rinpersoonsS = rate
        case "file-crlf": fileCRLF = rate
        case "file-bom": fileBOM = rate
        case "file-no-final-newline": fileNoFinalNewline = rate
        case "header-case": headerCase = rate
        case "file-name-case": fileNameCase = rate
        case "superseded-version": supersededVersion = rate
        case "quoted-line-break": quotedLineBreak = rate
        case "child-with-other-parent": childWithOtherParent = rate
        case "holiday-absence": holidayAbsence = rate
        case "holiday-spanning-run": holidaySpanningRun = rate
        default:
            throw WijkbeeldError(
                .usage, "unknown dirt rate '\(name)'; known: \(DirtRates.names.joined(separator: ", "))")
        }
    }
}
