/// The direct identifiers of a synthetic person as a school or care system would record them,
/// with the configured defects applied (typos, variants, swapped dates, malformed postcodes).
struct PersonIdentity {
    var bsn = ""
    var onderwijsnummer = ""
    var surname: String
    var prefix: String
    var givenNames: String
    var callName: String
    var birthDate: CalendarDate
    var sex: Int
    var postcode = ""
    var houseNumber = 0
    /// The defects applied, joined with `|` in the truth files.
    var dirt: [String] = []
    /// Write the postcode with a space and in lower case (applied by `locate`).
    var malformedPostcode = false

    /// True names of a person: surname from the father (else the mother), given names by sex.
    init(of person: SynthPerson, in unit: FamilyUnit, seed: UInt64) {
        var random = SplitMix64(seed: seed, stream: UInt64(person.id), substream: 21)
        let family =
            person.isChild
            ? (person.father ?? person.mother).map { unit.persons[$0].id } ?? person.id
            : person.id
        var familyRandom = SplitMix64(seed: seed, stream: UInt64(family), substream: 22)
        let surname = familyRandom.element(of: DutchNames.surnames)
        self.surname = surname.name
        prefix = surname.prefix
        let names = person.sex == 1 ? DutchNames.boys : DutchNames.girls
        let first = random.element(of: names)
        let second = random.chance(0.5) ? " " + random.element(of: names) : ""
        givenNames = first + second
        callName = first
        birthDate = person.birth
        sex = person.sex
    }

    /// The address on `date`: postcode (PC6) and house number.
    mutating func locate(
        _ person: SynthPerson, in unit: FamilyUnit, on date: CalendarDate, geography: SyntheticGeography
    ) {
        guard let spell = person.addressSpells.last(where: { $0.covers(date) }) ?? person.addressSpells.last else {
            return
        }
        let address = unit.addresses[spell.target]
        let pc4 = geography.buurten[address.buurt].pc4
        let letters = String(decoding: [address.letters.0, address.letters.1], as: UTF8.self)
        postcode = malformedPostcode ? "\(pc4) \(letters.lowercased())" : "\(pc4)\(letters)"
        houseNumber = address.houseNumber
    }

    /// Applies the name, date and postcode defects, each drawn independently.
    mutating func soil(ledger: DirtLedger, rates: DirtRates, random: inout SplitMix64) {
        if ledger.inject(.callNameDiffers, rate: rates.callNameDiffers, random: &random) {
            callName = DutchNames.nicknames[callName] ?? String(callName.prefix(3))
            dirt.append("call-name-differs")
        }
        if ledger.inject(.surnameVariant, rate: rates.surnameVariant, random: &random) {
            if !prefix.isEmpty {
                surname = prefix + " " + surname
                prefix = ""
            } else if surname.unicodeScalars.contains(where: { $0.value > 127 }) {
                surname = PersonIdentity.foldingDiacritics(surname)
            } else {
                surname += "-" + random.element(of: DutchNames.surnames).name
            }
            dirt.append("surname-variant")
        }
        if ledger.inject(.nameTypo, rate: rates.nameTypo, random: &random) {
            var letters = Array(surname)
            let position = random.int(in: 0...(letters.count - 1))
            letters[position] = random.element(of: Array("aeiourstnlk"))
            surname = String(letters)
            dirt.append("name-typo")
        }
        if ledger.inject(.birthDateSwap, rate: rates.birthDateSwap, random: &random),
            birthDate.day <= 12, birthDate.day != birthDate.month,
            let swapped = CalendarDate(year: birthDate.year, month: birthDate.day, day: birthDate.month)
        {
            birthDate = swapped
            dirt.append("birth-date-swap")
        }
        if ledger.inject(.postcodeMalformed, rate: rates.postcodeMalformed, random: &random) {
            malformedPostcode = true
            dirt.append("postcode-malformed")
        }
    }

    /// Sets the BSN field: the true number, missing, one with a typo failing the 11-proof, or a
    /// valid but wrong number.
    mutating func setBSN(
        _ bsn: Int, missing: DirtLedger.Kind, missingRate: Double, invalid: DirtLedger.Kind, invalidRate: Double,
        ledger: DirtLedger, rates: DirtRates, random: inout SplitMix64
    ) {
        var digits = DutchPersonNumber.digits(bsn)
        if ledger.inject(missing, rate: missingRate, random: &random) {
            dirt.append(missing.rawValue)
            self.bsn = ""
            return
        }
        if ledger.inject(invalid, rate: invalidRate, random: &random) {
            repeat {
                if random.chance(0.5) {
                    let position = random.int(in: 0...7)
                    digits.swapAt(position, position + 1)
                } else {
                    let position = random.int(in: 0...8)
                    digits[position] = UInt8(48 + (Int(digits[position] - 48) + random.int(in: 1...9)) % 10)
                }
            } while DutchPersonNumber.isValidBSN(digits)
            dirt.append(invalid.rawValue)
        } else if ledger.inject(.bsnValidButWrong, rate: rates.bsnValidButWrong, random: &random) {
            let other = DutchPersonNumber.complete(prefix: (bsn / 100 + 1) % 10_000_000, bank: 0, residue: 0)
            digits = DutchPersonNumber.digits(other)
            dirt.append("bsn-valid-but-wrong")
        }
        self.bsn = String(decoding: digits, as: UTF8.self)
    }

    /// Writes a BSN the way some exports do (local-files.md, "Identifiers"): a number with a leading zero
    /// as 8 digits, or with spaces (`123 456 782`) or dots (`1234.56.782`); drawn from the variants stream.
    mutating func respellBSN(ledger: DirtLedger, rates: DirtRates, variants: inout SplitMix64) {
        let (spelled, tag) = PersonIdentity.spelling(Array(bsn.utf8), ledger: ledger, rates: rates, variants: &variants)
        bsn = String(decoding: spelled, as: UTF8.self)
        if let tag { dirt.append(tag) }
    }

    /// The spelling of nine BSN digits and the variant's tag; other values are returned unchanged.
    static func spelling(_ digits: [UInt8], ledger: DirtLedger, rates: DirtRates, variants: inout SplitMix64)
        -> (digits: [UInt8], tag: String?)
    {
        guard digits.count == 9 else { return (digits, nil) }
        if digits[0] == UInt8(ascii: "0"),
            ledger.inject(.bsnLeadingZeroDropped, rate: rates.bsnLeadingZeroDropped, random: &variants)
        {
            return (Array(digits.dropFirst()), DirtLedger.Kind.bsnLeadingZeroDropped.rawValue)
        }
        guard ledger.inject(.bsnFormatted, rate: rates.bsnFormatted, random: &variants) else { return (digits, nil) }
        // Groups of 3-3-3 with spaces, or 4-2-3 with dots.
        let spaces = variants.chance(0.5)
        let separator: UInt8 = spaces ? UInt8(ascii: " ") : UInt8(ascii: ".")
        let cuts: Set<Int> = spaces ? [3, 6] : [4, 6]
        var spelled: [UInt8] = []
        for (position, digit) in digits.enumerated() {
            if cuts.contains(position) { spelled.append(separator) }
            spelled.append(digit)
        }
        return (spelled, DirtLedger.Kind.bsnFormatted.rawValue)
    }

    static func foldingDiacritics(_ text: String) -> String {
        let map: [Character: Character] = [
            "ı": "i", "ö": "o", "Ö": "O", "ç": "c", "Ç": "C", "ş": "s", "Ş": "S", "ü": "u", "ễ": "e", "ś": "s",
            "é": "e", "ë": "e", "è": "e", "ï": "i", "ó": "o", "ã": "a", "í": "i",
        ]
        return String(text.map { map[$0] ?? $0 })
    }
}
