package cn.elicense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A dead, a stalled and a forging server, as the department's network may present them. */
class BadServerTest {

    @Test
    void aDeadServerIsANetworkErrorNotATimeout() {
        try (ElicenseClient client = ElicenseClient.fromFile(TestEnv.path("config.dead"))) {
            ElicenseNetworkException e = assertThrows(ElicenseNetworkException.class, client::whoami);
            assertFalse(e instanceof ElicenseTimeoutException);
            assertEquals(Status.NETWORK, e.getStatus());
            assertTrue(e.getMessage().contains("无法连接前置系统") && e.getMessage().contains("cannot reach the front system"),
                    e.getMessage());
        }
    }

    @Test
    void aStalledServerTimesOutWithinTheConfiguredTimeout() {
        try (ElicenseClient client = ElicenseClient.fromFile(TestEnv.path("config.stall"))) {
            long started = System.nanoTime();
            ElicenseTimeoutException e = assertThrows(ElicenseTimeoutException.class, client::whoami);
            assertEquals(Status.TIMEOUT, e.getStatus());
            assertTrue(System.nanoTime() - started < 10_000_000_000L);
        }
    }

    @Test
    void aResponseSignedWithAnotherKeyIsASecurityError() {
        try (ElicenseClient client = ElicenseClient.fromFile(TestEnv.path("config.forged"))) {
            ElicenseSecurityException e = assertThrows(ElicenseSecurityException.class, client::whoami);
            assertEquals(Status.RESPONSE_SIGNATURE_INVALID, e.getStatus());
            assertEquals("ELIC_E_RESPONSE_SIGNATURE_INVALID", e.getStatusName());
            assertTrue(e.getMessage().contains("应答签名无效"), e.getMessage());
        }
    }
}
