/// Counts, per kind of defect, how many rows or persons were eligible and how many were made dirty,
/// so tests can check injected rates against configured ones.
final class DirtLedger {
    enum Kind: String, CaseIterable {
        case schoolBSNMissing = "school-bsn-missing"
        case schoolBSNInvalid = "school-bsn-invalid"
        case onderwijsnummerOnly = "onderwijsnummer-only"
        case careBSNMissing = "care-bsn-missing"
        case careBSNInvalid = "care-bsn-invalid"
        case bsnValidButWrong = "bsn-valid-but-wrong"
        case surnameVariant = "surname-variant"
        case nameTypo = "name-typo"
        case callNameDiffers = "call-name-differs"
        case birthDateSwap = "birth-date-swap"
        case duplicateRow = "duplicate-row"
        case postcodeMalformed = "postcode-malformed"
        case cbsMissingToken = "cbs-missing-token"
        case openEndEmpty = "open-end-empty"
        case openEndFarFuture = "open-end-far-future"
        case sameDaySpell = "same-day-spell"
        case bsnFormatted = "bsn-formatted"
        case bsnLeadingZeroDropped = "bsn-leading-zero-dropped"
        case rinpersoonsS = "rinpersoons-s"
        case fileCRLF = "file-crlf"
        case fileBOM = "file-bom"
        case fileNoFinalNewline = "file-no-final-newline"
        case headerCase = "header-case"
        case fileNameCase = "file-name-case"
        case supersededVersion = "superseded-version"
        case quotedLineBreak = "quoted-line-break"
        case childWithOtherParent = "child-with-other-parent"
        case holidayAbsence = "holiday-absence"
        case holidaySpanningRun = "holiday-spanning-run"
    }

    private(set) var eligible: [Kind: Int] = [:]
    private(set) var injected: [Kind: Int] = [:]

    /// Draws whether to inject one defect of `kind`, counting the draw.
    func inject(_ kind: Kind, rate: Double, random: inout SplitMix64) -> Bool {
        eligible[kind, default: 0] += 1
        guard random.chance(rate) else { return false }
        injected[kind, default: 0] += 1
        return true
    }

    /// Counts one eligible row or file of `kind`, injected or not, for choices drawn elsewhere.
    func count(_ kind: Kind, injected isInjected: Bool) {
        eligible[kind, default: 0] += 1
        if isInjected { injected[kind, default: 0] += 1 }
    }

    /// Adds the counts of another ledger (a population model's, kept apart from the writers').
    func absorb(_ other: DirtLedger) {
        for (kind, count) in other.eligible { eligible[kind, default: 0] += count }
        for (kind, count) in other.injected { injected[kind, default: 0] += count }
    }

    /// Writes `dirt_summary.csv`: kind, configured rate, eligible, injected.
    func write(to path: String, rates: DirtRates) throws {
        let writer = try ByteWriter(path: path)
        writer.text("dirt;configured_rate;eligible;injected")
        try writer.endLine()
        for (name, rate) in rates.all {
            guard let kind = Kind(rawValue: name) else { continue }
            writer.text(name)
            writer.byte(UInt8(ascii: ";"))
            writer.decimal(rate, fractionDigits: 4)
            writer.byte(UInt8(ascii: ";"))
            writer.integer(eligible[kind, default: 0])
            writer.byte(UInt8(ascii: ";"))
            writer.integer(injected[kind, default: 0])
            try writer.endLine()
        }
        try writer.close()
    }
}
