import Foundation

/// `run.json` (operations.md B7): who ran what, on which period, how it ended and what each step did.
public struct RunRecord: Sendable {
    public var runID: String
    public var period: String
    public var status: String
    public var exitCode: Int32
    public var commit: String
    public var arguments: [String]
    public var started: Date
    public var cacheKey: String
    public var previousRunID: String?
    public var events: [[String: String]]

    public func json() throws -> [UInt8] {
        let formatter = ISO8601DateFormatter()
        let object: [String: Any] = [
            "metadata": [
                "tool": "wijkbeeld", "version": Wijkbeeld.version, "git_commit": commit, "schema_version": "1",
                "run_id": runID, "generated_at": formatter.string(from: started),
            ],
            "args": arguments, "period": period, "status": status, "exit_code": Int(exitCode),
            "elapsed_ms": Int(Date().timeIntervalSince(started) * 1000), "cache_key": cacheKey,
            "previous_run_id": previousRunID ?? NSNull(),
            "results": events.map { event in
                [
                    "step": event["event"] ?? "", "status": event["level"] == "error" ? "error" : "success",
                    "started_at": event["ts"] ?? "", "duration_ms": Int(event["duration_ms"] ?? "") ?? 0,
                    "rows_in": Int(event["rows"] ?? "") as Any? ?? NSNull(),
                    "rows_accepted": Int(event["rows_accepted"] ?? "") as Any? ?? NSNull(),
                    "rows_rejected": Int(event["rows_rejected"] ?? "") as Any? ?? NSNull(),
                    "message": event["message"] ?? "",
                ] as [String: Any]
            },
        ]
        do {
            return Array(try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]))
                + [10]
        } catch {
            throw WijkbeeldError(.internal, "cannot encode run.json", cause: "\(error)")
        }
    }
}
