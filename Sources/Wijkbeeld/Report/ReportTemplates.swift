/// The Mustache templates of the report. `{{x}}` escapes (HTML in the page, Markdown in the twin);
/// only the SVG charts, which `ReportCharts` builds and escapes itself, are inserted with `{{{x}}}`.
enum ReportTemplates {
    static let style = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: \(ReportPalette.background); color: \(ReportPalette.text);
          font-family: "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif; font-size: 1rem; line-height: 1.5; }
        .skip { position: absolute; left: -999px; top: 0; background: \(ReportPalette.background); padding: .5rem; }
        .skip:focus { left: .5rem; }
        header, main, footer, nav { max-width: 62rem; margin: 0 auto; padding: 0 1.25rem; }
        header { padding-top: 1.5rem; border-bottom: 3px solid \(ReportPalette.district); }
        h1 { font-size: 1.9rem; margin: 0 0 .25rem; color: \(ReportPalette.district); }
        h2 { font-size: 1.45rem; margin: 2.5rem 0 .5rem; padding-top: .5rem; border-top: 1px solid \(ReportPalette.border); }
        h3 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; }
        .subtitle { margin: 0 0 1rem; color: \(ReportPalette.muted); }
        .notice { border: 2px solid \(ReportPalette.comparison); padding: .5rem .75rem; margin: 0 0 1rem; }
        nav ol { columns: 2; margin: 1rem 0; padding-left: 1.5rem; }
        a { color: \(ReportPalette.district); }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem; padding: 0;
          list-style: none; }
        .card { border: 1px solid \(ReportPalette.border); border-radius: 4px; padding: .75rem 1rem; break-inside: avoid; }
        .card h4 { margin: 0 0 .25rem; font-size: 1rem; }
        tbody th { min-width: 12rem; }
        .value { font-size: 2.2rem; font-weight: bold; color: \(ReportPalette.district); margin: 0;
          font-variant-numeric: tabular-nums; }
        .value .note { font-size: .95rem; font-weight: normal; color: \(ReportPalette.muted); }
        .comparisons { list-style: none; padding: 0; margin: .25rem 0; font-size: .95rem; }
        .symbol { display: inline-block; width: 1.2em; font-weight: bold; }
        .hoger { color: \(ReportPalette.comparison); }
        .lager { color: \(ReportPalette.district); }
        .history { font-size: .85rem; color: \(ReportPalette.muted); margin: .25rem 0 0; }
        svg { max-width: 100%; height: auto; font-family: inherit; font-size: 14px; }
        svg.sparkline { display: block; margin-top: .25rem; }
        figure { margin: 1.25rem 0; break-inside: avoid; }
        figcaption { font-weight: bold; margin-bottom: .5rem; }
        .table-wrap { overflow-x: auto; margin: 1rem 0; }
        .table-wrap:focus { outline: 2px solid \(ReportPalette.district); }
        table { border-collapse: collapse; width: 100%; break-inside: avoid; font-size: .95rem; }
        caption { text-align: left; font-weight: bold; padding: .25rem 0 .5rem; }
        th, td { border-bottom: 1px solid \(ReportPalette.border); padding: .3rem .5rem; vertical-align: top; }
        thead th { text-align: left; border-bottom: 2px solid \(ReportPalette.text); }
        thead th.num { text-align: right; }
        tbody th { text-align: left; font-weight: normal; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.text { text-align: left; }
        #tabel-invoer td.text { font-family: "DejaVu Sans Mono", monospace; font-size: .75rem; word-break: break-all; }
        .legend { font-size: .9rem; color: \(ReportPalette.muted); margin: .25rem 0 1rem; }
        dl.facts { display: grid; grid-template-columns: 14rem 1fr; gap: .25rem 1rem; }
        dl.facts dt { font-weight: bold; }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        footer { margin-top: 3rem; padding-bottom: 2rem; border-top: 1px solid \(ReportPalette.border);
          color: \(ReportPalette.muted); font-size: .9rem; }
        @media print {
          @page { size: A4; margin: 15mm; }
          body { font-size: 10.5pt; }
          nav, .skip { display: none; }
          header, main, footer { max-width: none; padding: 0; }
          h2 { break-after: avoid; }
          figure, table, .card, dl { break-inside: avoid; }
          .table-wrap { overflow: visible; }
          a:not([href^="#"])::after { content: " (" attr(href) ")"; }
        }
        """

    static let table = """
        <div class="table-wrap" id="{{id}}" role="region" tabindex="0" aria-labelledby="{{id}}-caption">
        <table>
        <caption id="{{id}}-caption">{{caption}}</caption>
        <thead><tr><th scope="col">{{corner}}</th>{{#columns}}<th scope="col" class="{{#numeric}}num{{/numeric}}{{^numeric}}text{{/numeric}}">{{label}}</th>{{/columns}}</tr></thead>
        <tbody>
        {{#rows}}<tr><th scope="row">{{header}}</th>{{#cells}}<td class="{{#numeric}}num{{/numeric}}{{^numeric}}text{{/numeric}}">{{text}}</td>{{/cells}}</tr>
        {{/rows}}</tbody>
        </table>
        </div>
        {{#hasLegend}}<p class="legend">{{legend}}</p>
        {{/hasLegend}}
        """

    static let figure = """
        <figure id="{{id}}">
        <figcaption>{{title}}</figcaption>
        {{{svg}}}
        {{#table}}{{> table}}{{/table}}
        </figure>
        """

    static let html = """
        <!DOCTYPE html>
        <html lang="{{language}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        <a class="skip" href="#inhoud">{{#isDutch}}Naar de inhoud{{/isDutch}}{{^isDutch}}Skip to content{{/isDutch}}</a>
        <header>
        <h1>{{title}}</h1>
        <p class="subtitle">{{subtitle}}</p>
        {{#hasVersionNote}}<p class="notice"><strong>{{versionNote}}</strong></p>
        {{/hasVersionNote}}
        {{#isSample}}<p class="notice"><strong>{{#isDutch}}Let op:{{/isDutch}}{{^isDutch}}Note:{{/isDutch}}</strong> {{sampleNotice}}</p>
        {{/isSample}}
        </header>
        <nav aria-label="{{contentsLabel}}">
        <h2 class="toc">{{contentsLabel}}</h2>
        <ol>
        {{#sections}}<li><a href="#{{id}}">{{title}}</a></li>
        {{/sections}}
        </ol>
        </nav>
        <main id="inhoud">
        <section id="kort" aria-labelledby="kort-kop">
        <h2 id="kort-kop">{{summaryTitle}}</h2>
        <p>{{summaryIntro}}</p>
        <h3>{{highlightsTitle}}</h3>
        <ul>
        {{#highlights}}<li>{{.}}</li>
        {{/highlights}}</ul>
        <h3>{{cardsTitle}}</h3>
        <ul class="cards">
        {{#cards}}<li class="card" id="{{id}}">
        <h4>{{label}}</h4>
        <p class="value">{{value}} <span class="note">{{note}}</span></p>
        <ul class="comparisons">
        {{#comparisons}}<li><span class="symbol {{direction}}" aria-hidden="true">{{symbol}}</span> {{text}}</li>
        {{/comparisons}}</ul>
        {{#hasSparkline}}{{{sparkline}}}{{/hasSparkline}}
        <p class="history">{{history}}</p>
        </li>
        {{/cards}}</ul>
        {{#hasCardLegend}}<p class="legend">{{cardLegend}}</p>
        {{/hasCardLegend}}
        </section>
        <section id="gebieden" aria-labelledby="gebieden-kop">
        <h2 id="gebieden-kop">{{areasTitle}}</h2>
        <p>{{areasIntro}}</p>
        {{#areaTable}}{{> table}}{{/areaTable}}
        </section>
        <section id="gezinnen" aria-labelledby="gezinnen-kop">
        <h2 id="gezinnen-kop">{{familiesTitle}}</h2>
        <p>{{familiesIntro}}</p>
        {{#familyTable}}{{> table}}{{/familyTable}}
        {{#islands}}{{> figure}}{{/islands}}
        </section>
        <section id="signaal" aria-labelledby="signaal-kop">
        <h2 id="signaal-kop">{{signalTitle}}</h2>
        <p>{{signalIntro}}</p>
        {{#signal}}{{> figure}}{{/signal}}
        {{#signalSchoolTable}}{{> table}}{{/signalSchoolTable}}
        </section>
        <section id="school" aria-labelledby="school-kop">
        <h2 id="school-kop">{{schoolTitle}}</h2>
        <p>{{schoolIntro}}</p>
        {{#schoolTables}}{{> table}}{{/schoolTables}}
        </section>
        <section id="verantwoording" aria-labelledby="verantwoording-kop">
        <h2 id="verantwoording-kop">{{methodsTitle}}</h2>
        <dl class="facts">
        {{#methods}}<dt>{{name}}</dt><dd>{{value}}</dd>
        {{/methods}}</dl>
        {{#definitionTable}}{{> table}}{{/definitionTable}}
        {{#suppressionTable}}{{> table}}{{/suppressionTable}}
        {{#linkageTable}}{{> table}}{{/linkageTable}}
        </section>
        <section id="herkomst" aria-labelledby="herkomst-kop">
        <h2 id="herkomst-kop">{{provenanceTitle}}</h2>
        <dl class="facts">
        {{#provenance}}<dt>{{name}}</dt><dd>{{value}}</dd>
        {{/provenance}}</dl>
        <p>{{manifestLabel}} <a href="manifest.json">manifest.json</a>.</p>
        {{#inputTable}}{{> table}}{{/inputTable}}
        </section>
        </main>
        <footer>
        <p>{{footer}}</p>
        </footer>
        </body>
        </html>

        """

    static let markdownTable = """
        {{tableLabel}}: {{caption}}

        | {{corner}} |{{#columns}} {{label}} |{{/columns}}
        |---|{{{markdownAlignment}}}
        {{#rows}}
        | {{header}} |{{#cells}} {{text}} |{{/cells}}
        {{/rows}}
        {{#hasLegend}}

        {{legend}}
        {{/hasLegend}}

        """

    static let markdownFigure = """
        {{figureLabel}}: {{title}}

        {{description}}

        {{#table}}{{> table}}{{/table}}
        """

    static let markdown = """
        {{% CONTENT_TYPE: MARKDOWN}}
        # {{title}}

        {{subtitle}}
        {{#hasVersionNote}}

        **{{versionNote}}**
        {{/hasVersionNote}}
        {{#isSample}}

        **{{#isDutch}}Let op:{{/isDutch}}{{^isDutch}}Note:{{/isDutch}}** {{sampleNotice}}
        {{/isSample}}

        {{contentsLabel}}:

        {{#sections}}
        - {{title}}
        {{/sections}}

        ## {{summaryTitle}}

        {{summaryIntro}}

        ### {{highlightsTitle}}

        {{#highlights}}
        - {{.}}
        {{/highlights}}

        ### {{cardsTitle}}
        {{#cards}}

        #### {{label}}

        **{{value}}** {{note}}

        {{#comparisons}}
        - {{#hasSymbol}}{{symbol}} {{/hasSymbol}}{{text}}
        {{/comparisons}}
        {{#hasHistory}}

        {{history}}
        {{/hasHistory}}
        {{/cards}}
        {{#hasCardLegend}}

        {{cardLegend}}
        {{/hasCardLegend}}

        ## {{areasTitle}}

        {{areasIntro}}

        {{#areaTable}}{{> table}}{{/areaTable}}
        ## {{familiesTitle}}

        {{familiesIntro}}

        {{#familyTable}}{{> table}}{{/familyTable}}
        {{#islands}}{{> figure}}{{/islands}}
        ## {{signalTitle}}

        {{signalIntro}}

        {{#signal}}{{> figure}}{{/signal}}
        {{#signalSchoolTable}}{{> table}}{{/signalSchoolTable}}
        ## {{schoolTitle}}

        {{schoolIntro}}

        {{#schoolTables}}{{> table}}{{/schoolTables}}
        ## {{methodsTitle}}

        {{#methods}}
        - **{{name}}**: {{value}}
        {{/methods}}

        {{#definitionTable}}{{> table}}{{/definitionTable}}
        {{#suppressionTable}}{{> table}}{{/suppressionTable}}
        {{#linkageTable}}{{> table}}{{/linkageTable}}
        ## {{provenanceTitle}}

        {{#provenance}}
        - **{{name}}**: {{value}}
        {{/provenance}}

        {{manifestLabel}} manifest.json.

        {{#inputTable}}{{> table}}{{/inputTable}}
        ---

        {{footer}}

        """
}
