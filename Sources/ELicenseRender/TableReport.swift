import CPangoCairo
import ELicenseCore

/// A printable A4 landscape report in Chinese: a title block, then headings, label–value grids
/// and tables, paged so that no row is ever cut: a row that does not fit goes whole to the next
/// page, where its table's header is repeated, and a heading never stays alone at a page's foot.
/// Every page carries the running header and 第 N 页 共 M 页.
///
/// Rendered in two passes over the same layout code: the first measures every row and decides
/// the pages, the second lays out and draws one page at a time, so only the rows of one page
/// are laid out at once however long the report.
public struct TableReport: Sendable {
    public enum Alignment: Sendable { case left, center, right }

    public struct Column: Sendable {
        public var title: String
        /// Share of the table's width, relative to the other columns' weights.
        public var weight: Double
        public var alignment: Alignment

        public init(_ title: String, weight: Double, alignment: Alignment = .left) {
            self.title = title
            self.weight = weight
            self.alignment = alignment
        }
    }

    public struct Field: Sendable {
        public var label: String
        public var value: String
        /// Takes a whole row instead of half of one.
        public var wide: Bool

        public init(_ label: String, _ value: String, wide: Bool = false) {
            self.label = label
            self.value = value
            self.wide = wide
        }
    }

    public struct Row: Sendable {
        public var cells: [String]
        /// A line across the whole row under its cells.
        public var note: String?

        public init(_ cells: [String], note: String? = nil) {
            self.cells = cells
            self.note = note
        }
    }

    public enum Block: Sendable {
        case heading(String)
        /// Label–value pairs, two to a row unless wide.
        case fields([Field])
        case table(columns: [Column], rows: [Row])
        case paragraph(String)
    }

    public var title: String
    /// Centred under the title on the first page.
    public var subtitle: [String]
    /// At the left of every page's head, beside the title.
    public var runningHeader: String
    public var blocks: [Block]
    /// PDF metadata: the creation date (so the same report gives the same bytes) and the author.
    public var createdAt: Timestamp
    public var author: String

    public init(
        title: String, subtitle: [String], runningHeader: String, blocks: [Block], createdAt: Timestamp,
        author: String
    ) {
        self.title = title
        self.subtitle = subtitle
        self.runningHeader = runningHeader
        self.blocks = blocks
        self.createdAt = createdAt
        self.author = author
    }

    static let width = 841.89
    static let height = 595.28
    /// About 15 mm, inside what office printers can print.
    static let margin = 42.0
    /// Lines a table cell or field value wraps to before it ends in an ellipsis; it bounds a
    /// row's height well below a page's.
    static let maxCellLines = 6

    /// The report as a PDF with vector text and the subset of WenQuanYi Micro Hei it uses embedded.
    public func pdf() throws(ELicenseError) -> [UInt8] {
        try FontLock.withFontMap { fontMap throws(ELicenseError) -> sending [UInt8] in
            let surface = try Surface.pdf(width: Self.width, height: Self.height)
            cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_TITLE, title)
            cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_AUTHOR, author)
            cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_CREATOR, "elicense")
            cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_CREATE_DATE, createdAt.rfc3339)
            let canvas = try Canvas(surface, fontMap: fontMap, pixelsPerPoint: nil)
            let pieces = self.pieces()
            let heights = try pieces.map { piece throws(ELicenseError) in try layOut(piece, on: canvas).height }
            let pages = paginate(pieces, heights: heights)
            for (index, page) in pages.enumerated() {
                try drawFrame(on: canvas, page: index + 1, of: pages.count)
                for placed in page {
                    try layOut(pieces[placed.piece], on: canvas).draw(canvas, Self.margin, placed.y)
                }
                try check(cairo_status(canvas.cr), "drawing the report")
                cairo_show_page(canvas.cr)
            }
            return try surface.finishPDF()
        }
    }

    // MARK: pieces and pages

    /// What is never split across pages.
    private enum Piece {
        case title
        case heading(String)
        /// One row of a fields block; the rows after the first join it without a gap.
        case fields([Field], continued: Bool)
        case tableHeader([Column])
        case tableRow([Column], Row)
        case paragraph(String)

        /// Stays on the page of the piece after it.
        var keepsWithNext: Bool {
            switch self {
            // A unit's heading, fields, table header and first row stay together.
            case .title, .heading, .fields, .tableHeader: true
            case .tableRow, .paragraph: false
            }
        }

        /// Space above the piece, dropped at the top of a page.
        var spaceBefore: Double {
            switch self {
            case .title, .tableRow, .fields(_, continued: true): 0
            case .heading: 16
            case .fields, .tableHeader, .paragraph: 6
            }
        }
    }

    private func pieces() -> [Piece] {
        var pieces: [Piece] = [.title]
        for block in blocks {
            switch block {
            case .heading(let text): pieces.append(.heading(text))
            case .fields(let fields):
                var rows: [[Field]] = [], row: [Field] = []
                for field in fields {
                    if field.wide || row.count == 2 {
                        if !row.isEmpty { rows.append(row) }
                        row = []
                    }
                    if field.wide { rows.append([field]) } else { row.append(field) }
                }
                if !row.isEmpty { rows.append(row) }
                pieces += rows.enumerated().map { .fields($1, continued: $0 > 0) }
            case .table(let columns, let rows):
                pieces.append(.tableHeader(columns))
                pieces += rows.map { .tableRow(columns, $0) }
            case .paragraph(let text): pieces.append(.paragraph(text))
            }
        }
        return pieces
    }

    private struct Placed {
        var piece: Int
        var y: Double
    }

    private static var contentTop: Double { margin + 22 }
    private static var contentBottom: Double { height - margin - 14 }

    /// Places the pieces page by page: a piece goes to the next page when it, together with the
    /// pieces that must stay with it, does not fit; a table row opening a page follows its
    /// table's header again.
    private func paginate(_ pieces: [Piece], heights: [Double]) -> [[Placed]] {
        var pages: [[Placed]] = [[]]
        var y = Self.contentTop
        var header: Int?
        for (index, piece) in pieces.enumerated() {
            if case .tableHeader = piece { header = index } else if case .tableRow = piece {} else { header = nil }
            var needed = heights[index]
            var next = index
            while pieces[next].keepsWithNext, next + 1 < pieces.count {
                next += 1
                needed += pieces[next].spaceBefore + heights[next]
            }
            let atTop = pages[pages.count - 1].isEmpty
            if !atTop, y + piece.spaceBefore + needed > Self.contentBottom {
                pages.append([])
                y = Self.contentTop
                if case .tableRow = piece, let header {
                    pages[pages.count - 1].append(Placed(piece: header, y: y))
                    y += heights[header]
                }
            } else if !atTop {
                y += piece.spaceBefore
            }
            pages[pages.count - 1].append(Placed(piece: index, y: y))
            y += heights[index]
        }
        return pages
    }

    // MARK: drawing

    /// A piece laid out at the page's left margin: its height and how to draw it at a y.
    private struct Laid {
        var height: Double
        var draw: (Canvas, Double, Double) -> Void
    }

    private static let contentWidth = width - 2 * margin
    private static let padX = 4.0
    private static let padY = 3.5
    private static let fieldLabelWidth = 96.0
    private static let body = TextStyle(size: 8.5, color: Palette.ink)

    private func layOut(_ piece: Piece, on canvas: Canvas) throws(ELicenseError) -> Laid {
        let width = Self.contentWidth
        switch piece {
        case .title:
            let title = try canvas.text(
                self.title, TextStyle(size: 20, color: Palette.ink, bold: true, alignment: PANGO_ALIGN_CENTER),
                width: width)
            let lines = try canvas.text(
                subtitle.joined(separator: "\n"),
                TextStyle(size: 10, color: Palette.muted, alignment: PANGO_ALIGN_CENTER, lineSpacing: 1.3),
                width: width)
            return Laid(height: title.height + 6 + lines.height + 4) { canvas, x, y in
                canvas.draw(title, x: x, y: y)
                canvas.draw(lines, x: x, y: y + title.height + 6)
            }
        case .heading(let text):
            let block = try canvas.text(text, TextStyle(size: 12, color: Palette.frame, bold: true), width: width)
            return Laid(height: block.height + 4) { canvas, x, y in
                canvas.draw(block, x: x, y: y)
                canvas.line(
                    from: (x, y + block.height + 2), to: (x + width, y + block.height + 2), lineWidth: 0.6,
                    Palette.frame)
            }
        case .paragraph(let text):
            let block = try canvas.text(text, TextStyle(size: 9, color: Palette.muted, lineSpacing: 1.2), width: width)
            return Laid(height: block.height) { canvas, x, y in canvas.draw(block, x: x, y: y) }
        case .fields(let fields, _):
            let valueWidth = width / Double(fields.count) - Self.fieldLabelWidth
            let cells = try fields.map { field throws(ELicenseError) in
                (
                    try canvas.text(
                        field.label, TextStyle(size: 8.5, color: Palette.ink),
                        width: Self.fieldLabelWidth - 2 * Self.padX, maxLines: 2),
                    try canvas.text(
                        field.value, Self.body, width: valueWidth - 2 * Self.padX, maxLines: Self.maxCellLines)
                )
            }
            let height = (cells.map { max($0.0.height, $0.1.height) }.max() ?? 0) + 2 * Self.padY
            return Laid(height: height) { canvas, x, y in
                for (index, cell) in cells.enumerated() {
                    let cellX = x + Double(index) * (Self.fieldLabelWidth + valueWidth)
                    canvas.fill(x: cellX, y: y, width: Self.fieldLabelWidth, height: height, Palette.labelFill)
                    canvas.draw(cell.0, x: cellX + Self.padX, y: y + Self.padY)
                    canvas.draw(cell.1, x: cellX + Self.fieldLabelWidth + Self.padX, y: y + Self.padY)
                    canvas.line(
                        from: (cellX + Self.fieldLabelWidth, y), to: (cellX + Self.fieldLabelWidth, y + height),
                        lineWidth: 0.4, Palette.rule)
                }
                canvas.stroke(x: x, y: y, width: width, height: height, lineWidth: 0.6, Palette.rule)
            }
        case .tableHeader(let columns):
            return try row(
                columns, Row(columns.map(\.title)), style: TextStyle(size: 8.5, color: Palette.ink, bold: true),
                fill: Palette.labelFill, on: canvas)
        case .tableRow(let columns, let values):
            return try row(columns, values, style: Self.body, fill: nil, on: canvas)
        }
    }

    private func row(_ columns: [Column], _ row: Row, style: TextStyle, fill: Color?, on canvas: Canvas)
        throws(ELicenseError) -> Laid
    {
        let values = row.cells
        let total = max(columns.reduce(0) { $0 + max($1.weight, 0) }, 1)
        let widths = columns.map { Self.contentWidth * max($0.weight, 0) / total }
        var cells: [TextBlock] = []
        for (index, column) in columns.enumerated() {
            var cellStyle = style
            // Headers are centred; values follow their column.
            cellStyle.alignment =
                switch fill == nil ? column.alignment : .center {
                case .left: PANGO_ALIGN_LEFT
                case .center: PANGO_ALIGN_CENTER
                case .right: PANGO_ALIGN_RIGHT
                }
            cells.append(
                try canvas.text(
                    index < values.count ? values[index] : "", cellStyle, width: max(widths[index] - 2 * Self.padX, 1),
                    maxLines: Self.maxCellLines))
        }
        let cellsHeight = (cells.map(\.height).max() ?? 0) + 2 * Self.padY
        let note = try row.note.map { text throws(ELicenseError) in
            try canvas.text(
                text, TextStyle(size: 7.5, color: Palette.muted), width: Self.contentWidth - 2 * Self.padX,
                maxLines: 2)
        }
        let height = cellsHeight + (note.map { $0.height + 2 * Self.padY } ?? 0)
        return Laid(height: height) { canvas, x, y in
            if let fill { canvas.fill(x: x, y: y, width: Self.contentWidth, height: height, fill) }
            var cellX = x
            for (cell, cellWidth) in zip(cells, widths) {
                canvas.draw(cell, x: cellX + Self.padX, y: y + Self.padY)
                canvas.line(from: (cellX, y), to: (cellX, y + cellsHeight), lineWidth: 0.4, Palette.rule)
                cellX += cellWidth
            }
            if let note {
                canvas.draw(note, x: x + Self.padX, y: y + cellsHeight + Self.padY)
                canvas.line(from: (x, y + cellsHeight), to: (cellX, y + cellsHeight), lineWidth: 0.3, Palette.rule)
                canvas.line(from: (x, y), to: (x, y + height), lineWidth: 0.4, Palette.rule)
            }
            canvas.line(from: (cellX, y), to: (cellX, y + height), lineWidth: 0.4, Palette.rule)
            canvas.line(from: (x, y), to: (cellX, y), lineWidth: 0.4, Palette.rule)
            canvas.line(from: (x, y + height), to: (cellX, y + height), lineWidth: 0.4, Palette.rule)
        }
    }

    /// The running header with its rule and the page number.
    private func drawFrame(on canvas: Canvas, page: Int, of pages: Int) throws(ELicenseError) {
        let m = Self.margin, width = Self.contentWidth
        canvas.fill(x: 0, y: 0, width: Self.width, height: Self.height, Palette.white)
        let head = try canvas.text(runningHeader, TextStyle(size: 8, color: Palette.muted), width: width, maxLines: 1)
        canvas.draw(head, x: m, y: m)
        canvas.line(
            from: (m, m + head.height + 3), to: (m + width, m + head.height + 3), lineWidth: 0.5, Palette.frame)
        let number = try canvas.text(
            "第 \(page) 页 共 \(pages) 页", TextStyle(size: 8, color: Palette.muted, alignment: PANGO_ALIGN_CENTER),
            width: width)
        canvas.draw(number, x: m, y: Self.height - m - number.height)
    }
}
