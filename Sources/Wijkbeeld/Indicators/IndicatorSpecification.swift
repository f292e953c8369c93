import Foundation

/// Reads researcher-defined indicators from text, so new indicators need no recompiling.
///
/// One indicator per line: `ID; Dutch label; numerator; denominator`, where numerator and denominator
/// are filters over the children of C(t, A) (the numerator applies within the denominator):
///
///     IND90; Kinderen in bijstandsgezin met jeugdhulp; has bijstandsgezin and has jeugdhulp; all
///     IND91; Laag inkomen, eenouder; inharmlag between 0 100; typhh in 6
///
/// A filter is `all`, or conditions joined by `and`: `FIELD between LOW HIGH`, `FIELD in A,B,…`,
/// `FIELD not in A,B,…`, `has FACT`. Fields: the export columns of `PersonFilter.Field`; facts: those of
/// `AnalysisTables.ChildFact`. Lines starting with `#` and blank lines are ignored.
public enum IndicatorSpecification {
    /// - Throws: `.configuration` naming the file, line and what is wrong.
    public static func parse(_ text: String, file: String) throws -> [IndicatorDefinition] {
        var definitions: [IndicatorDefinition] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let location = SourceLocation(path: file, line: offset + 1)
            let parts = line.split(separator: ";", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 4, !parts[0].isEmpty else {
                throw WijkbeeldError(
                    .configuration, "expected `ID; label; numerator; denominator`", location: location)
            }
            guard !definitions.contains(where: { $0.id == parts[0] }),
                !IndicatorCatalogue.built.contains(where: { $0.id == parts[0] })
            else {
                throw WijkbeeldError(.configuration, "indicator id \(parts[0]) is already used", location: location)
            }
            definitions.append(
                IndicatorDefinition(
                    id: parts[0], labelNL: parts[1], labelEN: parts[1], unit: "kind", disclosureClass: .household,
                    sources: ["onderzoeker"], denominator: try filter(parts[3], location),
                    numerator: try filter(parts[2], location)))
        }
        return definitions
    }

    static func filter(_ text: String, _ location: SourceLocation) throws -> PersonFilter {
        if text == "all" { return PersonFilter([]) }
        let conditions = try text.components(separatedBy: " and ").map { clause -> PersonFilter.Condition in
            let words = clause.split(separator: " ").map(String.init)
            if words.count == 2 && words[0] == "has" {
                guard let fact = AnalysisTables.ChildFact(rawValue: words[1]) else {
                    throw WijkbeeldError(
                        .configuration,
                        "unknown fact '\(words[1])'; known: "
                            + AnalysisTables.ChildFact.allCases.map(\.rawValue).joined(separator: ", "),
                        location: location)
                }
                return .has(fact)
            }
            guard let name = words.first, let field = PersonFilter.Field(rawValue: name) else {
                throw WijkbeeldError(
                    .configuration,
                    "unknown column '\(words.first ?? "")'; known: "
                        + PersonFilter.Field.allCases.map(\.rawValue).joined(separator: ", "),
                    location: location)
            }
            func numbers(_ text: String) throws -> Set<Int> {
                let values = text.split(separator: ",").compactMap { Int($0) }
                guard !values.isEmpty, values.count == text.split(separator: ",").count else {
                    throw WijkbeeldError(.configuration, "'\(text)' is not a list of whole numbers", location: location)
                }
                return Set(values)
            }
            switch Array(words.dropFirst()) {
            case let rest where rest.count == 3 && rest[0] == "between":
                guard let low = Int(rest[1]), let high = Int(rest[2]), low <= high else {
                    throw WijkbeeldError(
                        .configuration, "`between` needs two whole numbers, low first", location: location)
                }
                return .between(field, low, high)
            case let rest where rest.count == 2 && rest[0] == "in":
                return .oneOf(field, try numbers(rest[1]))
            case let rest where rest.count == 3 && rest[0] == "not" && rest[1] == "in":
                return .notOneOf(field, try numbers(rest[2]))
            default:
                throw WijkbeeldError(
                    .configuration, "cannot read '\(clause)': use between, in, not in or has", location: location)
            }
        }
        return PersonFilter(conditions)
    }
}
