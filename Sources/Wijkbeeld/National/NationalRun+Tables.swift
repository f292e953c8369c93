/// One scan per CBS table, each keeping only what joins to the children.
extension NationalRun {
    private static let noDay = Int32.min

    /// The row's spell as first and last day (days since 1970; an empty end is open), or nil after
    /// rejecting the row at the column that is not a date.
    @inline(__always)
    private static func spell<Part: ScanPart>(
        _ row: CSVReader, begin: Int, end: Int, at offset: Int, in part: inout Part
    ) -> (Int32, Int32)? {
        guard let first = FieldParsing.date(row.trimmedField(begin), format: .compact) else {
            part.tally.reject("datum", column: begin, offset: offset)
            return nil
        }
        let endField = row.trimmedField(end)
        let open = endField.isEmpty || FieldParsing.isCBSMissingToken(endField)
        guard let last = FieldParsing.spellEnd(open ? nil : endField) else {
            part.tally.reject("datum", column: end, offset: offset)
            return nil
        }
        return (Int32(first.daysSinceEpoch), Int32(clamping: last))
    }

    /// The selected slot of the row's person, or nil: for a row of the wrong width or with a malformed key
    /// (rejected, counted in the part's tally) and for someone outside the selection.
    @inline(__always)
    static func selected<Part: ScanPart>(
        _ row: CSVReader, at offset: Int, in part: inout Part, width: Int, kind: Int, number: Int,
        index: KeyIndex.Lookup, reason: String = "rinpersoon", check: RowCheck? = nil
    ) -> Int32? {
        guard row.count == width else {
            part.tally.reject("aantal_velden", column: min(row.count, width - 1), offset: offset)
            return nil
        }
        guard let key = CBSPopulation.personKey(row.trimmedField(kind), row.trimmedField(number)) else {
            part.tally.reject(reason, column: number, offset: offset)
            return nil
        }
        guard let slot = index.slot(key) else { return nil }
        return accepts(row, check, at: offset, in: &part) ? slot : nil
    }

    /// Whether a row the scan uses passes the validator's row rules; a failing row is rejected and counted.
    @inline(__always)
    static func accepts<Part: ScanPart>(_ row: CSVReader, _ check: RowCheck?, at offset: Int, in part: inout Part)
        -> Bool
    {
        guard let check, let failure = check.firstError(row) else { return true }
        part.tally.reject(failure.reason, column: failure.column, offset: offset)
        return false
    }

    /// GBAPERSOONTAB: the children aged 4–12 on the reference date with `RINPERSOONS = R`.
    func readPersons(_ path: String) throws -> ScanTally {
        let scan = try TableScan(
            path: path,
            required: [
                "RINPERSOONS", "RINPERSOON", "GBAGESLACHT", "GBAGENERATIE", "GBAGEBOORTEJAAR", "GBAGEBOORTEMAAND",
                "GBAGEBOORTEDAG",
            ])
        struct Part: ScanPart {
            var tally = ScanTally()
            var keys: [UInt64] = []
            var ages: [Int8] = []
            var sexes: [Int8] = []
            var generations: [Int8] = []
            var notLinkable = 0
            var unknownYear = 0
        }
        let (kind, number, sexColumn, generationColumn) = (
            scan.column("RINPERSOONS"), scan.column("RINPERSOON"), scan.column("GBAGESLACHT"),
            scan.column("GBAGENERATIE")
        )
        let (yearColumn, monthColumn, dayColumn) = (
            scan.column("GBAGEBOORTEJAAR"), scan.column("GBAGEBOORTEMAAND"), scan.column("GBAGEBOORTEDAG")
        )
        let width = scan.width
        let check = scan.rowCheck
        let reference = options.referenceDate
        @Sendable func digit(_ bytes: UnsafeBufferPointer<UInt8>) -> Int8 {
            bytes.count == 1 && (48...57).contains(bytes[0]) ? Int8(bytes[0] - 48) : -1
        }
        let result = try scan.run(parts: parts, minimumSplitBytes: minimumSplitBytes, make: { Part() }) {
            part, row, offset in
            guard row.count == width else {
                part.tally.reject("aantal_velden", column: min(row.count, width - 1), offset: offset)
                return
            }
            guard let key = CBSPopulation.personKey(row.trimmedField(kind), row.trimmedField(number)) else {
                part.tally.reject("rinpersoon", column: number, offset: offset)
                return
            }
            let letter = row.trimmedField(kind)
            guard letter.count == 1 && letter[0] == UInt8(ascii: "R") else {
                part.notLinkable += 1
                return
            }
            guard let year = FieldParsing.integer(row.trimmedField(yearColumn)), year > 0 else {
                part.unknownYear += 1
                return
            }
            let month = FieldParsing.integer(row.trimmedField(monthColumn)).flatMap { $0 > 0 ? $0 : nil } ?? 7
            let day = FieldParsing.integer(row.trimmedField(dayColumn)).flatMap { $0 > 0 ? $0 : nil } ?? 1
            let age = reference.year - year - ((reference.month, reference.day) < (month, day) ? 1 : 0)
            guard (4...12).contains(age), NationalRun.accepts(row, check, at: offset, in: &part) else { return }
            part.tally.used += 1
            part.keys.append(key)
            part.ages.append(Int8(age))
            part.sexes.append(digit(row.trimmedField(sexColumn)))
            part.generations.append(digit(row.trimmedField(generationColumn)))
        }
        var expected = 0
        for part in result.parts { expected += part.keys.count }
        children = KeyIndex(expected: expected)
        for part in result.parts {
            counts["uitgesloten_niet_koppelbaar", default: 0] += part.notLinkable
            counts["uitgesloten_geboortejaar_onbekend", default: 0] += part.unknownYear
            for index in part.keys.indices {
                guard children.insert(part.keys[index]).inserted else {
                    counts["dubbele_rinpersoon", default: 0] += 1
                    continue
                }
                age.append(part.ages[index])
                sex.append(part.sexes[index])
                generation.append(part.generations[index])
            }
        }
        counts["personen_gelezen"] = result.tally.accepted
        let count = children.count
        object = Array(repeating: 0, count: count)
        buurt = Array(repeating: 0, count: count)
        household = Array(repeating: 0, count: count)
        householdType = Array(repeating: 0, count: count)
        earner = Array(repeating: 0, count: count)
        facts = Array(repeating: 0, count: count)
        return result.tally
    }

    /// The best spell per child covering the reference date, as the transform stage picks it (cbs-tables.md §4):
    /// the latest first day, then the latest last day, then the smallest key, whatever order the rows come in.
    private struct SpellPart: ScanPart {
        var tally = ScanTally()
        var first: [Int32]
        var last: [Int32]
        var value: [UInt64]
        var kind: [Int8]
        var several = 0

        init(count: Int) {
            first = Array(repeating: NationalRun.noDay, count: count)
            last = Array(repeating: 0, count: count)
            value = Array(repeating: 0, count: count)
            kind = Array(repeating: 0, count: count)
        }

        mutating func offer(_ slot: Int, _ spell: (Int32, Int32), _ value: UInt64, _ kind: Int8) {
            if first[slot] != NationalRun.noDay {
                several += 1
                guard (spell.0, spell.1, self.value[slot]) > (first[slot], last[slot], value) else { return }
            }
            (first[slot], last[slot]) = spell
            self.value[slot] = value
            self.kind[slot] = kind
        }
    }

    /// Scans a spell table keyed by person; `value` reads the row's value, nil to reject it at `column`.
    private func readSpellTable(
        _ path: String, begin: String, end: String, valueColumn: String, extra: [String] = [],
        value: @escaping @Sendable (CSVReader, [Int]) -> (UInt64, Int8)?
    ) throws -> (part: SpellPart, tally: ScanTally) {
        let scan = try TableScan(path: path, required: ["RINPERSOONS", "RINPERSOON", begin, end, valueColumn] + extra)
        let (kind, number, beginColumn, endColumn) = (
            scan.column("RINPERSOONS"), scan.column("RINPERSOON"), scan.column(begin), scan.column(end)
        )
        let columns = [scan.column(valueColumn)] + extra.map(scan.column)
        let width = scan.width
        let check = scan.rowCheck
        let index = children.lookup
        let day = Int32(options.referenceDate.daysSinceEpoch)
        let count = children.count
        let result = try scan.run(parts: parts, minimumSplitBytes: minimumSplitBytes, make: { SpellPart(count: count) })
        { part, row, offset in
            guard
                let slot = NationalRun.selected(
                    row, at: offset, in: &part, width: width, kind: kind, number: number, index: index,
                    check: check)
            else { return }
            guard
                let spell = NationalRun.spell(row, begin: beginColumn, end: endColumn, at: offset, in: &part)
            else { return }
            guard spell.0 <= day && day <= spell.1 else { return }
            guard let (found, extra) = value(row, columns) else {
                if !row.trimmedField(columns[0]).isEmpty {
                    part.tally.reject("sleutel", column: columns[0], offset: offset)
                }
                return
            }
            part.tally.used += 1
            part.offer(Int(slot), spell, found, extra)
        }
        var merged = SpellPart(count: 0)
        for part in result.parts {
            if merged.first.isEmpty {
                merged = part
                continue
            }
            merged.several += part.several
            for slot in 0..<count where part.first[slot] != NationalRun.noDay {
                merged.offer(slot, (part.first[slot], part.last[slot]), part.value[slot], part.kind[slot])
            }
        }
        return (merged, result.tally)
    }

    /// GBAADRESOBJECTBUS: each child's address object on the reference date.
    func readAddresses(_ path: String) throws -> ScanTally {
        let (part, tally) = try readSpellTable(
            path, begin: "GBADATUMAANVANGADRESHOUDING", end: "GBADATUMEINDEADRESHOUDING", valueColumn: "RINOBJECTNUMMER"
        ) { row, columns in
            CBSPopulation.digitsKey(row.trimmedField(columns[0])).map { ($0, 0) }
        }
        object = part.value
        counts["meerdere_adressen_op_peildatum", default: 0] += part.several
        return tally
    }

    /// GBAHUISHOUDENSBUS: each child's household and its type on the reference date.
    func readHouseholds(_ path: String) throws -> ScanTally {
        let (part, tally) = try readSpellTable(
            path, begin: "DATUMAANVANGHH", end: "DATUMEINDEHH", valueColumn: "HUISHOUDNR", extra: ["TYPHH"]
        ) { row, columns in
            // An empty HUISHOUDNR covers the date with an unknown household (decided reading, README): it
            // loses every tie and leaves the child without household and type.
            let field = row.trimmedField(columns[0])
            if field.isEmpty || FieldParsing.isCBSMissingToken(field) {
                return (.max, 0)
            }
            guard let number = CBSPopulation.digitsKey(field) else { return nil }
            let type = row.trimmedField(columns[1])
            return (number, type.count == 1 && (49...56).contains(type[0]) ? Int8(type[0] - 48) : 0)
        }
        household = part.value.map { $0 == .max ? 0 : $0 }
        householdType = part.kind
        counts["meerdere_huishoudens_op_peildatum", default: 0] += part.several
        return tally
    }

    /// VSLGWBTAB: the buurt (column `bc<vintage>`) of each child's object.
    func readBuurten(_ path: String) throws -> ScanTally {
        let vintage = "BC\(options.vintage)"
        let scan = try TableScan(path: path, required: ["RINOBJECTNUMMER"])
        guard let codeColumn = scan.columns[vintage] else {
            throw GeographyVintage.missing(
                options.vintage, in: path, fileHasOthers: scan.columns.keys.contains(where: GeographyVintage.isColumn))
        }
        let objects = KeyIndex(expected: children.count)
        for value in object where value != 0 { objects.insert(value) }
        // The lookup points into `objects`: keep it alive until the last lookup below.
        defer { withExtendedLifetime(objects) {} }
        let index = objects.lookup
        let objectCount = objects.count
        let objectColumn = scan.column("RINOBJECTNUMMER")
        let width = scan.width
        let check = scan.rowCheck
        struct Part: ScanPart {
            var tally = ScanTally()
            var codes: [UInt64]
        }
        let result = try scan.run(
            parts: parts, minimumSplitBytes: minimumSplitBytes,
            make: { Part(codes: Array(repeating: 0, count: objectCount)) }
        ) {
            part, row, offset in
            guard row.count == width else {
                part.tally.reject("aantal_velden", column: min(row.count, width - 1), offset: offset)
                return
            }
            guard let key = CBSPopulation.digitsKey(row.trimmedField(objectColumn)) else {
                part.tally.reject("rinobjectnummer", column: objectColumn, offset: offset)
                return
            }
            guard let slot = index.slot(key), NationalRun.accepts(row, check, at: offset, in: &part) else { return }
            let field = row.trimmedField(codeColumn)
            guard !field.isEmpty else { return }
            guard let code = NationalChild.pack(field) else {
                part.tally.reject("buurtcode", column: codeColumn, offset: offset)
                return
            }
            part.tally.used += 1
            part.codes[Int(slot)] = code
        }
        var codes = Array(repeating: UInt64(0), count: objectCount)
        for part in result.parts {
            for slot in 0..<objectCount where part.codes[slot] != 0 { codes[slot] = part.codes[slot] }
        }
        for slot in 0..<children.count where object[slot] != 0 {
            buurt[slot] = index.slot(object[slot]).map { codes[Int($0)] } ?? 0
        }
        return result.tally
    }

    /// JGDHULPBUS or JGDBESCHERMBUS: the facts of the spells that overlap the period's window.
    func readSpells(_ path: String, youthCare: Bool) throws -> ScanTally {
        let (codeName, beginName, endName) =
            youthCare
            ? ("JGDHHULPVORM", "JGDHGELDIGHEIDBEGINDATUM", "JGDHGELDIGHEIDEINDDATUM")
            : ("JGDBMAATREGEL", "JGDBGELDIGHEIDBEGINDATUM", "JGDBGELDIGHEIDEINDDATUM")
        let scan = try TableScan(path: path, required: ["RINPERSOONS", "RINPERSOON", codeName, beginName, endName])
        let (kind, number, codeColumn, beginColumn, endColumn) = (
            scan.column("RINPERSOONS"), scan.column("RINPERSOON"), scan.column(codeName), scan.column(beginName),
            scan.column(endName)
        )
        let width = scan.width
        let check = scan.rowCheck
        let index = children.lookup
        let count = children.count
        let window = (Int32(options.window.lowerBound), Int32(options.window.upperBound))
        struct Part: ScanPart {
            var tally = ScanTally()
            var facts: [UInt8]
        }
        let result = try scan.run(
            parts: parts, minimumSplitBytes: minimumSplitBytes, make: { Part(facts: Array(repeating: 0, count: count)) }
        ) {
            part, row, offset in
            guard
                let slot = NationalRun.selected(
                    row, at: offset, in: &part, width: width, kind: kind, number: number, index: index,
                    check: check)
            else { return }
            guard let code = FieldParsing.integer(row.trimmedField(codeColumn)) else {
                part.tally.reject("code", column: codeColumn, offset: offset)
                return
            }
            guard
                let spell = NationalRun.spell(row, begin: beginColumn, end: endColumn, at: offset, in: &part)
            else { return }
            part.tally.used += 1
            guard spell.0 <= window.1 && spell.1 >= window.0 else { return }
            if youthCare {
                part.facts[Int(slot)] |= NationalChild.bit(.youthCare)
                if (11...14).contains(code) { part.facts[Int(slot)] |= NationalChild.bit(.residentialYouthCare) }
            } else {
                part.facts[Int(slot)] |= NationalChild.bit(.youthProtection)
            }
        }
        for part in result.parts {
            for slot in 0..<count where part.facts[slot] != 0 { facts[slot] |= part.facts[slot] }
        }
        return result.tally
    }
}
