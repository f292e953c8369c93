import Testing

@testable import Wijkbeeld

@Suite struct DutchPersonNumberTests {
    @Test func knownVectors() {
        #expect(DutchPersonNumber.isValidBSN(Array("111222333".utf8)))
        #expect(DutchPersonNumber.isValidBSN(Array("123456782".utf8)))
        #expect(!DutchPersonNumber.isValidBSN(Array("123456789".utf8)))
        #expect(DutchPersonNumber.isValidBSN(Array("000000012".utf8)))
        #expect(DutchPersonNumber.isValidOnderwijsnummer(Array("101222331".utf8)))
        #expect(!DutchPersonNumber.isValidBSN(Array("101222331".utf8)))
        #expect(!DutchPersonNumber.isValidBSN(Array("12345678".utf8)))
        #expect(!DutchPersonNumber.isValidBSN(Array("12345678a".utf8)))
    }

    /// An independent, string-based version of the 11-proof, as a calculator would do it.
    private func elevenProof(_ text: String) -> Int {
        let digits = text.compactMap { $0.wholeNumberValue }
        return zip(digits, [9, 8, 7, 6, 5, 4, 3, 2, -1]).map(*).reduce(0, +)
    }

    @Test func agreesWithAnIndependentElevenProofOnRandomNumbers() {
        var random = SplitMix64(seed: 1)
        for _ in 0..<20_000 {
            let number = random.int(in: 0...999_999_999)
            let text = String(number).leftPadded(to: 9)
            let sum = elevenProof(text)
            #expect(DutchPersonNumber.isValidBSN(Array(text.utf8)) == (sum % 11 == 0))
            #expect(
                DutchPersonNumber.isValidOnderwijsnummer(Array(text.utf8))
                    == (text.hasPrefix("10") && ((sum % 11) + 11) % 11 == 5))
        }
    }

    @Test func completedNumbersAreValidAndDistinct() {
        var seen = Set<Int>()
        var random = SplitMix64(seed: 2)
        for _ in 0..<5_000 {
            let prefix = random.int(in: 0...9_999_999)
            for bank in 0...1 {
                let bsn = DutchPersonNumber.complete(prefix: prefix, bank: bank, residue: 0)
                #expect(DutchPersonNumber.isValidBSN(DutchPersonNumber.digits(bsn)))
                #expect(bsn / 100 == prefix && (bsn / 10) % 10 / 5 == bank)
                seen.insert(bsn)
            }
            let onr = DutchPersonNumber.complete(prefix: 1_000_000 + prefix % 100_000, bank: 0, residue: 5)
            #expect(DutchPersonNumber.isValidOnderwijsnummer(DutchPersonNumber.digits(onr)))
        }
        #expect(seen.count > 9_900)
    }
}
