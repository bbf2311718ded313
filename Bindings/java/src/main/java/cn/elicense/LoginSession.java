package cn.elicense;

import com.sun.jna.Pointer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A started e-license login (扫码登录): show {@link #getQrPng()} (or {@link #getQrContent()}) to
 * the user with {@link #getConfirmationCode()} beside it, keep {@link #getId()} — a plain
 * string — in the server-side session (never take it back from the browser), then
 * {@link ElicenseClient#pollLogin(String)} or {@link ElicenseClient#waitForLogin}. Immutable.
 */
public final class LoginSession {
    private final String id;
    private final LoginState state;
    private final String qrContent;
    private final String confirmationCode;
    private final byte[] qrPng;
    private final Instant expiresAt;
    private final Duration pollInterval;
    private final String json;

    private LoginSession(String id, LoginState state, String qrContent, String confirmationCode, byte[] qrPng,
            Instant expiresAt, Duration pollInterval, String json) {
        this.id = id;
        this.state = state;
        this.qrContent = qrContent;
        this.confirmationCode = confirmationCode;
        this.qrPng = qrPng;
        this.expiresAt = expiresAt;
        this.pollInterval = pollInterval;
        this.json = json;
    }

    /** Copies everything out of an elic_login handle (the caller frees it). */
    static LoginSession read(LibElicense lib, Pointer login) {
        LibElicense.SizeTByReference length = new LibElicense.SizeTByReference();
        Pointer png = lib.elic_login_qr_png(login, length);
        return new LoginSession(NativeSupport.string(lib.elic_login_id(login)),
                LoginState.fromCode(lib.elic_login_state(login)),
                NativeSupport.string(lib.elic_login_qr_content(login)),
                NativeSupport.string(lib.elic_login_code(login)),
                NativeSupport.bytes(png, length),
                NativeSupport.instant(lib.elic_login_expires_at(login)),
                Duration.ofMillis(lib.elic_login_poll_interval_ms(login)),
                NativeSupport.string(lib.elic_login_json(login)));
    }

    /** The login id (lg_…), to keep and poll later, also from another request or process. */
    public String getId() {
        return id;
    }

    /** {@link LoginState#PENDING} for a new login. */
    public LoginState getState() {
        return state;
    }

    /** The text the QR code encodes (what the e-license app scans). */
    public String getQrContent() {
        return qrContent;
    }

    /**
     * The confirmation code to show next to the QR code: the e-license app shows the same code,
     * so the enterprise can recognise a QR code relayed from someone else's screen. Null from a
     * front that sends none.
     */
    public String getConfirmationCode() {
        return confirmationCode;
    }

    /** The QR code as PNG bytes (a copy). */
    public byte[] getQrPng() {
        return qrPng.clone();
    }

    /** The QR code as a {@code data:image/png;base64,…} URL for an {@code <img src>}. */
    public String getQrPngDataUrl() {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(qrPng);
    }

    /**
     * Writes the QR code's PNG to {@code path} — for a console program or a person to show —
     * like {@code elic_login_qr_save}: atomically (a reader never sees half a file), replacing
     * an existing file, mode 0644 where the file system has POSIX permissions.
     *
     * @throws ElicenseFileException IO_ERROR naming the path (missing directory, no permission …);
     *     unchecked, like every failure of this binding
     */
    public void saveQr(Path path) {
        Path target = Objects.requireNonNull(path, "path").toAbsolutePath();
        Path temp = null;
        try {
            temp = Files.createTempFile(target.getParent(), ".elicense-qr-", ".tmp");
            Files.write(temp, qrPng);
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file keeps its default permissions
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the write failed already; that error is the one to report
                }
            }
            Status status = Status.IO_ERROR;
            ElicenseFileException failure = new ElicenseFileException(status.code(), status.cName(), NativeSupport.text(status,
                    "无法写入二维码 (cannot write the QR code) " + target + ": " + e), null, -1);
            failure.initCause(e);
            throw failure;
        }
    }

    /** {@link #saveQr(Path)} to a path given as text. */
    public void saveQr(String path) {
        saveQr(Paths.get(Objects.requireNonNull(path, "path")));
    }

    /** When the login expires unless confirmed. */
    public Instant getExpiresAt() {
        return expiresAt;
    }

    /**
     * How long to wait before the first {@link ElicenseClient#pollLogin(String)}, as the front
     * advised: a poll sooner throws {@link ElicenseLoginException} with {@link Status#SLOW_DOWN}.
     */
    public Duration getPollInterval() {
        return pollInterval;
    }

    /** The protocol v1 LoginCreated JSON. */
    public String getJson() {
        return json;
    }

    @Override
    public String toString() {
        return "LoginSession{id=" + id + ", state=" + state + ", expiresAt=" + expiresAt + "}";
    }
}
