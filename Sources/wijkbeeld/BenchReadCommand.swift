import ArgumentParser
import Foundation
import Wijkbeeld

/// `make bench` only: times one streaming aggregation over a GBAPERSOONTAB-shaped file.
struct BenchReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-read", abstract: "Benchmark: scan a GBAPERSOONTAB file (used by make bench).",
        shouldDisplay: false)

    @Argument(help: "A GBAPERSOONTAB-shaped CSV file.")
    var file: String

    @Option(help: "Read the file in this many parts on as many threads.")
    var parts = 1

    func run() throws {
        let started = DispatchTime.now().uptimeNanoseconds
        let result = try runReportingErrors { try PersonTableScan.run(path: file, parts: parts) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        for (code, value) in result.bySex.sorted(by: { $0.key < $1.key }) {
            print("sex=\(code) persons=\(value.count) birth_year_sum=\(value.birthYears)")
        }
        let megabytes = Double(result.bytes) / 1e6
        print(
            String(
                format: "wijkbeeld (%d part(s)): %d rows, %.0f MB in %.2f s = %.0f MB/s", result.parts, result.rows,
                megabytes, seconds, megabytes / seconds))
    }
}
