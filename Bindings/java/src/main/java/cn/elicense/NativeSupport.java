package cn.elicense;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Loads libelicense once, checks its ABI version, and converts between Java and the C ABI.
 *
 * <p>Where the library is looked for, first match wins: the system property
 * {@code elicense.library} or the environment variable {@code ELICENSE_LIBRARY} (a file path or
 * a library name), else {@code elicense} by JNA's search ({@code -Djna.library.path=DIR}, then
 * the system's loader paths).
 */
final class NativeSupport {

    /** The ABI version of Include/elicense.h this binding was written for (ELIC_ABI_VERSION). */
    static final int ABI_VERSION = AbiVersion.VALUE;

    private static final Object LOCK = new Object();
    private static LibElicense library;
    private static UnsatisfiedLinkError failure;

    private NativeSupport() {
    }

    /** The loaded library; throws the same clear {@link UnsatisfiedLinkError} on every call if it cannot load. */
    static LibElicense lib() {
        synchronized (LOCK) {
            if (library == null && failure == null) {
                try {
                    library = load(libraryName());
                } catch (UnsatisfiedLinkError e) {
                    failure = e;
                }
            }
            if (library != null) {
                return library;
            }
            UnsatisfiedLinkError again = new UnsatisfiedLinkError(failure.getMessage());
            again.initCause(failure.getCause() != null ? failure.getCause() : failure);
            throw again;
        }
    }

    static String libraryName() {
        String name = System.getProperty("elicense.library");
        if (name == null || name.isEmpty()) {
            name = System.getenv("ELICENSE_LIBRARY");
        }
        return name == null || name.isEmpty() ? "elicense" : name;
    }

    /** Loads libelicense from a name or path and refuses a library of another ABI version. */
    static LibElicense load(String nameOrPath) {
        Map<String, Object> options = new HashMap<String, Object>();
        options.put(Library.OPTION_STRING_ENCODING, "UTF-8");
        LibElicense loaded;
        String file;
        try {
            loaded = Native.load(nameOrPath, LibElicense.class, Collections.unmodifiableMap(options));
            java.io.File where = NativeLibrary.getInstance(nameOrPath, options).getFile();
            file = where == null ? nameOrPath : where.getPath();
        } catch (UnsatisfiedLinkError e) {
            UnsatisfiedLinkError clear = new UnsatisfiedLinkError("libelicense not found (looked for \"" + nameOrPath
                    + "\"): set -Djna.library.path=<directory of libelicense.so>, or ELICENSE_LIBRARY / "
                    + "-Delicense.library=<path of libelicense.so.1>. 未找到 libelicense 动态库。 (" + e.getMessage() + ")");
            clear.initCause(e);
            throw clear;
        }
        int abi;
        try {
            abi = loaded.elic_abi_version();
        } catch (UnsatisfiedLinkError e) {
            UnsatisfiedLinkError clear = new UnsatisfiedLinkError(file + " is not libelicense: it has no elic_abi_version");
            clear.initCause(e);
            throw clear;
        }
        checkAbi(abi, file);
        return loaded;
    }

    static void checkAbi(int found, String file) {
        if (found != ABI_VERSION) {
            throw new UnsatisfiedLinkError("libelicense ABI mismatch: " + file + " has ABI version " + found
                    + ", this Java binding was written for ABI version " + ABI_VERSION
                    + "; install a matching libelicense and elicense.jar. libelicense 接口版本不匹配，拒绝加载。");
        }
    }

    /** NUL-terminated UTF-8 for a C string parameter; rejects what C would misread. */
    static byte[] cString(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(name + " contains a NUL character");
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer encoded;
        try {
            encoded = encoder.encode(CharBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(name + " is not valid Unicode (unpaired surrogate)", e);
        }
        byte[] bytes = new byte[encoded.remaining() + 1];
        encoded.get(bytes, 0, bytes.length - 1);
        return bytes; // last byte stays 0
    }

    /** A borrowed C string, or null. */
    static String string(Pointer pointer) {
        return pointer == null ? null : pointer.getString(0, "UTF-8");
    }

    /** Reads an owned C string from an out-parameter and frees it. */
    static String takeString(PointerByReference out) {
        Pointer pointer = out.getValue();
        if (pointer == null) {
            return null;
        }
        try {
            return pointer.getString(0, "UTF-8");
        } finally {
            lib().elic_free(pointer);
        }
    }

    /** Copies a borrowed buffer. */
    static byte[] bytes(Pointer pointer, LibElicense.SizeTByReference length) {
        long size = length.getValue();
        if (pointer == null || size == 0) {
            return new byte[0];
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw error(Status.INTERNAL.code(), "buffer of " + size + " bytes is too large for Java", null, -1);
        }
        return pointer.getByteArray(0, (int) size);
    }

    static Instant instant(long unixSeconds) {
        return unixSeconds == 0 ? null : Instant.ofEpochSecond(unixSeconds);
    }

    /** Throws the exception for a failed status, with this thread's last error and its details. Call it right after the C call. */
    static void check(int status) {
        if (status != Status.OK.code()) {
            LibElicense lib = lib();
            throw error(status, string(lib.elic_last_error()), string(lib.elic_last_error_request_id()),
                    lib.elic_last_error_retry_after_ms());
        }
    }

    /** The exception for a status; an empty message becomes the library's description of the status. */
    static ElicenseException error(int status, String message, String requestId, long retryAfterMs) {
        String text = message == null || message.isEmpty() ? describe(status) : message;
        return ElicenseException.of(status, statusName(status), text, requestId, retryAfterMs);
    }

    /** An error text the binding makes: the library's description of the status, then the detail. */
    static String text(Status status, String detail) {
        String description = describe(status.code()); // "ELIC_E_…: 中文 (English)"
        return description.substring(description.indexOf(':') + 1).trim() + ": " + detail;
    }

    /** {@code elic_status_str}: "ELIC_E_X: 中文 (English)", also for codes the library does not know. */
    static String describe(int code) {
        try {
            return string(lib().elic_status_str(code));
        } catch (UnsatisfiedLinkError e) {
            return "status " + code;
        }
    }

    /** The C name of a status, asking the library for codes newer than this binding. */
    private static String statusName(int code) {
        Status status = Status.fromCode(code);
        if (status != Status.UNKNOWN) {
            return status.cName();
        }
        String described = describe(code);
        int colon = described.indexOf(':');
        return colon > 0 && described.startsWith("ELIC_") ? described.substring(0, colon) : "ELIC_E_UNKNOWN(" + code + ")";
    }
}
