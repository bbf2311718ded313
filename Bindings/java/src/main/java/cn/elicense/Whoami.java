package cn.elicense;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Who the front system takes this application for ({@link ElicenseClient#whoami()}): the
 * protocol's WhoAmI, field for field as Python's {@code elicense.Whoami}. Immutable.
 */
public final class Whoami {
    private final String appId;
    private final String appName;
    private final String unitName;
    private final String profile;
    private final String keyId;
    private final Instant serverTime;
    private final String json;

    private Whoami(Map<String, String> fields, String json) {
        this.appId = fields.getOrDefault("app_id", "");
        this.appName = fields.getOrDefault("app_name", "");
        this.unitName = fields.getOrDefault("unit_name", "");
        this.profile = fields.getOrDefault("profile", "");
        this.keyId = fields.getOrDefault("key_id", "");
        this.serverTime = timestamp(fields.get("server_time"));
        this.json = json;
    }

    /** The WhoAmI JSON elic_client_whoami returns: one object whose values are strings. */
    static Whoami parse(String json) {
        return new Whoami(new FlatObject(json).read(), json);
    }

    /** The authenticated application's id. */
    public String getAppId() {
        return appId;
    }

    /** The application's registered name. */
    public String getAppName() {
        return appName;
    }

    /** The access unit (接入单位) the application belongs to. */
    public String getUnitName() {
        return unitName;
    }

    /** The front's profile: "sandbox" or "production". */
    public String getProfile() {
        return profile;
    }

    /** The id of the application key the request was verified with. */
    public String getKeyId() {
        return keyId;
    }

    /** The front's clock; null if the front sent none. */
    public Instant getServerTime() {
        return serverTime;
    }

    /** The protocol v1 WhoAmI JSON. */
    public String getJson() {
        return json;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Whoami && ((Whoami) other).json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return "Whoami{appId=" + appId + ", appName=" + appName + ", unitName=" + unitName + ", profile=" + profile
                + ", keyId=" + keyId + ", serverTime=" + serverTime + "}";
    }

    private static Instant timestamp(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Reads the string members of one JSON object; members of other types are skipped (the
     * library wrote the text, so malformed input is a library fault: IllegalStateException).
     */
    private static final class FlatObject {
        private final String text;
        private int at;

        FlatObject(String text) {
            this.text = text;
        }

        Map<String, String> read() {
            Map<String, String> fields = new HashMap<>();
            expect('{');
            if (peek() == '}') {
                at++;
                return fields;
            }
            do {
                String name = string();
                expect(':');
                if (peek() == '"') {
                    fields.put(name, string());
                } else {
                    skipValue();
                }
            } while (next() == ',');
            at--;
            expect('}');
            return fields;
        }

        private char peek() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            if (at == text.length()) {
                throw fault("unexpected end");
            }
            return text.charAt(at);
        }

        private char next() {
            char c = peek();
            at++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw fault("expected '" + c + "'");
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (at == text.length()) {
                    break;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case 'b': out.append('\b'); break;
                    case 'f': out.append('\f'); break;
                    case 'n': out.append('\n'); break;
                    case 'r': out.append('\r'); break;
                    case 't': out.append('\t'); break;
                    case 'u':
                        if (at + 4 > text.length()) {
                            throw fault("short \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException bad) {
                            throw fault("bad \\u escape");
                        }
                        at += 4;
                        break;
                    default: out.append(e); // \" \\ \/
                }
            }
            throw fault("unterminated string");
        }

        /** A number, true, false or null; nested values are not part of WhoAmI. */
        private void skipValue() {
            peek();
            int start = at;
            while (at < text.length() && ",}".indexOf(text.charAt(at)) < 0) {
                if ("{[\"".indexOf(text.charAt(at)) >= 0) {
                    throw fault("nested value");
                }
                at++;
            }
            if (at == start) {
                throw fault("missing value");
            }
        }

        private IllegalStateException fault(String what) {
            return new IllegalStateException("elic_client_whoami returned malformed JSON (" + what + " at " + at + ")");
        }
    }
}
