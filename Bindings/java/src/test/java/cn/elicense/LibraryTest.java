package cn.elicense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Loading, the ABI check, versions, and statuses. */
class LibraryTest {

    @Test
    void loadedLibraryHasTheBindingsAbiAndTheProjectVersion() {
        assertEquals(Elicense.ABI_VERSION, Elicense.libraryAbiVersion());
        assertEquals(TestEnv.property("version"), Elicense.libraryVersion());
    }

    @Test
    void aLibraryOfAnotherAbiVersionIsRefusedClearly() {
        UnsatisfiedLinkError error = assertThrows(UnsatisfiedLinkError.class, () -> NativeSupport.checkAbi(2, "/x/libelicense.so"));
        assertTrue(error.getMessage().contains("ABI version 2"), error.getMessage());
        assertTrue(error.getMessage().contains("written for ABI version " + Elicense.ABI_VERSION), error.getMessage());
    }

    @Test
    void aMissingLibraryIsReportedWithWhereToPutIt() {
        UnsatisfiedLinkError error = assertThrows(UnsatisfiedLinkError.class,
                () -> NativeSupport.load("/nonexistent/libelicense.so.1"));
        assertTrue(error.getMessage().contains("jna.library.path"), error.getMessage());
        assertTrue(error.getMessage().contains("ELICENSE_LIBRARY"), error.getMessage());
    }

    @Test
    void aLibraryThatIsNotLibelicenseIsRefused() {
        // A library of the JDK itself, loaded by path (a name such as "c" may resolve through the
        // process's global namespace, where libelicense's symbols already are).
        java.io.File other = new java.io.File(System.getProperty("java.home"), "lib/libzip.so");
        org.junit.jupiter.api.Assumptions.assumeTrue(other.exists(), "no " + other);
        UnsatisfiedLinkError error = assertThrows(UnsatisfiedLinkError.class, () -> NativeSupport.load(other.getPath()));
        assertTrue(error.getMessage().contains("not libelicense"), error.getMessage());
    }

    @Test
    void unknownStatusCodesAreUnknownButKeepTheirRange() {
        assertEquals(Status.UNKNOWN, Status.fromCode(250));
        assertEquals(Status.UNKNOWN, Status.fromCode(-1));
        ElicenseException network = NativeSupport.error(250, "", null, -1);
        assertTrue(network instanceof ElicenseNetworkException);
        assertEquals(Status.UNKNOWN, network.getStatus());
        assertEquals(250, network.getStatusCode());
        assertTrue(NativeSupport.error(42, "x", null, -1) instanceof ElicenseUsageException);
        assertTrue(NativeSupport.error(150, "x", null, -1) instanceof ElicenseBusinessException);
        assertTrue(NativeSupport.error(350, "x", null, -1) instanceof ElicenseSecurityException);
        assertTrue(NativeSupport.error(950, "x", null, -1) instanceof ElicenseInternalException);
        assertTrue(NativeSupport.error(5000, "x", null, -1) instanceof ElicenseInternalException);
        assertTrue(NativeSupport.error(Status.UPSTREAM_TIMEOUT.code(), "x", null, -1) instanceof ElicenseTimeoutException);
        assertTrue(network.getStatusName().startsWith("ELIC_E_"), network.getStatusName());
    }

    @Test
    void anExceptionWithoutLastErrorUsesTheLibrarysStatusText() {
        ElicenseException e = NativeSupport.error(Status.TIMEOUT.code(), "", null, -1);
        assertEquals("ELIC_E_TIMEOUT", e.getStatusName());
        assertTrue(e.getText().contains("请求超时") && e.getText().contains("request timed out"), e.getText());
        assertTrue(e.getMessage().startsWith("ELIC_E_TIMEOUT: "), e.getMessage());
        assertNull(e.getRequestId());
        assertEquals(-1, e.getRetryAfterMs());
        assertEquals("timeout", e.getCode());
    }

    @Test
    void describeNamesTheConstantBilingually() {
        assertTrue(Elicense.describe(Status.SIGNATURE_INVALID.code()).contains("请求签名无效"));
        assertTrue(Elicense.describe(Status.SIGNATURE_INVALID.code()).contains("ELIC_E_SIGNATURE_INVALID"));
        assertTrue(!Elicense.describe(123456).isEmpty());
    }
}
