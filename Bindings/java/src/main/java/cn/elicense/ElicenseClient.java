package cn.elicense;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A department application's connection to the city front system (电子营业执照验证前置系统):
 * e-license login, license data and license material. Thread-safe: create one per application
 * (e.g. at web-application start-up), share it across request threads, close it at shutdown.
 *
 * <pre>{@code
 * try (ElicenseClient client = ElicenseClient.fromFile(Paths.get("/etc/myapp/elicense.json"))) {
 *     LoginSession login = client.startLogin("企业开办");      // show login.getQrPng()
 *     LoginStatus done = client.waitForLogin(login.getId(), Duration.ofMinutes(5));
 *     if (done.isAuthorized()) {
 *         License license = client.fetchLicense(done.getGrant());
 *         if (license.inBusiness()) {                          // not 吊销, 注销 or 迁出
 *             Material material = client.issueMaterial(done.getGrant(), "企业开办");
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>A web application does not wait: it starts the login in one request and polls it
 * ({@link #pollLogin(String)}) in later ones; see Bindings/java/README.md.
 *
 * <p>Every call that talks to the front blocks the calling thread up to the configured
 * timeouts (by default 3 s to connect and 10 s for a whole call), or a shorter deadline of
 * {@link #withTimeout(Duration)}. Failures throw {@link ElicenseException} subclasses; null arguments throw
 * {@link NullPointerException} and calls after {@link #close()} throw
 * {@link ElicenseClientClosedException}, before anything reaches C.
 *
 * <p>{@link #close()} is idempotent and safe while other threads are inside a call: the native
 * client is freed when the last call in flight returns (a call counter, as in uniffi). There is
 * no finalizer: close the client.
 */
public final class ElicenseClient implements AutoCloseable {
    private final LibElicense lib;
    private final Pointer handle;
    /** 1 for the client itself plus one per call in flight; the native client is freed when it reaches 0. */
    private final AtomicLong calls;
    private final AtomicBoolean closed;
    /** The per-call deadline of a {@link #withTimeout} view, in ms; 0: the client's configuration. */
    private final long callTimeoutMs;

    private ElicenseClient(LibElicense lib, Pointer handle) {
        this(lib, handle, new AtomicLong(1), new AtomicBoolean(), 0);
    }

    private ElicenseClient(LibElicense lib, Pointer handle, AtomicLong calls, AtomicBoolean closed, long callTimeoutMs) {
        this.lib = lib;
        this.handle = handle;
        this.calls = calls;
        this.closed = closed;
        this.callTimeoutMs = callTimeoutMs;
    }

    /**
     * A client from the configuration file the front system issued. Makes no network call.
     *
     * @throws ElicenseUsageException IO_ERROR (unreadable file), INVALID_CONFIG (malformed JSON,
     *     missing or bad setting), INVALID_UTF8
     * @throws ElicenseSecurityException KEY_INVALID (private or pinned key unreadable)
     */
    public static ElicenseClient fromFile(Path path) {
        return fromFile(Objects.requireNonNull(path, "path").toString());
    }

    /** {@link #fromFile(Path)} from a path given as text. */
    public static ElicenseClient fromFile(String path) {
        byte[] text = NativeSupport.cString(path, "path");
        LibElicense lib = NativeSupport.lib();
        PointerByReference out = new PointerByReference();
        NativeSupport.check(lib.elic_client_new_from_file(out, text));
        return new ElicenseClient(lib, out.getValue());
    }

    /**
     * A client from configuration JSON text, the content of the file the front issued. Makes no
     * network call.
     *
     * @throws ElicenseUsageException INVALID_CONFIG (malformed JSON, missing or bad setting), INVALID_UTF8
     * @throws ElicenseSecurityException KEY_INVALID (private or pinned key unreadable)
     */
    public static ElicenseClient fromJson(String json) {
        byte[] text = NativeSupport.cString(json, "json");
        LibElicense lib = NativeSupport.lib();
        PointerByReference out = new PointerByReference();
        NativeSupport.check(lib.elic_client_new_from_json(out, text));
        return new ElicenseClient(lib, out.getValue());
    }

    /**
     * This client with a deadline for each of its calls, e.g. the time a web request has left:
     * {@code client.withTimeout(Duration.ofSeconds(3)).fetchLicense(grant)}. A call that reaches
     * it throws {@link ElicenseTimeoutException}. It only shortens: no call takes longer than
     * the configuration's {@code timeout_ms} (10 s by default, all attempts included) allows,
     * nor {@link #waitForLogin} longer than its own timeout. Sets {@code elic_set_call_timeout_ms}
     * on the calling thread around each call and restores the configuration's after it.
     *
     * <p>The view is the same client, not a copy: it shares its calls and its state, and
     * closing either closes both. Create views freely; close only the client.
     *
     * @param timeout positive; below a millisecond counts as one
     * @throws IllegalArgumentException a zero or negative timeout
     * @throws ElicenseClientClosedException the client is closed, as from every method
     */
    public ElicenseClient withTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (closed.get()) {
            throw closedError();
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        long millis;
        try {
            millis = Math.max(1, timeout.toMillis());
        } catch (ArithmeticException e) {
            millis = Long.MAX_VALUE; // longer than any limit of the client: the configuration's applies
        }
        return new ElicenseClient(lib, handle, calls, closed, millis);
    }

    /** Asks the front who this application is: checks credentials, keys and clock. */
    public Whoami whoami() {
        return call(client -> {
            PointerByReference out = new PointerByReference();
            NativeSupport.check(lib.elic_client_whoami(out, client));
            return Whoami.parse(NativeSupport.takeString(out));
        });
    }

    /**
     * Starts an e-license login (扫码登录) for {@code purpose}, the matter being handled (办理事项,
     * 1–100 characters, shown to the enterprise).
     *
     * @throws ElicenseUsageException INVALID_PURPOSE
     */
    public LoginSession startLogin(String purpose) {
        byte[] text = NativeSupport.cString(purpose, "purpose");
        return call(client -> {
            PointerByReference out = new PointerByReference();
            NativeSupport.check(lib.elic_login_start(out, client, text));
            try {
                return LoginSession.read(lib, out.getValue());
            } finally {
                lib.elic_login_free(out.getValue());
            }
        });
    }

    /**
     * Asks the front once for the state of a login. Denied and expired are states, not errors.
     *
     * @throws ElicenseBusinessException SLOW_DOWN (polled sooner than advised), LOGIN_NOT_FOUND
     */
    public LoginStatus pollLogin(String loginId) {
        byte[] id = NativeSupport.cString(loginId, "loginId");
        return call(client -> {
            PointerByReference out = new PointerByReference();
            NativeSupport.check(lib.elic_login_poll(out, client, id));
            return readStatus(out);
        });
    }

    /** {@link #waitForLogin(String, Duration, LoginProgress)} without a progress callback. */
    public LoginStatus waitForLogin(String loginId, Duration timeout) {
        return waitForLogin(loginId, timeout, null);
    }

    /**
     * Waits until the login is authorized, denied or expired, polling at the interval the front
     * advises. Blocks the calling thread: a web application starts the login in one request and
     * polls it ({@link #pollLogin(String)}) in later ones instead.
     *
     * <p>Honours {@link Thread#interrupt()}: an interrupted waiter stops after the poll under way,
     * so within about one poll interval, and throws {@link ElicenseCancelledException} whose
     * cause is an {@link InterruptedException}, with the thread's interrupt flag still set (a
     * thread interrupted before the call throws at once, before any network call). The login
     * stays usable.
     *
     * @param timeout the longest the call blocks in all (at most about 24 days)
     * @param progress may be null; told the state after every poll on this thread; returning
     *     false cancels, and an exception it throws cancels and is rethrown here
     * @return the final status: check {@link LoginStatus#getState()}
     * @throws ElicenseTimeoutException no final state in time (the login stays usable)
     * @throws ElicenseCancelledException cancelled by the progress callback (CANCELLED), or the
     *     thread was interrupted (CANCELLED, cause {@link InterruptedException}, flag set)
     * @throws ElicenseBusinessException LOGIN_NOT_FOUND
     */
    public LoginStatus waitForLogin(String loginId, Duration timeout, LoginProgress progress) {
        byte[] id = NativeSupport.cString(loginId, "loginId");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout is negative: " + timeout);
        }
        long millis = timeout.toMillis();
        if (millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeout is longer than " + Integer.MAX_VALUE + " ms: " + timeout);
        }
        // A strong reference to the JNA callback for the whole call: JNA frees the native
        // trampoline once the Java object is unreachable. It is used again after the call below.
        // Always installed, without a progress too: it is where the wait sees an interrupt.
        ProgressBridge bridge = new ProgressBridge(progress);
        return call(client -> {
            if (Thread.currentThread().isInterrupted()) {
                throw interruptedError();
            }
            PointerByReference out = new PointerByReference();
            int status = lib.elic_login_wait(out, client, id, (int) millis, bridge, null);
            bridge.rethrowIfFailed(status);
            NativeSupport.check(status);
            return readStatus(out);
        });
    }

    /**
     * Fetches the license data (照面信息) of the enterprise behind {@code grant}, checked against
     * the issuer's SM2 signature. A 吊销, 注销 or 迁出 enterprise is returned too: read
     * {@link License#getState()}.
     *
     * @throws ElicenseBusinessException GRANT_MISSING, GRANT_INVALID, GRANT_EXPIRED, SCOPE_DENIED, ENTERPRISE_NOT_FOUND
     * @throws ElicenseSecurityException RESPONSE_SIGNATURE_INVALID
     */
    public License fetchLicense(String grant) {
        byte[] token = NativeSupport.cString(grant, "grant");
        return call(client -> {
            PointerByReference out = new PointerByReference();
            NativeSupport.check(lib.elic_license_fetch(out, client, token));
            try {
                return License.read(lib, out.getValue());
            } finally {
                lib.elic_license_free(out.getValue());
            }
        });
    }

    /** {@link #issueMaterial(String, String, MaterialFormat)} as PDF. */
    public Material issueMaterial(String grant, String purpose) {
        return issueMaterial(grant, purpose, MaterialFormat.PDF);
    }

    /**
     * The one call that replaces uploading a scan of the paper license: the front issues signed
     * license material for the enterprise behind {@code grant}, watermarked with
     * {@code purpose} (the matter being handled). Each call issues a new material; not retried.
     *
     * @throws ElicenseUsageException INVALID_PURPOSE
     * @throws ElicenseBusinessException the grant statuses of {@link #fetchLicense(String)}
     */
    public Material issueMaterial(String grant, String purpose, MaterialFormat format) {
        byte[] token = NativeSupport.cString(grant, "grant");
        byte[] matter = NativeSupport.cString(purpose, "purpose");
        byte[] kind = NativeSupport.cString(Objects.requireNonNull(format, "format").wireName(), "format");
        return call(client -> {
            PointerByReference out = new PointerByReference();
            NativeSupport.check(lib.elic_material_issue(out, client, token, matter, kind));
            try {
                return Material.read(lib, out.getValue(), format);
            } finally {
                lib.elic_material_free(out.getValue());
            }
        });
    }

    /** Verifies a material by its verification code, its id (mt_…) or the text of its QR code. */
    public MaterialVerdict verifyMaterial(String reference) {
        byte[] text = NativeSupport.cString(reference, "reference");
        return call(client -> {
            IntByReference out = new IntByReference(MaterialVerdict.UNKNOWN.code());
            NativeSupport.check(lib.elic_material_verify(out, client, text));
            return MaterialVerdict.fromCode(out.getValue());
        });
    }

    /** True once {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Closes the client. Idempotent; safe while other threads are inside a call (the native
     * client is freed when the last of them returns); later calls throw {@link ElicenseClientClosedException}.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release();
        }
    }

    private LoginStatus readStatus(PointerByReference out) {
        try {
            return LoginStatus.read(lib, out.getValue());
        } finally {
            lib.elic_login_free(out.getValue());
        }
    }

    private interface NativeCall<T> {
        T run(Pointer client);
    }

    private <T> T call(NativeCall<T> body) {
        long current;
        do {
            current = calls.get();
            if (current == 0 || closed.get()) {
                throw closedError();
            }
            if (current == Long.MAX_VALUE) {
                throw new IllegalStateException("too many concurrent calls");
            }
        } while (!calls.compareAndSet(current, current + 1));
        try {
            if (callTimeoutMs == 0) {
                return body.run(handle);
            }
            NativeSupport.check(lib.elic_set_call_timeout_ms(callTimeoutMs));
            try {
                return body.run(handle); // reads the last error before the deadline is reset below
            } finally {
                lib.elic_set_call_timeout_ms(0);
            }
        } finally {
            release();
        }
    }

    /** What every method of a closed client throws, as in Python (ClientClosedError). */
    private static ElicenseClientClosedException closedError() {
        Status status = Status.INVALID_ARGUMENT;
        return new ElicenseClientClosedException(status.code(), status.cName(),
                NativeSupport.text(status, "客户端已关闭 (the client is closed)"), null, -1);
    }

    /** What an interrupted {@link #waitForLogin} throws; the thread's interrupt flag stays set. */
    private static ElicenseCancelledException interruptedError() {
        Thread.currentThread().interrupt();
        Status status = Status.CANCELLED;
        ElicenseCancelledException e = new ElicenseCancelledException(status.code(), status.cName(),
                NativeSupport.text(status, "等待登录的线程被中断 (the thread waiting for the login was interrupted)"), null, -1);
        e.initCause(new InterruptedException("waitForLogin"));
        return e;
    }

    private void release() {
        if (calls.decrementAndGet() == 0) {
            lib.elic_client_free(handle);
        }
    }

    /**
     * Adapts {@link LoginProgress} (may be null) to elic_progress_cb and cancels the wait of an
     * interrupted thread; never lets a Java exception reach C. C calls it on the waiting thread.
     */
    private static final class ProgressBridge implements LibElicense.ProgressCallback {
        private final LoginProgress progress;
        private volatile boolean interrupted;
        private volatile RuntimeException failure;
        private volatile Error error;

        ProgressBridge(LoginProgress progress) {
            this.progress = progress;
        }

        @Override
        public int invoke(int state, long elapsedMs, Pointer payload) {
            if (Thread.currentThread().isInterrupted()) {
                interrupted = true;
                return 1;
            }
            if (progress == null) {
                return 0;
            }
            try {
                return progress.onProgress(LoginState.fromCode(state), elapsedMs) ? 0 : 1;
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                error = e;
            } catch (Throwable e) { // a checked exception thrown sneakily
                failure = new IllegalStateException("progress callback failed", e);
            }
            return 1;
        }

        void rethrowIfFailed(int status) {
            if (status == Status.CANCELLED.code()) {
                if (interrupted) {
                    throw interruptedError();
                }
                if (error != null) {
                    throw error;
                }
                if (failure != null) {
                    throw failure;
                }
            }
        }
    }
}
