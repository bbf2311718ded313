package cn.elicense;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader, since Java 8 has none and the binding depends on JNA only: objects become
 * {@code Map<String, Object>} (member order kept), arrays {@code List<Object>}, strings
 * {@code String}; numbers, true, false and null stay their text. Malformed text is an
 * IllegalStateException naming the source and the offset: every text read here was written by
 * libelicense or by this project's own tools.
 */
final class Json {
    private final String source;
    private final String text;
    private int at;

    private Json(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /** The value of {@code text}, which must hold exactly one; {@code source} names it in errors. */
    static Object parse(String source, String text) {
        Json reader = new Json(source, text);
        Object value = reader.value();
        reader.space();
        if (reader.at != text.length()) {
            throw reader.error("trailing text");
        }
        return value;
    }

    private Object value() {
        space();
        char c = peek();
        if (c == '{') {
            Map<String, Object> object = new LinkedHashMap<>();
            at++;
            space();
            if (take('}')) {
                return object;
            }
            do {
                space();
                String key = string();
                space();
                expect(':');
                object.put(key, value());
                space();
            } while (take(','));
            expect('}');
            return object;
        }
        if (c == '[') {
            List<Object> array = new ArrayList<>();
            at++;
            space();
            if (take(']')) {
                return array;
            }
            do {
                array.add(value());
                space();
            } while (take(','));
            expect(']');
            return array;
        }
        if (c == '"') {
            return string();
        }
        int start = at;
        while (at < text.length() && "+-0123456789.eEtruefalsn".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        if (start == at) {
            throw error("a value expected");
        }
        return text.substring(start, at);
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escape = next();
            switch (escape) {
                case 'n': out.append('\n'); break;
                case 't': out.append('\t'); break;
                case 'r': out.append('\r'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'u':
                    if (at + 4 > text.length()) {
                        throw error("short \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    } catch (NumberFormatException bad) {
                        throw error("bad \\u escape");
                    }
                    at += 4;
                    break;
                default: out.append(escape); // \" \\ \/
            }
        }
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private char peek() {
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(at);
    }

    private char next() {
        char c = peek();
        at++;
        return c;
    }

    private boolean take(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!take(c)) {
            throw error("'" + c + "' expected");
        }
    }

    private IllegalStateException error(String what) {
        return new IllegalStateException(source + ": malformed JSON (" + what + " at offset " + at + ")");
    }
}
