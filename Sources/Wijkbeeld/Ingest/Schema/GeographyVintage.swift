/// The buurt-code columns of VSLGWBTAB, one per geography vintage: `bc2023` holds each object's buurt in the
/// 2023 boundaries (docs/inputs.md).
enum GeographyVintage {
    /// Whether a header label is a vintage column (`bc` and a four-digit year, any case).
    static func isColumn(_ label: String) -> Bool {
        let bytes = Array(label.utf8)
        guard bytes.count == 6, bytes[0] | 0x20 == UInt8(ascii: "b"), bytes[1] | 0x20 == UInt8(ascii: "c") else {
            return false
        }
        return bytes[2...].allSatisfy { (48...57).contains($0) }
    }

    /// The error for a VSLGWBTAB without the configured vintage's column: a configuration error when the file
    /// holds other vintages (choose one of them), a data error when it holds none (the file is damaged or is
    /// not VSLGWBTAB at all).
    static func missing(_ vintage: Int, in place: String, fileHasOthers: Bool) -> WijkbeeldError {
        fileHasOthers
            ? WijkbeeldError(
                .configuration, "\(place) has no column bc\(vintage); choose a geography vintage the file holds")
            : WijkbeeldError(
                .dataError,
                "\(place) has no buurt column (bc and a year) at all: the file is damaged or not a VSLGWBTAB export; "
                    + "check its header and line breaks, or deliver it again")
    }
}
