import Foundation

extension TableSchema {
    /// The schema as a Frictionless Table Schema (v1) object, so researchers can cross-check inputs with
    /// `frictionless validate`. Wildcard columns (`gem*`) become one field per year in real files and are
    /// listed with their prefix only.
    public var frictionless: [String: Any] {
        var object: [String: Any] = [
            "name": name,
            "fields": fields.map(\.frictionless),
            "missingValues": missingValues.sorted(),
            "x-wijkbeeld-policy": policy.rawValue,
            "x-wijkbeeld-file-name-pattern": fileNamePattern,
        ]
        if !primaryKey.isEmpty { object["primaryKey"] = primaryKey }
        if !foreignKeys.isEmpty {
            object["foreignKeys"] = foreignKeys.map {
                ["fields": $0.fields, "reference": ["resource": $0.table, "fields": $0.referenceFields]]
            }
        }
        return object
    }
}

extension FieldSchema {
    var frictionless: [String: Any] {
        var field: [String: Any] = ["name": name]
        var constraints: [String: Any] = [:]
        switch kind {
        case .code, .text: field["type"] = "string"
        case .integer: field["type"] = "integer"
        case .decimal:
            field["type"] = "number"
            field["decimalChar"] = ","
        case .date(let format):
            field["type"] = "date"
            field["format"] = format.rawValue
        }
        if required { constraints["required"] = true }
        if let codes, unknownCode == .reject { constraints["enum"] = codes.sorted() }
        if let range {
            constraints["minimum"] = range.lowerBound
            constraints["maximum"] = range.upperBound
        }
        if let length {
            constraints["minLength"] = length.lowerBound
            constraints["maxLength"] = length.upperBound
        }
        if digitsOnly { constraints["pattern"] = "^[0-9]*$" }
        if !constraints.isEmpty { field["constraints"] = constraints }
        if isIdentifier { field["x-wijkbeeld-identifier"] = true }
        if let check = numberCheck?.check {
            field["x-wijkbeeld-check"] = check == .bsn ? "bsn-11-proof" : "onderwijsnummer"
        }
        if !sentinels.isEmpty { field["x-wijkbeeld-sentinels"] = sentinels.sorted() }
        return field
    }
}
