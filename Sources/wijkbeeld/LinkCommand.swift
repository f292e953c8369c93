import ArgumentParser
import Foundation
import Wijkbeeld

struct LinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Link the records of two CSV files probabilistically (Fellegi–Sunter), as a specification says.",
        discussion: "The specification format is in the README, section Linkage, with a full example.")

    @Argument(help: "The left CSV file.")
    var left: String

    @Argument(help: "The right CSV file.")
    var right: String

    @Option(help: "The link specification (YAML).")
    var spec: String

    @Option(help: "Where to write the links (CSV).")
    var out: String

    @Option(
        help: ArgumentHelp(
            "True pairs (CSV: the left key, then the right key): print precision, recall and F1; "
                + "exit 65 when no pair names a key of each file."))
    var truth: String?

    @Flag(help: "Print the fitted model: m, u and the weight in bits of each comparison's levels.")
    var model = false

    func run() throws {
        try runReportingErrors {
            let specification = try LinkSpecification.load(spec)
            let linker = try RecordLinker(
                specification: specification, left: try RecordLinker.Table.read(left),
                right: try RecordLinker.Table.read(right))
            try linker.checkKeys()
            // A truth file is checked before the work, so a wrong one fails fast.
            let pairs = try truth.map { try linker.truthPairs(try RecordLinker.Table.read($0)) }
            let result = try linker.run()
            try AtomicFile.write(try linker.csv(result), to: out)
            printError(
                "link: \(result.candidatePairs) candidate pairs, \(result.links.count) links (m from \(result.training), "
                    + "λ = \(String(format: "%.4f", result.lambda))); wrote \(out)")
            if model {
                for (k, comparison) in specification.comparisons.enumerated() {
                    let levels = result.m[k].indices.map { level in
                        String(
                            format: "%d: m %.4f u %.5f %+.1f bits", level, result.m[k][level], result.u[k][level],
                            log2(result.m[k][level] / result.u[k][level]))
                    }
                    print("\(comparison.name): " + levels.joined(separator: "; "))
                }
                for (members, bits) in result.dependence {
                    let names = members.map { specification.comparisons[$0].name }.joined(separator: " + ")
                    print(String(format: "agreeing on %@ (left pairs): %+.1f bits", names, bits))
                }
            }
            if let pairs {
                let score = try linker.evaluate(result, truth: pairs)
                print(
                    String(
                        format: "precision %.4f recall %.4f F1 %.4f (%d true pairs)", score.precision, score.recall,
                        score.f1, pairs.count))
            }
        }
    }
}
