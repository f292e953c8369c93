/// The content of one report, laid out once for both formats: the HTML page and its Markdown twin
/// render exactly these texts, so their numbers cannot disagree (reports.md R14).
///
/// Every property is stored: the templates read them by name.
public struct ReportDocument: Sendable {
    /// A table as both formats show it: a caption, column headers, rows with a header cell, and a legend
    /// for exactly the symbols it uses (reports.md R5, R6).
    public struct Table: Sendable {
        public struct Column: Sendable {
            public var label: String
            /// Headers of number columns are right-aligned like their numbers.
            public var numeric: Bool
        }

        public struct Cell: Sendable {
            public var text: String
            /// Numbers are right-aligned with tabular figures.
            public var numeric: Bool
        }

        public struct Row: Sendable {
            public var header: String
            public var cells: [Cell]
        }

        public var id: String
        /// "Tabel" or "Table": the Markdown twin's word before the caption.
        public var tableLabel: String
        public var caption: String
        /// The header of the row-header column.
        public var corner: String
        public var columns: [Column]
        public var rows: [Row]
        public var legend: String
        public var hasLegend: Bool
        /// `---:` per column, for the Markdown twin's alignment row.
        public var markdownAlignment: String
    }

    /// A chart: inline SVG with its title and description, and the same values in a table (R2).
    public struct Figure: Sendable {
        public var id: String
        /// "Figuur" or "Figure": the Markdown twin's word before the title.
        public var figureLabel: String
        public var title: String
        public var description: String
        /// Built by `ReportCharts`, which escapes every text it places; inserted unescaped.
        public var svg: String
        public var table: Table
    }

    /// A comparison in words and a symbol, never by colour alone (R4).
    public struct Comparison: Sendable {
        public var symbol: String
        public var hasSymbol: Bool
        public var text: String
        /// `hoger`, `lager` or `gelijk`: a CSS class for the symbol's colour, which only repeats the words.
        public var direction: String
    }

    /// A KPI card (R3): the district's value, comparisons, and a sparkline of earlier periods.
    public struct Card: Sendable {
        public var id: String
        public var label: String
        public var value: String
        public var note: String
        public var comparisons: [Comparison]
        public var hasSparkline: Bool
        public var sparkline: String
        /// The sparkline's values as text, for readers who cannot see it.
        public var history: String
        public var hasHistory: Bool
        /// What the value and the history show per period: for the legend of symbols.
        public var shownTexts: [String]
    }

    public struct Section: Sendable {
        public var id: String
        public var title: String
    }

    public struct Fact: Sendable {
        public var name: String
        public var value: String
    }

    public var language: String
    public var isDutch: Bool
    public var title: String
    public var subtitle: String
    public var isSample: Bool
    public var versionNote: String
    public var hasVersionNote: Bool
    public var sampleNotice: String
    public var contentsLabel: String
    public var sections: [Section]

    public var summaryTitle: String
    public var summaryIntro: String
    public var cardsTitle: String
    public var cards: [Card]
    public var cardLegend: String
    public var hasCardLegend: Bool
    public var highlightsTitle: String
    public var highlights: [String]

    public var areasTitle: String
    public var areasIntro: String
    public var areaTable: Table

    public var familiesTitle: String
    public var familiesIntro: String
    public var familyTable: Table
    public var islands: Figure

    public var signalTitle: String
    public var signalIntro: String
    public var signal: Figure
    public var signalSchoolTable: Table

    public var schoolTitle: String
    public var schoolIntro: String
    public var schoolTables: [Table]

    public var methodsTitle: String
    public var methods: [Fact]
    public var definitionTable: Table
    public var suppressionTable: Table
    public var linkageTable: Table

    public var provenanceTitle: String
    public var provenance: [Fact]
    public var inputTable: Table
    public var manifestLabel: String
    public var footer: String
}
