/// The colours of the page: black text on white, the deep red of Chinese certificates for
/// the frame, red only for what must not be missed.
enum Palette {
    static let ink = Color(red: 0.11, green: 0.11, blue: 0.11)
    static let muted = Color(red: 0.38, green: 0.38, blue: 0.38)
    static let frame = Color(red: 0.60, green: 0.10, blue: 0.08)
    static let rule = Color(red: 0.33, green: 0.29, blue: 0.27)
    static let labelFill = Color(red: 0.965, green: 0.945, blue: 0.905)
    static let alert = Color(red: 0.80, green: 0.05, blue: 0.08)
    static let alertFill = Color(red: 1.0, green: 0.92, blue: 0.91)
    static let watermark = Color(red: 0.20, green: 0.30, blue: 0.55, alpha: 0.13)
    static let white = Color(red: 1, green: 1, blue: 1)
}
