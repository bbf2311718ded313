import CPangoCairo
import ELicenseCore

/// The license material document: a rendition of the license face a department system stores
/// instead of a scanned paper license, watermarked with its purpose and carrying the
/// verification code and QR code.
///
/// Safe to call from any thread. Laying out and drawing text is serialised by one
/// process-wide lock (see `FontLock`); QR encoding and PNG compression run outside it.
public enum LicenseDocument {
    /// Raster resolution of `png`.
    static let pngDPI = 150.0

    /// A4 landscape PDF with vector text and the subset of WenQuanYi Micro Hei it uses embedded.
    public static func pdf(_ face: LicenseFace) throws(ELicenseError) -> [UInt8] {
        let page = try FacePage(face)
        return try FontLock.withFontMap { fontMap throws(ELicenseError) -> sending [UInt8] in
            let surface = try Surface.pdf(width: FacePage.width, height: FacePage.height)
            page.describe(surface)
            try page.draw(on: Canvas(surface, fontMap: fontMap, pixelsPerPoint: nil))
            return try surface.finishPDF()
        }
    }

    /// The same page as a PNG at 150 dpi (1754 × 1240 pixels).
    public static func png(_ face: LicenseFace) throws(ELicenseError) -> [UInt8] {
        let page = try FacePage(face)
        let scale = pngDPI / 72
        let surface = try Surface.image(
            width: Int((FacePage.width * scale).rounded()),
            height: Int((FacePage.height * scale).rounded()))
        try FontLock.withFontMap { fontMap throws(ELicenseError) in
            try page.draw(on: Canvas(surface, fontMap: fontMap, pixelsPerPoint: scale))
            cairo_surface_flush(surface.pointer)
        }
        // Encoding (about half the time) reads only pixels, so it runs outside the lock.
        return try surface.png()
    }
}

extension FacePage {
    /// PDF document information; the creation date is the issue time, so the same face
    /// always gives the same bytes.
    func describe(_ surface: Surface) {
        let license = face.license
        cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_TITLE, "营业执照 证照材料 \(license.name)")
        cairo_pdf_surface_set_metadata(
            surface.pointer, CAIRO_PDF_METADATA_SUBJECT,
            "\(license.uscc.value) 核验码 \(face.verificationCode)")
        cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_AUTHOR, face.issuerName)
        cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_CREATOR, "elicense")
        cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_CREATE_DATE, face.issuedAt.rfc3339)
    }
}
