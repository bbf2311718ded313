package cn.elicense;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The sandbox-front fixture's manifest (Tests/support/sandbox-front.sh writes it), read with the
 * binding's own JSON reader, and lookups by dotted path ("fronts.short.url").
 */
final class Manifest {
    private final Object root;

    private Manifest(String text) {
        root = Json.parse("sandbox-front manifest", text);
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
}
