package cn.elicense;

/** The document format of license material. */
public enum MaterialFormat {
    PDF("pdf", "application/pdf"),
    PNG("png", "image/png");

    private final String wireName;
    private final String contentType;

    MaterialFormat(String wireName, String contentType) {
        this.wireName = wireName;
        this.contentType = contentType;
    }

    /** "pdf" or "png", as the C ABI takes it. */
    public String wireName() {
        return wireName;
    }

    /** The MIME type to serve the document with. */
    public String contentType() {
        return contentType;
    }
}
