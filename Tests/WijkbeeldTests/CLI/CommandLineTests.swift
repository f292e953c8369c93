import Foundation
import Testing

/// Runs the built `wijkbeeld` binary as a user would and checks exit codes and messages.
@Suite struct CommandLineTests {
    static let binary: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/wijkbeeld").path
    }()

    private func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test func badSynthArgumentsAreUsageErrorsWithoutAStackTrace() throws {
        let folder = try TemporaryFolder()
        for arguments in [
            ["synth", "--seed", "1", "--scale", "planet", "--out", folder.path + "/a"],
            ["synth", "--seed", "-1", "--scale", "district", "--out", folder.path + "/a"],
            ["synth", "--seed", "abc", "--scale", "district", "--out", folder.path + "/a"],
            ["synth", "--seed", "1", "--scale", "district", "--out", folder.path + "/a", "--dirt", "nonsense=0.1"],
        ] {
            let result = try run(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.error.contains("Error") || result.error.contains("wijkbeeld:"))
            #expect(!result.error.contains("Stack dump") && !result.error.contains("Fatal error"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/a"))
    }

    @Test func aNonEmptyOutputFolderIsRefusedWithExit73() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("out/file.txt", Array("keep".utf8))
        let result = try run(["synth", "--seed", "1", "--scale", "district", "--out", folder.path + "/out"])
        #expect(result.status == 73)
        #expect(result.error.split(separator: "\n").count == 1)
        #expect(result.error.contains("--force"))
    }

    @Test func validateExitsZeroOnGoodInputAnd65OnAFailedFile() throws {
        let folder = try TemporaryFolder()
        let good = try run([
            "synth", "--seed", "2", "--scale", "district", "--persons", "800", "--out", folder.path + "/d",
        ])
        #expect(good.status == 0)
        let valid = try run(["validate", folder.path + "/d"])
        #expect(valid.status == 0, "\(valid.output)")
        #expect(valid.output.contains("rows read ="))
        let json = try run(["validate", "--json", folder.path + "/d"])
        let decoded = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(decoded?["valid"] as? Bool == true)
        let organisations = folder.path + "/d/care/organisations.csv"
        try "organisation_id;organisation_name;organisation_type;agb_code;kvk_nummer\nORG1;X;NOT_A_TYPE;;\n".write(
            toFile: organisations, atomically: true, encoding: .utf8)
        let invalid = try run(["validate", folder.path + "/d"])
        #expect(invalid.status == 65)
        #expect(invalid.output.contains("care/organisations.csv:2:3: constraint-error"))
        let missing = try run(["validate", folder.path + "/nowhere"])
        #expect(missing.status == 66)
    }

    @Test func transformRefusesToRunWithoutAUsableKey() throws {
        let folder = try TemporaryFolder()
        _ = try run(["synth", "--seed", "3", "--scale", "district", "--persons", "600", "--out", folder.path + "/d"])
        let sample = try run(["transform", "--input", folder.path + "/d"])
        #expect(sample.status == 0, "\(sample.error)")
        #expect(sample.output.contains("VOORBEELDSLEUTEL"))
        try FileManager.default.removeItem(atPath: folder.path + "/d/SAMPLE-KEY-NOT-FOR-REAL-DATA.hex")
        let missing = try run(["transform", "--input", folder.path + "/d"])
        #expect(missing.status == 78)
        #expect(missing.error.contains("key new"))
        let key = try folder.write("open.key", Array(String(repeating: "ab", count: 32).utf8))
        chmod(key, 0o644)
        let open = try run(["transform", "--input", folder.path + "/d", "--key", key])
        #expect(open.status == 78)
        #expect(open.error.contains("chmod 600"))
        let created = try run(["key", "new", folder.path + "/project.key"])
        #expect(created.status == 0)
        let fine = try run([
            "transform", "--input", folder.path + "/d", "--key", folder.path + "/project.key",
            "--area", "wijk=BU0855ZZ01,BU0855ZZ02",
        ])
        #expect(fine.status == 0, "\(fine.error)")
        #expect(!fine.output.contains("VOORBEELDSLEUTEL"))
        let badArea = try run(["transform", "--input", folder.path + "/d", "--area", "x=Tilburg"])
        #expect(badArea.status == 64)
    }

    /// Fails closed: a broken input file (a stray quote leaves the rest of the file unreadable) publishes
    /// nothing, from `report` and `indicators` alike, and the previous report set stays as it was.
    @Test func aFailedInputPublishesNothingAndKeepsThePreviousSet() throws {
        let folder = try TemporaryFolder()
        let data = folder.path + "/d"
        #expect(
            try run(["synth", "--seed", "4", "--scale", "district", "--persons", "800", "--out", data]).status == 0)
        let out = folder.path + "/out"
        let first = try run(["report", "--input", data, "--out", out, "--history", "0"])
        #expect(first.status == 0, "\(first.error)")
        let before = try TestData.hashes(out)
        let persons = data + "/cbs/GBAPERSOON2023TABV1.csv"
        var lines = try String(contentsOfFile: persons, encoding: .utf8).components(separatedBy: "\n")
        lines[40] = "\"" + lines[40]
        try lines.joined(separator: "\n").write(toFile: persons, atomically: true, encoding: .utf8)
        let failed = try run(["report", "--input", data, "--out", out, "--history", "0"])
        #expect(failed.status == 65, "\(failed.error)")
        #expect(failed.error.contains("GBAPERSOON2023TABV1.csv"))
        #expect(try TestData.hashes(out) == before)
        let indicators = try run(["indicators", "--input", data, "--out", folder.path + "/ind"])
        #expect(indicators.status == 65)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/ind"))
        let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(siblings == ["d", "out"], "no staging folder is left behind: \(siblings)")
    }

    /// `--out` replaces only what wijkbeeld wrote: a report set with a file someone added, or a file someone
    /// edited, is refused (exit 73) and left as it is.
    @Test func anOutputFolderWithForeignOrEditedFilesIsNeverReplaced() throws {
        let folder = try TemporaryFolder()
        let data = folder.path + "/d"
        #expect(
            try run(["synth", "--seed", "5", "--scale", "district", "--persons", "800", "--out", data]).status == 0)
        let out = folder.path + "/out"
        #expect(try run(["report", "--input", data, "--out", out, "--history", "0"]).status == 0)
        #expect(try run(["report", "--input", data, "--out", out, "--history", "0"]).status == 0)
        try "my notes".write(toFile: out + "/notities.txt", atomically: true, encoding: .utf8)
        let foreign = try run(["report", "--input", data, "--out", out, "--history", "0"])
        #expect(foreign.status == 73)
        #expect(foreign.error.contains("notities.txt"))
        #expect(FileManager.default.fileExists(atPath: out + "/notities.txt"))
        try FileManager.default.removeItem(atPath: out + "/notities.txt")
        try "edited".write(toFile: out + "/rapport.md", atomically: true, encoding: .utf8)
        let edited = try run(["report", "--input", data, "--out", out, "--history", "0"])
        #expect(edited.status == 73)
        #expect(try String(contentsOfFile: out + "/rapport.md", encoding: .utf8) == "edited")
        // Marker look-alikes do not count: a folder with a manifest that does not list the user's file.
        let other = folder.path + "/other"
        _ = try folder.write("other/manifest.json", Array("{\"outputs\": []}".utf8))
        _ = try folder.write("other/index.js", Array("keep".utf8))
        #expect(try run(["report", "--input", data, "--out", other, "--history", "0"]).status == 73)
        #expect(FileManager.default.fileExists(atPath: other + "/index.js"))
    }

    /// Private files (checker, release log) are 0600 and never inside the published folder; when one cannot
    /// be written, the public tables are not written either.
    @Test func privateFilesAreOwnerOnlyOutsideThePublishedFolderAndWrittenFirst() throws {
        let folder = try TemporaryFolder()
        let data = folder.path + "/d"
        #expect(
            try run(["synth", "--seed", "6", "--scale", "district", "--persons", "800", "--out", data]).status == 0)
        let out = folder.path + "/out"
        let inside = try run(["indicators", "--input", data, "--out", out, "--checker", out + "/checker.csv"])
        #expect(inside.status == 78, "\(inside.error)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let logInside = try run([
            "indicators", "--input", data, "--out", out, "--release-log", folder.path + "/out/../out/log.csv",
        ])
        #expect(logInside.status == 78)
        let unwritable = try run(["indicators", "--input", data, "--out", out, "--checker", "/proc/no/checker.csv"])
        #expect(unwritable.status == 73)
        #expect(!FileManager.default.fileExists(atPath: out), "no public table when the checker cannot be written")
        let checker = folder.path + "/checker.csv"
        let log = folder.path + "/release.csv"
        let good = try run(["indicators", "--input", data, "--out", out, "--checker", checker, "--release-log", log])
        #expect(good.status == 0, "\(good.error)")
        for path in [checker, log] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(path)")
        }
    }

    /// Refusals name the real cause: an empty input folder is no input (66), a missing one is not a missing
    /// key, and an unknown district is a usage error rather than an empty report.
    @Test func refusalsNameTheRealCause() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/empty", withIntermediateDirectories: true)
        let key = folder.path + "/project.key"
        #expect(try run(["key", "new", key]).status == 0)
        let validate = try run(["validate", folder.path + "/empty"])
        #expect(validate.status == 66, "\(validate.error)")
        let transform = try run(["transform", "--input", folder.path + "/empty", "--key", key])
        #expect(transform.status == 66, "\(transform.error)")
        #expect(try run(["validate", folder.path + "/empty"]).error.contains("no input file"))
        let missing = try run(["indicators", "--input", folder.path + "/nowhere", "--out", folder.path + "/o"])
        #expect(missing.status == 66, "\(missing.error)")
        #expect(missing.error.contains("does not exist") && !missing.error.lowercased().contains("key"))
        let data = folder.path + "/d"
        #expect(
            try run(["synth", "--seed", "8", "--scale", "district", "--persons", "800", "--out", data]).status == 0)
        let unknown = try run(["report", "--input", data, "--out", folder.path + "/r", "--district", "atlantis"])
        #expect(unknown.status == 64, "\(unknown.error)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/r"))
    }
}
