import Testing

@testable import Wijkbeeld

/// R7: contrast by the WCAG 2.1 formula, which axe cannot judge inside SVG.
@Suite struct ReportPaletteTests {
    @Test func theFormulaGivesTheKnownRatios() {
        let white = "#ffffff"
        for (colour, ratio) in [
            ("#1f5f8b", 6.84), ("#b35900", 4.83), ("#555555", 7.46), ("#1a1a1a", 17.4), ("#bbbbbb", 1.92),
            ("#000000", 21.0), ("#ffffff", 1.0),
        ] {
            #expect(abs(ReportPalette.contrast(colour, white) - ratio) < 0.02, "\(colour)")
            #expect(ReportPalette.contrast(white, colour) == ReportPalette.contrast(colour, white))
        }
    }

    @Test func textAndMarksKeepTheirContrast() {
        for colour in ReportPalette.textColours {
            #expect(ReportPalette.contrast(colour, ReportPalette.background) >= 4.5, "text \(colour)")
        }
        for colour in ReportPalette.markColours {
            #expect(ReportPalette.contrast(colour, ReportPalette.background) >= 3, "mark \(colour)")
        }
        // The darkest tint of the "islands" grid still carries dark text.
        #expect(ReportPalette.contrast(ReportPalette.text, "#c6dbea") >= 4.5)
    }
}
