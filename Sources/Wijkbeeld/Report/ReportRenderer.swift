import Mustache

/// Renders a `ReportDocument` as the self-contained HTML page and its Markdown twin.
public enum ReportRenderer {
    /// Escapes what Markdown would read as markup, so a value from data stays text on its own line: a line
    /// break in a school or area name would otherwise start a heading, a list item or a new table row.
    struct MarkdownContentType: MustacheContentType {
        func escapeText(_ text: String) -> String {
            var escaped = ""
            for character in text {
                if character.isNewline {
                    escaped.append(" ")
                    continue
                }
                if "\\|<>*_[]`#~".contains(character) { escaped.append("\\") }
                escaped.append(character)
            }
            return escaped
        }
    }

    private static let registration: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    }()

    static func library(_ page: String, table: String, figure: String) throws -> MustacheLibrary {
        _ = registration
        var library = MustacheLibrary()
        do {
            try library.register(page, named: "page")
            try library.register(table, named: "table")
            try library.register(figure, named: "figure")
        } catch {
            throw WijkbeeldError(.internal, "a report template does not parse", cause: "\(error)")
        }
        return library
    }

    public static func html(_ document: ReportDocument) throws -> String {
        let library = try library(ReportTemplates.html, table: ReportTemplates.table, figure: ReportTemplates.figure)
        guard let text = library.render(document, withTemplate: "page") else {
            throw WijkbeeldError(.internal, "the HTML report template is missing")
        }
        return text
    }

    public static func markdown(_ document: ReportDocument) throws -> String {
        let library = try library(
            ReportTemplates.markdown, table: "{{% CONTENT_TYPE: MARKDOWN}}" + ReportTemplates.markdownTable,
            figure: "{{% CONTENT_TYPE: MARKDOWN}}" + ReportTemplates.markdownFigure)
        guard let text = library.render(document, withTemplate: "page") else {
            throw WijkbeeldError(.internal, "the Markdown report template is missing")
        }
        return text
    }
}
