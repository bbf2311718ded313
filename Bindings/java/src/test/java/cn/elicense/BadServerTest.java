package cn.elicense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

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
    void aWithTimeoutViewEndsACallAtItsDeadlineAndTheThreadGetsTheConfigurationBack() {
        // The stalled front never answers; its configuration allows 1 s, no retry.
        try (ElicenseClient client = ElicenseClient.fromFile(TestEnv.path("config.stall"))) {
            long started = System.nanoTime();
            assertThrows(ElicenseTimeoutException.class, () -> client.withTimeout(Duration.ofMillis(200)).whoami());
            long viewMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(viewMs < 700, "the view's call took " + viewMs + " ms");

            started = System.nanoTime();
            assertThrows(ElicenseTimeoutException.class, client::whoami);
            long plainMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(plainMs >= 900, "after the view's call the thread has the configuration's 1 s again: " + plainMs + " ms");

            assertThrows(IllegalArgumentException.class, () -> client.withTimeout(Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> client.withTimeout(Duration.ofMillis(-1)));
        }
    }

    @Test
    void aWithTimeoutViewIsTheSameClient() {
        ElicenseClient client = ElicenseClient.fromFile(TestEnv.path("config.stall"));
        ElicenseClient view = client.withTimeout(Duration.ofDays(365_000_000L)); // longer than any limit: allowed
        client.close();
        assertTrue(view.isClosed(), "closing the client closes its views");
        assertThrows(ElicenseClientClosedException.class, view::whoami);
        assertThrows(ElicenseClientClosedException.class, () -> client.withTimeout(Duration.ofSeconds(1)));
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
