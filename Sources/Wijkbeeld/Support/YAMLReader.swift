import Yams

/// Strict, typed access to the nodes of one YAML file (run configuration, link specification).
///
/// Every error is `.configuration` and names the file, line and column of the offending node: a key the
/// mapping does not know, a key given twice, a value of the wrong type, a number out of range, an empty
/// list where one item is needed. Booleans are only the plain scalars `true` and `false`; numbers are
/// plain scalars too, so a quoted `"5"` is text, not a number.
struct YAMLReader: Sendable {
    /// The file the text came from, as it appears in messages.
    var file: String

    /// The YAML document's root node.
    /// - Parameter empty: what to say, and do, when the document holds nothing.
    /// - Throws: `.configuration` when the text is empty, not YAML, or a mapping gives a key twice.
    func compose(_ text: String, _ empty: String) throws -> Node {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw describe(error)
        } catch {
            throw WijkbeeldError(.configuration, "\(file): not valid YAML", cause: "\(error)")
        }
        guard let root else { throw WijkbeeldError(.configuration, "\(file): \(empty)") }
        return root
    }

    /// A Yams error as a message at its line and column.
    private func describe(_ error: YamlError) -> WijkbeeldError {
        func located(_ mark: Mark?, _ message: String) -> WijkbeeldError {
            WijkbeeldError(
                .configuration, message,
                location: SourceLocation(path: file, line: mark?.line, column: mark?.column))
        }
        switch error {
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            return located(context.mark, "\(names) is given twice in one mapping; keep one")
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return located(mark, "not valid YAML: \(problem)")
        default:
            return located(nil, "not valid YAML: \(error)")
        }
    }

    /// A `.configuration` error at the node's line and column.
    func error(_ node: Node, _ message: String) -> WijkbeeldError {
        WijkbeeldError(
            .configuration, message,
            location: SourceLocation(path: file, line: node.mark?.line, column: node.mark?.column))
    }

    /// The node's text: any non-empty scalar (a number or `true` is text here too).
    func string(_ node: Node, _ name: String) throws -> String {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty, !isNull(scalar) else {
            throw error(node, "\(name) must be text")
        }
        return scalar.string
    }

    /// The node as a boolean: only the plain scalars `true` and `false`.
    func bool(_ node: Node, _ name: String) throws -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any {
            switch scalar.string {
            case "true": return true
            case "false": return false
            default: break
            }
        }
        throw error(node, "\(name) must be true or false (unquoted), not \(shown(node))")
    }

    /// The node as a whole number (a plain scalar of digits with an optional sign), in `range` if given.
    func int(_ node: Node, _ name: String, _ range: ClosedRange<Int>? = nil) throws -> Int {
        guard let text = plain(node), let value = Int(text), range?.contains(value) ?? true else {
            let wanted = range.map { " from \($0.lowerBound) to \($0.upperBound)" } ?? ""
            throw error(node, "\(name) must be a whole number\(wanted), not \(shown(node))")
        }
        return value
    }

    /// The node as a finite number (a plain scalar), strictly above `lower` and below `upper` when given.
    func double(_ node: Node, _ name: String, above lower: Double? = nil, below upper: Double? = nil) throws -> Double {
        guard let text = plain(node), let value = Double(text), value.isFinite,
            lower.map({ value > $0 }) ?? true, upper.map({ value < $0 }) ?? true
        else {
            var wanted = ""
            if let lower, let upper {
                wanted = " between \(lower) and \(upper) (both excluded)"
            } else if let lower {
                wanted = " above \(lower)"
            } else if let upper {
                wanted = " below \(upper)"
            }
            throw error(node, "\(name) must be a number\(wanted), not \(shown(node))")
        }
        return value
    }

    /// The node's items; with `nonEmpty`, a list without items is an error.
    func sequence(_ node: Node, _ name: String, nonEmpty: Bool = false) throws -> [Node] {
        guard case .sequence(let items) = node else { throw error(node, "\(name) must be a list") }
        guard !nonEmpty || !items.isEmpty else { throw error(node, "\(name) must list at least one item") }
        return Array(items)
    }

    /// The node's key–value pairs.
    func mapping(_ node: Node, _ name: String) throws -> Node.Mapping {
        guard case .mapping(let mapping) = node else { throw error(node, "\(name) must be a mapping (key: value)") }
        return mapping
    }

    /// The node's key–value pairs, every key one of `known`.
    /// - Throws: `.configuration` at the first unknown key, listing the known ones.
    func mapping(_ node: Node, _ name: String, known: Set<String>) throws -> Node.Mapping {
        let mapping = try mapping(node, name)
        for key in mapping.keys {
            guard case .scalar(let scalar) = key, known.contains(scalar.string) else {
                throw error(
                    key, "unknown setting \(shown(key)) in \(name); known: \(known.sorted().joined(separator: ", "))")
            }
        }
        return mapping
    }

    /// The text of a plain (unquoted) scalar, or nil.
    private func plain(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return nil }
        return scalar.string
    }

    /// Whether the scalar is YAML's null: an unquoted `~`, `null` or nothing.
    private func isNull(_ scalar: Node.Scalar) -> Bool {
        (scalar.style == .plain || scalar.style == .any) && ["~", "null", "Null", "NULL", ""].contains(scalar.string)
    }

    /// The node as the message shows it: a scalar quoted as written, else its kind.
    private func shown(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if scalar.string.isEmpty { return "nothing" }
            return scalar.style == .plain || scalar.style == .any
                ? "\"\(scalar.string)\"" : "the text \"\(scalar.string)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
