package cn.elicense;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.ByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The C ABI of libelicense ({@code Include/elicense.h}), one method per exported function, in
 * the header's order. Package-private: the public classes never expose {@link Pointer}.
 *
 * <p>Mapping rules: handles are {@link Pointer}; input strings are NUL-terminated UTF-8
 * {@code byte[]} (see {@link NativeSupport#cString}); {@code const char *} results are borrowed
 * {@link Pointer}s read with {@code getString(0, "UTF-8")}; {@code char **out} results are
 * {@link PointerByReference}s whose value the caller frees with {@link #elic_free};
 * {@code int32_t} is {@code int}, {@code int64_t} is {@code long}, {@code size_t *} is
 * {@link SizeTByReference}.
 */
interface LibElicense extends Library {

    /** {@code elic_progress_cb}: called on the waiting thread; non-zero cancels. */
    interface ProgressCallback extends Callback {
        int invoke(int state, long elapsedMs, Pointer payload);
    }

    /** A {@code size_t} out-parameter, as wide as the platform's {@code size_t}. JNA instantiates it reflectively. */
    final class SizeTByReference extends ByReference {
        public SizeTByReference() {
            super(Native.SIZE_T_SIZE);
            if (Native.SIZE_T_SIZE == 8) {
                getPointer().setLong(0, 0);
            } else {
                getPointer().setInt(0, 0);
            }
        }

        long getValue() {
            return Native.SIZE_T_SIZE == 8 ? getPointer().getLong(0) : getPointer().getInt(0) & 0xffffffffL;
        }
    }

    int elic_abi_version();

    void elic_client_free(Pointer client);

    int elic_client_new(PointerByReference out, byte[] config);

    int elic_client_whoami(PointerByReference out, Pointer client);

    void elic_free(Pointer pointer);

    Pointer elic_last_error();

    int elic_license_fetch(PointerByReference out, Pointer client, byte[] grant);

    void elic_license_free(Pointer license);

    Pointer elic_license_get(Pointer license, int field);

    Pointer elic_license_json(Pointer license);

    int elic_license_state(Pointer license);

    Pointer elic_login_code(Pointer login);

    long elic_login_expires_at(Pointer login);

    void elic_login_free(Pointer login);

    Pointer elic_login_grant(Pointer login);

    Pointer elic_login_id(Pointer login);

    Pointer elic_login_json(Pointer login);

    Pointer elic_login_operator_name(Pointer login);

    int elic_login_operator_role(Pointer login);

    int elic_login_poll(PointerByReference out, Pointer client, byte[] loginId);

    Pointer elic_login_qr_content(Pointer login);

    Pointer elic_login_qr_png(Pointer login, SizeTByReference len);

    int elic_login_start(PointerByReference out, Pointer client, byte[] purpose);

    int elic_login_state(Pointer login);

    Pointer elic_login_subject_name(Pointer login);

    Pointer elic_login_subject_uscc(Pointer login);

    int elic_login_wait(PointerByReference out, Pointer client, byte[] loginId, int timeoutMs,
            ProgressCallback progress, Pointer payload);

    Pointer elic_material_code(Pointer material);

    Pointer elic_material_document(Pointer material, SizeTByReference len);

    long elic_material_expires_at(Pointer material);

    int elic_material_fetch(PointerByReference out, Pointer client, byte[] grant, byte[] purpose, byte[] format);

    void elic_material_free(Pointer material);

    Pointer elic_material_id(Pointer material);

    Pointer elic_material_json(Pointer material);

    int elic_material_save(Pointer material, byte[] path);

    int elic_material_verify(IntByReference out, Pointer client, byte[] reference);

    Pointer elic_material_verify_url(Pointer material);

    Pointer elic_status_str(int status);

    int elic_uscc_validate(PointerByReference out, byte[] code);

    Pointer elic_version();
}
