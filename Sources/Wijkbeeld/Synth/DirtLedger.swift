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
