package cn.elicense;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * What Bindings/java/run-tests.sh prepared: paths passed as system properties, sandbox fronts and
 * client configurations read from the sandbox-front fixture's manifest
 * (-Delicense.test.manifest); and the sandbox e-license app (POST /sandbox/scan).
 */
final class TestEnv {
    static final String DEMO_USCC = "91370102MA01ELC161";
    static final String PURPOSE = "企业开办";

    private static String grant;
    private static Manifest manifest;

    private TestEnv() {
    }

    /**
     * A system property elicense.test.NAME; but from the manifest: "front" and "config" (the main
     * front's URL and client configuration), "front.FRONT" and "config.CONFIG" (others').
     */
    static String property(String name) {
        String[] parts = name.split("\\.", 2);
        String which = parts.length == 2 ? parts[1] : "main";
        if (parts[0].equals("front")) {
            return manifest().string("fronts." + which + ".url");
        }
        if (parts[0].equals("config")) {
            return manifest().string("configs." + which);
        }
        String value = System.getProperty("elicense.test." + name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("missing -Delicense.test." + name + " (run Bindings/java/run-tests.sh)");
        }
        return value;
    }

    private static synchronized Manifest manifest() {
        if (manifest == null) {
            try {
                manifest = Manifest.read(Paths.get(property("manifest")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return manifest;
    }

    static Path path(String name) {
        return Paths.get(property(name));
    }

    /** The main sandbox front's base URL. */
    static String front() {
        return property("front");
    }

    static ElicenseClient client() {
        return ElicenseClient.fromFile(path("config"));
    }

    /** Plays the e-license app on the front at base: confirms or denies the login behind qrContent. */
    static int scan(String base, String qrContent, String decision, String role) throws IOException {
        String body = "{\"qr_content\":\"" + json(qrContent) + "\",\"uniscid\":\"" + DEMO_USCC + "\",\"role\":\"" + role
                + "\",\"decision\":\"" + decision + "\"}";
        HttpURLConnection connection = (HttpURLConnection) new URL(base + "/sandbox/scan").openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        int code = connection.getResponseCode();
        InputStream in = code < 400 ? connection.getInputStream() : connection.getErrorStream();
        if (in != null) {
            drain(in);
        }
        return code;
    }

    static void confirm(String qrContent) throws IOException {
        int code = scan(front(), qrContent, "confirm", "legal_representative");
        if (code != 200) {
            throw new IOException("sandbox scan answered " + code);
        }
    }

    /** A grant for the demo enterprise, from one login shared by the test classes. */
    static synchronized String grant() throws IOException {
        if (grant == null) {
            try (ElicenseClient client = client()) {
                LoginSession login = client.startLogin(PURPOSE);
                confirm(login.getQrContent());
                LoginStatus done = client.waitForLogin(login.getId(), Duration.ofSeconds(30));
                if (!done.isAuthorized()) {
                    throw new IllegalStateException("login not authorized: " + done);
                }
                grant = done.getGrant();
            }
        }
        return grant;
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static byte[] drain(InputStream in) throws IOException {
        try (InputStream input = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = input.read(buffer)) > 0;) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }
}
