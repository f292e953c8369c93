import Crypto
import Foundation
import Testing

@testable import Wijkbeeld

@Suite struct PseudonymKeyTests {
    @Test func hmacMatchesRFC4231() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let mac = HMAC<SHA256>.authenticationCode(
            for: Array("what do ya want for nothing?".utf8), using: SymmetricKey(data: Array("Jefe".utf8)))
        #expect(
            TableValidator.hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // The pre-keyed pseudonymiser computes HMAC(K, label ‖ id): test case 1 split as label "Hi " + "There".
        let key = PseudonymKey(bytes: [UInt8](repeating: 0x0b, count: 20), isSample: false)
        var text = "There"
        let pseudonym = text.withUTF8 { bytes in
            Pseudonymizer(key: key).pseudonym(.bsn, bytes)
        }
        let expected = HMAC<SHA256>.authenticationCode(
            for: Array("bsn:v1:There".utf8), using: SymmetricKey(data: [UInt8](repeating: 0x0b, count: 20)))
        #expect(pseudonym.description == TableValidator.hex(expected))
        // RFC 4231 test case 1 itself, through the same path.
        let rfc = HMAC<SHA256>.authenticationCode(
            for: Array("Hi There".utf8), using: SymmetricKey(data: [UInt8](repeating: 0x0b, count: 20)))
        #expect(TableValidator.hex(rfc) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    @Test func labelsSeparateDomainsAndKeysSeparateProjects() {
        let first = Pseudonymizer(key: PseudonymKey(bytes: [UInt8](repeating: 1, count: 32), isSample: false))
        let second = Pseudonymizer(key: PseudonymKey(bytes: [UInt8](repeating: 2, count: 32), isSample: false))
        #expect(first.pseudonym(.bsn, "111222333") == first.pseudonym(.bsn, "111222333"))
        #expect(first.pseudonym(.bsn, "111222333") != first.pseudonym(.onderwijsnummer, "111222333"))
        #expect(first.pseudonym(.bsn, "111222333") != second.pseudonym(.bsn, "111222333"))
        #expect(first.pseudonym(.bsn, "111222333").description.count == 64)
    }

    @Test func keyFilesAreCheckedForPresenceModeAndLength() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/project.key"
        try PseudonymKey.create(at: path)
        var info = stat()
        stat(path, &info)
        #expect(info.st_mode & 0o777 == 0o600)
        let key = try PseudonymKey.load(path: path)
        #expect(key.fingerprint.count == 64 && !key.isSample)
        #expect(throws: WijkbeeldError.self) { try PseudonymKey.create(at: path) }

        func code(_ body: () throws -> Void) -> WijkbeeldError.Code? {
            do { try body() } catch let error as WijkbeeldError { return error.code } catch { return nil }
            return nil
        }
        chmod(path, 0o644)
        #expect(code { _ = try PseudonymKey.load(path: path) } == .configuration)
        let short = try folder.write("short.key", Array("abcd\n".utf8))
        chmod(short, 0o600)
        #expect(code { _ = try PseudonymKey.load(path: short) } == .configuration)
        #expect(code { _ = try PseudonymKey.load(path: folder.path + "/missing.key") } == .configuration)
        #expect(code { _ = try PseudonymKey.resolve(keyFile: nil, input: folder.path) } == .configuration)
        #expect(WijkbeeldError.Code.configuration.exitCode == 78)
    }

    /// Only a key derived from its stated seed is a sample key; a real key readable by others is refused
    /// whatever its file is called (issue 17, case 7).
    @Test func aSampleKeyIsKnownByItsContentNotItsName() throws {
        let folder = try TemporaryFolder()
        let real = folder.path + "/copy-of-" + PseudonymKey.sampleFileName
        try PseudonymKey.create(at: real)
        chmod(real, 0o644)
        #expect(throws: WijkbeeldError.self) { _ = try PseudonymKey.load(path: real, allowSample: true) }
        #expect(throws: WijkbeeldError.self) { _ = try PseudonymKey.resolve(keyFile: real, input: folder.path) }

        let sample = try folder.write("any-name.hex", Array(PseudonymKey.sampleKeyFile(seed: 42).utf8))
        chmod(sample, 0o644)
        #expect(try PseudonymKey.load(path: sample, allowSample: true).isSample)
        #expect(throws: WijkbeeldError.self) { _ = try PseudonymKey.load(path: sample) }

        // A real key with a seed line it does not come from is neither.
        let text = try String(contentsOfFile: real, encoding: .utf8)
        let forged = try folder.write("forged.hex", Array((text + "seed 42\n").utf8))
        chmod(forged, 0o644)
        #expect(throws: WijkbeeldError.self) { _ = try PseudonymKey.load(path: forged, allowSample: true) }
    }
    /// Python's `hmac` module, an independent implementation, gives the same pseudonyms.
    @Test func pseudonymsAgreeWithPythonHMAC() throws {
        var random = SplitMix64(seed: 8)
        let bytes = (0..<32).map { _ in UInt8(random.int(in: 0...255)) }
        let pseudonymizer = Pseudonymizer(key: PseudonymKey(bytes: bytes, isSample: false))
        let identifiers = (0..<50).map { _ in String(random.int(in: 0...999_999_999)).leftPadded(to: 9) }
        let script = """
            import hmac, hashlib, sys
            key = bytes.fromhex(sys.argv[1])
            for ident in sys.argv[2:]:
                print(hmac.new(key, ("bsn:v1:" + ident).encode(), hashlib.sha256).hexdigest())
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, TableValidator.hex(bytes)] + identifiers
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let expected = text.split(separator: "\n").map(String.init)
        #expect(expected == identifiers.map { pseudonymizer.pseudonym(.bsn, $0).description })
    }
}
