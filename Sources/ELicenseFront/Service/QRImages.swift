import ELicenseCore
import ELicenseRender

/// Rendered QR codes for login sessions.
enum QRImages {
    /// Drawn with cairo, so on the render queue like the documents.
    static func pngBase64(_ content: String, on renderer: RenderQueue) async throws(ELicenseError) -> String {
        Base64.encode(try await renderer.run { () throws(ELicenseError) in try QRCode.png(content) })
    }

    static func svg(_ content: String) throws(ELicenseError) -> String {
        try QRCode.svg(content)
    }
}
