package cn.elicense;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox-front fixture's manifest (Tests/support/sandbox-front.sh writes it): a JSON reader
 * for that file, which Java 8 lacks, and lookups by dotted path ("fronts.short.url").
 */
final class Manifest {
    private final Object root;
    private final String text;
    private int at;

    private Manifest(String text) {
        this.text = text;
        root = value();
        space();
        if (at != text.length()) {
            throw error("trailing text");
        }
    }

    static Manifest read(Path path) throws IOException {
        return new Manifest(new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
    }

    /** The string at a dotted path; an IllegalStateException naming the path when there is none. */
    String string(String path) {
        Object value = root;
        for (String key : path.split("\\.")) {
            value = value instanceof Map ? ((Map<?, ?>) value).get(key) : null;
        }
        if (!(value instanceof String)) {
            throw new IllegalStateException("the sandbox-front manifest has no text at " + path);
        }
        return (String) value;
    }

    private Object value() {
        space();
        char c = peek();
        if (c == '{') {
            Map<String, Object> object = new LinkedHashMap<>();
            at++;
            space();
            if (peek() == '}') {
                at++;
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
            if (peek() == ']') {
                at++;
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
        return text.substring(start, at); // numbers, true, false, null: kept as their text
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
                    out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
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
        return new IllegalStateException("sandbox-front manifest: " + what + " at offset " + at);
    }
}
