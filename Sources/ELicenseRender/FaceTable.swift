import CPangoCairo
import ELicenseCore

/// The 照面信息 table: each field under its official label, two short fields to a row where
/// they pair naturally; 经营范围 takes the height the other rows leave and shrinks its font
/// until it fits.
extension FacePage {
    private struct Row {
        enum Kind { case plain, code, scope, state }
        var cells: [(label: String, value: String)]
        var kind = Kind.plain
    }

    /// A row laid out at one font size.
    private struct LaidRow {
        let row: Row
        var height: Double
        let labels: [TextBlock]
        let values: [TextBlock]
        /// The remark beside a state in which the entity may not do business.
        let note: TextBlock?
    }

    private static let labelWidth = 100.0
    private static let padX = 7.0
    private static let padY = 5.5
    private static let minimumRowHeight = 24.0
    /// Below this even the PDF needs a magnifier and the PNG is unreadable.
    private static let smallestScopeSize = 5.5
    private static let scopeCutNote = "……（经营范围过长，以下从略；完整内容以签名的照面信息为准）"
    private static let maximumGrowth = 10.0

    private var rows: [Row] {
        let license = face.license
        return [
            Row(cells: [("统一社会信用代码", license.uscc.value)], kind: .code),
            Row(cells: [("名称", license.name)]),
            Row(cells: [("类型", license.type)]),
            Row(cells: [("法定代表人", license.legalRepresentative), ("注册资本", face.capitalText)]),
            Row(cells: [("成立日期", license.establishedOn.chinese), ("营业期限", face.termText)]),
            Row(cells: [("住所", license.address)]),
            scopeRow,
            Row(cells: [("登记机关", license.registrationAuthority), ("核准日期", license.approvedOn.chinese)]),
            Row(cells: [("登记状态", license.state.rawValue)], kind: .state),
        ]
    }

    private var scopeRow: Row { Row(cells: [("经营范围", face.license.businessScope)], kind: .scope) }

    func drawTable(on canvas: Canvas, x: Double, y: Double, width: Double, height: Double) throws(ELicenseError) {
        var rowY = y
        for (index, laid) in try fit(on: canvas, width: width, height: height).enumerated() {
            let h = laid.height
            if index > 0 { canvas.line(from: (x, rowY), to: (x + width, rowY), lineWidth: 0.6, Palette.rule) }
            for (column, cell) in Self.columns(count: laid.row.cells.count, width: width).enumerated() {
                let label = laid.labels[column], value = laid.values[column]
                canvas.fill(x: x + cell.labelX, y: rowY, width: Self.labelWidth, height: h, Palette.labelFill)
                if let note = laid.note {
                    canvas.fill(x: x + cell.valueX, y: rowY, width: cell.valueWidth, height: h, Palette.alertFill)
                    canvas.draw(note, x: x + cell.valueX + Self.padX + value.width + 8, y: rowY + (h - note.height) / 2)
                }
                if column > 0 {
                    canvas.line(
                        from: (x + cell.labelX, rowY), to: (x + cell.labelX, rowY + h), lineWidth: 0.6, Palette.rule)
                }
                canvas.line(
                    from: (x + cell.valueX, rowY), to: (x + cell.valueX, rowY + h), lineWidth: 0.6, Palette.rule)
                canvas.draw(label, x: x + cell.labelX + Self.padX, y: rowY + (h - label.height) / 2)
                let valueY = laid.row.kind == .scope ? rowY + Self.padY : rowY + (h - value.height) / 2
                canvas.draw(value, x: x + cell.valueX + Self.padX, y: valueY)
            }
            rowY += h
        }
        canvas.stroke(x: x, y: y, width: width, height: height, lineWidth: 1.2, Palette.rule)
    }

    /// Lays out every row so that together they fill `height`: the other rows at the largest
    /// size that leaves 经营范围 room for three lines, then 经营范围 as large as still fits.
    private func fit(on canvas: Canvas, width: Double, height: Double) throws(ELicenseError) -> [LaidRow] {
        let rows = self.rows
        func layOutFixed(_ size: Double) throws(ELicenseError) -> [LaidRow?] {
            try rows.map { row throws(ELicenseError) in
                row.kind == .scope ? nil : try layOut(row, size: size, on: canvas, width: width)
            }
        }
        var size = 10.5
        var fixed = try layOutFixed(size)
        func room() -> Double { height - fixed.reduce(0) { $0 + ($1?.height ?? 0) } }
        while room() < 3 * size * 1.6 + 2 * Self.padY, size > 7.5 {
            size -= 1
            fixed = try layOutFixed(size)
        }
        let space = max(room(), Self.minimumRowHeight)
        var scope = try fitScope(scopeRow, startingAt: size, space: space, on: canvas, width: width)
        // A short 经营范围 leaves room: the other rows take up to `maximumGrowth` of it so the
        // table does not end in one tall empty cell.
        let slack = space - ((scope.values.map(\.height).max() ?? 0) + 2 * Self.padY)
        let growth = min(Self.maximumGrowth, max(0, slack / 2) / Double(rows.count - 1))
        scope.height = space - growth * Double(rows.count - 1)
        return fixed.enumerated().map { index, row in
            guard var row else { return scope }
            row.height += growth
            return row
        }
    }

    /// 经营范围 at the largest size (in quarter points, not above `size`) whose text fits
    /// `space`; beyond what the smallest size holds, cut short with a note saying so.
    private func fitScope(
        _ row: Row, startingAt size: Double, space: Double, on canvas: Canvas,
        width: Double
    ) throws(ELicenseError) -> LaidRow {
        let textSpace = space - 2 * Self.padY
        func layOut(_ row: Row, _ scopeSize: Double) throws(ELicenseError) -> LaidRow {
            try self.layOut(row, size: scopeSize, labelSize: size, on: canvas, width: width)
        }
        func height(_ laid: LaidRow) -> Double { laid.values.map(\.height).max() ?? 0 }
        var laid = try layOut(row, size)
        guard height(laid) > textSpace else { return laid }
        // Text area grows with the square of the size: start near the answer, then step down.
        var scopeSize = max(
            Self.smallestScopeSize,
            min(size - 0.25, (size * (textSpace / height(laid)).squareRoot() * 4).rounded(.down) / 4))
        laid = try layOut(row, scopeSize)
        while height(laid) > textSpace, scopeSize > Self.smallestScopeSize {
            scopeSize = max(Self.smallestScopeSize, scopeSize - 0.25)
            laid = try layOut(row, scopeSize)
        }
        guard height(laid) > textSpace, let cell = row.cells.first else { return laid }
        // The longest beginning that fits with the note; the signed data keeps the whole text.
        let characters = Array(cell.value)
        func cut(_ count: Int) -> Row {
            Row(cells: [(cell.label, String(characters.prefix(count)) + Self.scopeCutNote)], kind: .scope)
        }
        var fits = 0, tooLong = characters.count
        while tooLong - fits > 1 {
            let middle = (fits + tooLong) / 2
            if try height(layOut(cut(middle), scopeSize)) <= textSpace { fits = middle } else { tooLong = middle }
        }
        return try layOut(cut(fits), scopeSize)
    }

    /// Lays out `row` with values at `size` and labels at `labelSize` (at most 10 points).
    private func layOut(
        _ row: Row, size: Double, labelSize: Double? = nil, on canvas: Canvas,
        width: Double
    ) throws(ELicenseError) -> LaidRow {
        let columns = Self.columns(count: row.cells.count, width: width)
        let labelStyle = TextStyle(size: min(labelSize ?? size, 10), color: Palette.ink, alignment: PANGO_ALIGN_CENTER)
        var note: TextBlock?
        var labels: [TextBlock] = [], values: [TextBlock] = []
        for (cell, column) in zip(row.cells, columns) {
            let valueWidth = column.valueWidth - 2 * Self.padX
            labels.append(try canvas.text(cell.label, labelStyle, width: Self.labelWidth - 2 * Self.padX, maxLines: 2))
            switch row.kind {
            case .plain:
                values.append(
                    try canvas.text(
                        cell.value, TextStyle(size: size, color: Palette.ink),
                        width: valueWidth, maxLines: 3))
            case .code:
                // No letter spacing: PDF text extraction would read it as spaces inside the code.
                values.append(
                    try canvas.text(
                        cell.value, TextStyle(size: size + 1.5, color: Palette.ink, bold: true),
                        width: valueWidth, maxLines: 1))
            case .scope:
                values.append(
                    try canvas.text(
                        cell.value, TextStyle(size: size, color: Palette.ink, lineSpacing: 1.25),
                        width: valueWidth))
            case .state where face.license.state.isInBusiness:
                values.append(
                    try canvas.text(
                        cell.value, TextStyle(size: size, color: Palette.ink),
                        width: valueWidth, maxLines: 1))
            case .state:
                let state = try canvas.text(cell.value, TextStyle(size: size + 3, color: Palette.alert, bold: true))
                values.append(state)
                note = try canvas.text(
                    "（非存续、在业状态，请依办理事项的要求核实）",
                    TextStyle(size: min(size, 9), color: Palette.alert),
                    width: max(valueWidth - state.width - 8, 1), maxLines: 2)
            }
        }
        let tallest = zip(labels, values).map { max($0.height, $1.height, note?.height ?? 0) }.max() ?? 0
        return LaidRow(
            row: row, height: max(Self.minimumRowHeight, tallest + 2 * Self.padY),
            labels: labels, values: values, note: note)
    }

    /// Where the label and value of each of `count` cells sit, relative to the table's left edge.
    private static func columns(count: Int, width: Double) -> [(labelX: Double, valueX: Double, valueWidth: Double)] {
        let valueWidth = (width - Double(count) * labelWidth) / Double(count)
        return (0..<count).map { index in
            let labelX = Double(index) * (labelWidth + valueWidth)
            return (labelX, labelX + labelWidth, valueWidth)
        }
    }
}
