/// virsh's tables (`vshTable`): a header, a dashed rule, and rows whose columns line up.
///
/// Every cell starts with a space and is followed by two spaces past the widest cell of its column; the
/// last cell has no padding. The rule is as long as the widths plus three per column. Control characters
/// are shown as `\xNN` (as are literal "\x" sequences, so output cannot be forged), and widths count
/// what a terminal shows: wide characters take two columns.
struct TextTable {
    private var rows: [[String]]

    init(header: [String]) {
        rows = [header]
    }

    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table as text; without `header` (as with `-q`) only the rows.
    func render(header: Bool = true) -> String {
        let encoded = rows.map { $0.map(Self.safeEncode) }
        let columns = rows[0].count
        var widest = [Int](repeating: 0, count: columns)
        for (index, row) in encoded.enumerated() where header || index > 0 {
            for (column, cell) in row.enumerated() where column < columns {
                widest[column] = max(widest[column], cell.width)
            }
        }
        var out = ""
        if header {
            out += line(encoded[0], widest)
            out += String(repeating: "-", count: widest.reduce(0) { $0 + $1 + 3 }) + "\n"
        }
        for row in encoded.dropFirst() {
            out += line(row, widest)
        }
        return out
    }

    private func line(_ cells: [(text: String, width: Int)], _ widest: [Int]) -> String {
        var out = ""
        for (column, cell) in cells.enumerated() {
            out += " " + cell.text
            if column < cells.count - 1 {
                out += String(repeating: " ", count: widest[column] - cell.width + 2)
            }
        }
        return out + "\n"
    }

    /// A cell with control characters escaped, and its display width.
    private static func safeEncode(_ cell: String) -> (text: String, width: Int) {
        var text = ""
        var width = 0
        let scalars = Array(cell.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let isEscapeLookalike = scalar == "\\" && index + 1 < scalars.count && scalars[index + 1] == "x"
            if isEscapeLookalike || (scalar.isASCII && (scalar.value < 0x20 || scalar.value == 0x7f)) {
                text += "\\x" + hex(UInt8(scalar.value))
                width += 4
            } else if !scalar.isASCII && !scalar.properties.isPrintable {
                for byte in String(scalar).utf8 {
                    text += "\\x" + hex(byte)
                    width += 4
                }
            } else {
                text.unicodeScalars.append(scalar)
                width += scalar.displayWidth
            }
        }
        return (text, width)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
    }
}

extension Unicode.Scalar.Properties {
    /// Roughly `iswprint`: not a control, format, surrogate, private-use or unassigned code point.
    var isPrintable: Bool {
        switch generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            false
        default:
            true
        }
    }
}

extension Unicode.Scalar {
    /// Terminal columns: 0 for combining marks, 2 for East Asian wide and full-width characters, else 1.
    var displayWidth: Int {
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark:
            return 0
        default:
            break
        }
        let v = value
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x20000...0x3FFFD).contains(v)
        return wide ? 2 : 1
    }
}
