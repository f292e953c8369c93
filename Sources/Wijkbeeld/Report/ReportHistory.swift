/// Earlier periods' published cells, for sparklines.
public struct ReportHistory: Sendable {
    public var period: String
    public var cells: [PublishedCell]

    public init(period: String, cells: [PublishedCell]) {
        self.period = period
        self.cells = cells
    }
}
