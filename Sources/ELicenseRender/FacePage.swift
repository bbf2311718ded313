import CPangoCairo
import ELicenseCore
import ELicenseQR

/// One license material page, A4 landscape, laid out in points; the same drawing serves the
/// PDF and the PNG.
struct FacePage: Sendable {
    static let width = 841.89
    static let height = 595.28
    /// Distance from the paper's edge to the content, inside the double frame.
    private static let margin = 36.0
    private static let panelWidth = 176.0
    private static let gap = 12.0
    private static let quietZone = 4

    let face: LicenseFace
    private let qr: QRMatrix
    private let watermark: String
    private let issued: String
    private let expires: String

    init(_ face: LicenseFace) throws(ELicenseError) {
        guard face.purpose.contains(where: { !$0.isWhitespace }) else {
            throw ELicenseError(.invalidPurpose, "a license material needs the purpose it is issued for")
        }
        self.face = face
        qr = try QRMatrix(face.verifyURL)
        watermark = try face.watermarkText()
        issued = try face.issuedAt.beijing().clock
        expires = try face.expiresAt.beijing().clock
    }

    func draw(on canvas: Canvas) throws(ELicenseError) {
        let m = Self.margin
        canvas.fill(x: 0, y: 0, width: Self.width, height: Self.height, Palette.white)
        canvas.stroke(x: 16, y: 16, width: Self.width - 32, height: Self.height - 32, lineWidth: 2.4, Palette.frame)
        canvas.stroke(x: 21.5, y: 21.5, width: Self.width - 43, height: Self.height - 43, lineWidth: 0.7, Palette.frame)

        var top = m
        if let band = face.warningBand { top = try drawWarningBand(band, on: canvas, y: top) }
        let headerBottom = try drawHeader(on: canvas, y: top)
        let footerTop = try drawFooter(on: canvas)
        let bodyTop = headerBottom + 12, bodyHeight = footerTop - 12 - bodyTop
        let panelX = Self.width - m - Self.panelWidth
        let qrArea = try drawPanel(on: canvas, x: panelX, y: bodyTop, height: bodyHeight)
        try drawTable(on: canvas, x: m, y: bodyTop, width: panelX - Self.gap - m, height: bodyHeight)
        try drawWatermark(on: canvas, sparing: qrArea)
        if !face.license.state.isInBusiness {
            try drawStateStamp(on: canvas, headerTop: top, headerBottom: headerBottom)
        }
        try check(cairo_status(canvas.cr), "drawing the license face")
    }

    // MARK: header and footer

    /// A red band across the top that no one can mistake for a real license; returns the y below it.
    private func drawWarningBand(_ band: String, on canvas: Canvas, y: Double) throws(ELicenseError) -> Double {
        let width = Self.width - 2 * Self.margin
        let text = try canvas.text(
            band,
            TextStyle(
                size: 11, color: Palette.white, bold: true,
                alignment: PANGO_ALIGN_CENTER),
            width: width, maxLines: 1)
        let height = text.height + 8
        canvas.fill(x: Self.margin, y: y, width: width, height: height, Palette.alert)
        canvas.draw(text, x: Self.margin, y: y + 4)
        return y + height + 8
    }

    /// Title, subtitle and the verification code; returns the y below them.
    private func drawHeader(on canvas: Canvas, y: Double) throws(ELicenseError) -> Double {
        let width = Self.width - 2 * Self.margin
        let title = try canvas.text(
            "营业执照",
            TextStyle(
                size: 30, color: Palette.ink, bold: true,
                alignment: PANGO_ALIGN_CENTER, letterSpacing: 18), width: width)
        let subtitle = try canvas.text(
            "电子营业执照 · 照面信息 · 证照材料",
            TextStyle(size: 10.5, color: Palette.muted, alignment: PANGO_ALIGN_CENTER),
            width: width)
        canvas.draw(title, x: Self.margin, y: y)
        canvas.draw(subtitle, x: Self.margin, y: y + title.height + 2)
        let bottom = y + title.height + 2 + subtitle.height

        let codeLabel = try canvas.text(
            "核验码", TextStyle(size: 8.5, color: Palette.muted, alignment: PANGO_ALIGN_RIGHT),
            width: Self.panelWidth)
        let code = try canvas.text(
            face.verificationCode,
            TextStyle(
                size: 15, color: Palette.ink, bold: true, family: FontLock.monoFamily,
                alignment: PANGO_ALIGN_RIGHT, letterSpacing: 0.5),
            width: Self.panelWidth, maxLines: 1)
        let codeX = Self.width - Self.margin - Self.panelWidth
        let codeTop = bottom - codeLabel.height - code.height
        canvas.draw(codeLabel, x: codeX, y: codeTop)
        canvas.draw(code, x: codeX, y: codeTop + codeLabel.height)
        return bottom
    }

    /// The signature statement at the foot of the page; returns its top.
    private func drawFooter(on canvas: Canvas) throws(ELicenseError) -> Double {
        let width = Self.width - 2 * Self.margin
        let text = try canvas.text(
            face.footerText,
            TextStyle(
                size: 8, color: Palette.muted, alignment: PANGO_ALIGN_CENTER,
                lineSpacing: 1.15),
            width: width, maxLines: 3)
        let top = Self.height - Self.margin - text.height + 4
        canvas.line(
            from: (Self.margin, top - 6), to: (Self.width - Self.margin, top - 6), lineWidth: 0.5, Palette.frame)
        canvas.draw(text, x: Self.margin, y: top)
        return top - 6
    }

    // MARK: the verification panel

    /// QR code and the material's own facts, in a box beside the table; returns the area the
    /// watermark must spare (the QR code and its quiet zone).
    private func drawPanel(on canvas: Canvas, x: Double, y: Double, height: Double)
        throws(ELicenseError) -> Rect
    {
        let width = Self.panelWidth, pad = 10.0, inner = width - 2 * pad
        canvas.stroke(x: x, y: y, width: width, height: height, lineWidth: 1.2, Palette.rule)

        let labelStyle = TextStyle(size: 8, color: Palette.muted)
        let valueStyle = TextStyle(size: 9.5, color: Palette.ink)
        let items: [(label: String, value: String, maxLines: Int)] = [
            ("用途（办理事项）", face.purpose, 3),
            ("出具时间（北京时间）", issued, 1),
            ("有效期至（北京时间）", expires, 1),
            ("出具机构", face.issuerName, 3),
            ("层级及行政区划", face.issuerDeployment, 2),
        ]
        let blocks = try items.map { item throws(ELicenseError) in
            (
                try canvas.text(item.label, labelStyle, width: inner, maxLines: 1),
                try canvas.text(item.value, valueStyle, width: inner, maxLines: item.maxLines)
            )
        }
        let itemGap = 6.0
        let itemsHeight = blocks.reduce(0) { $0 + $1.0.height + 1 + $1.1.height } + itemGap * Double(blocks.count - 1)
        let caption = try canvas.text(
            "扫码核验本证照材料",
            TextStyle(
                size: 8, color: Palette.muted,
                alignment: PANGO_ALIGN_CENTER), width: inner)

        // The facts sit at the foot of the box; the QR code takes what they leave (on whole
        // pixels in the PNG), centred in the space above them.
        var itemY = y + height - pad - itemsHeight
        canvas.line(from: (x + pad, itemY - 8), to: (x + width - pad, itemY - 8), lineWidth: 0.5, Palette.rule)
        for (label, value) in blocks {
            canvas.draw(label, x: x + pad, y: itemY)
            canvas.draw(value, x: x + pad, y: itemY + label.height + 1)
            itemY += label.height + 1 + value.height + itemGap
        }
        let modules = Double(qr.width + 2 * Self.quietZone)
        let room = height - 2 * pad - 16 - itemsHeight - caption.height
        let module = canvas.snapped(min(inner, room) / modules)
        let side = module * modules
        let qrX = canvas.onPixel(x + (width - side) / 2), qrY = canvas.onPixel(y + pad + (room - side) / 2)
        canvas.drawQR(qr, x: qrX, y: qrY, module: module, quietZone: Self.quietZone)
        canvas.draw(caption, x: x + pad, y: qrY + side)
        return (qrX, qrY, side, side)
    }

    // MARK: watermark and stamp

    /// 仅供<purpose>使用 <date>, repeated diagonally over everything but the QR code. Drawn
    /// as outlines in one repeating tile: it cannot be lifted out as text and costs one tile.
    private func drawWatermark(
        on canvas: Canvas,
        sparing hole: Rect
    ) throws(ELicenseError) {
        let style = TextStyle(size: 15, color: Palette.watermark, letterSpacing: 1)
        let probe = try canvas.text(watermark, style)
        let tileWidth = probe.width + 80, tileHeight = 2 * (probe.height + 56)
        try canvas.paintRepeating(
            tileWidth: tileWidth, tileHeight: tileHeight, angle: -Double.pi / 6,
            over: (22, 22, Self.width - 44, Self.height - 44), sparing: hole
        ) {
            tile throws(ELicenseError) in
            let text = try tile.text(watermark, style)
            // Every other row shifted by half a tile; the piece past the right edge reappears at the left.
            tile.drawOutlined(text, x: 0, y: 0)
            tile.drawOutlined(text, x: tileWidth / 2, y: tileHeight / 2)
            tile.drawOutlined(text, x: -tileWidth / 2, y: tileHeight / 2)
        }
    }

    /// A red seal-like mark in the header's left for 吊销, 注销, 迁出 and any other state in
    /// which the entity may not do business.
    private func drawStateStamp(on canvas: Canvas, headerTop: Double, headerBottom: Double) throws(ELicenseError) {
        let caption = try canvas.text(
            "登记状态",
            TextStyle(
                size: 8.5, color: Palette.alert, bold: true,
                alignment: PANGO_ALIGN_CENTER, letterSpacing: 3), width: 120)
        let state = try canvas.text(
            face.license.state.rawValue,
            TextStyle(
                size: 22, color: Palette.alert, bold: true, alignment: PANGO_ALIGN_CENTER,
                letterSpacing: 8), width: 120, maxLines: 1)
        let width = 120.0, height = caption.height + 3 + state.height + 10
        let cr = canvas.cr
        cairo_save(cr)
        cairo_translate(cr, Self.margin + 8 + width / 2, (headerTop + headerBottom) / 2)
        cairo_rotate(cr, -0.12)
        canvas.stroke(x: -width / 2, y: -height / 2, width: width, height: height, lineWidth: 2.2, Palette.alert)
        canvas.stroke(
            x: -width / 2 + 3.5, y: -height / 2 + 3.5, width: width - 7, height: height - 7,
            lineWidth: 0.7, Palette.alert)
        canvas.draw(caption, x: -width / 2, y: -height / 2 + 5)
        canvas.draw(state, x: -width / 2, y: -height / 2 + 8 + caption.height)
        cairo_restore(cr)
    }
}
