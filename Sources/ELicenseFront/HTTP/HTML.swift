/// Escaping for the few server-rendered pages, and what each says of the front serving it.
enum HTML {
    /// The front's name, level and region, for the top of a page a person reads.
    static func frontLine(_ config: FrontConfig) -> String {
        "<p class=\"front\" id=\"front\">\(escape(config.frontName))<br>\(escape(config.deploymentLabel))</p>"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
