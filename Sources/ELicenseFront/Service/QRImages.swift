import ELicenseCore
import ELicenseRender

/// Rendered QR codes for login sessions.
enum QRImages {
    static func pngBase64(_ content: String) throws(ELicenseError) -> String {
        Base64.encode(try QRCode.png(content))
    }

    static func svg(_ content: String) throws(ELicenseError) -> String {
        try QRCode.svg(content)
    }
}
