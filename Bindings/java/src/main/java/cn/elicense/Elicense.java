package cn.elicense;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions of the binding and of the loaded libelicense. */
public final class Elicense {
    private Elicense() {
    }

    /** The ABI version (ELIC_ABI_VERSION) this binding was written for; a library of another ABI version is refused. */
    public static final int ABI_VERSION = NativeSupport.ABI_VERSION;

    /** The loaded library's version, e.g. "0.1.0" (loads the library). */
    public static String libraryVersion() {
        return NativeSupport.string(NativeSupport.lib().elic_version());
    }

    /** The loaded library's ABI version (loads the library; equal to {@link #ABI_VERSION} once loaded). */
    public static int libraryAbiVersion() {
        return NativeSupport.lib().elic_abi_version();
    }

    /** This binding's version, as built into elicense.jar (also its manifest's Implementation-Version); "dev" outside the jar. */
    public static String bindingVersion() {
        Properties properties = new Properties();
        try (InputStream in = Elicense.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // fall through to "dev"
        }
        return properties.getProperty("version", "dev");
    }

    /** {@code elic_status_str}: "ELIC_E_X: 中文 (English)" for any code, also one this binding does not know. */
    public static String describe(int code) {
        return NativeSupport.describe(code);
    }
}
