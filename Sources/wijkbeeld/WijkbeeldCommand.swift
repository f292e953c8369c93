import ArgumentParser
import Wijkbeeld

#if canImport(Glibc)
    import Glibc
#endif

@main
struct WijkbeeldCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wijkbeeld",
        abstract: "Disclosure-safe neighbourhood wellbeing reports from CBS-style microdata and school records.",
        discussion: """
            Exit codes: 0 ok, 2 internal error, 64 usage, 65 data error, 66 missing input,
            73 cannot write, 75 temporarily unavailable, 78 configuration error.
            """,
        version: Wijkbeeld.version,
        subcommands: [
            SynthCommand.self, ValidateCommand.self, TransformCommand.self, IndicatorsCommand.self, ReportCommand.self,
            RunCommand.self, RefreshCommand.self, NationalCommand.self, LinkCommand.self,
            KeyCommand.self,
            SchemaCommand.self, BenchReadCommand.self,
        ]
    )
}

/// Runs a library call and turns a `WijkbeeldError` into one line on stderr and its exit code.
func runReportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as WijkbeeldError {
        printError("wijkbeeld: \(error)")
        throw ExitCode(error.code.exitCode)
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        // Anything else is a bug: exit 2 (internal error), never 1, which `refresh` and `run` use for
        // "published, with cells held back by R9".
        printError("wijkbeeld: internal error: \(error); please report it")
        throw ExitCode(2)
    }
}

func printError(_ text: String) {
    let line = Array((text + "\n").utf8)
    _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}
