package cn.elicense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Wrong use is caught in Java, with Java's exceptions, before anything reaches C. */
class MisuseTest {

    @Test
    void nullArgumentsThrowNullPointerExceptionNamingTheParameter() {
        try (ElicenseClient client = TestEnv.client()) {
            assertEquals("purpose", assertThrows(NullPointerException.class, () -> client.startLogin(null)).getMessage());
            assertEquals("loginId", assertThrows(NullPointerException.class, () -> client.pollLogin(null)).getMessage());
            assertEquals("loginId", assertThrows(NullPointerException.class,
                    () -> client.waitForLogin(null, Duration.ofSeconds(1))).getMessage());
            assertEquals("timeout", assertThrows(NullPointerException.class,
                    () -> client.waitForLogin("lg_x", null)).getMessage());
            assertEquals("grant", assertThrows(NullPointerException.class, () -> client.fetchLicense(null)).getMessage());
            assertEquals("grant", assertThrows(NullPointerException.class,
                    () -> client.issueMaterial(null, TestEnv.PURPOSE)).getMessage());
            assertEquals("purpose", assertThrows(NullPointerException.class,
                    () -> client.issueMaterial("gr_x", null)).getMessage());
            assertEquals("format", assertThrows(NullPointerException.class,
                    () -> client.issueMaterial("gr_x", TestEnv.PURPOSE, null)).getMessage());
            assertEquals("reference", assertThrows(NullPointerException.class, () -> client.verifyMaterial(null)).getMessage());
            // Still usable afterwards: nothing reached C.
            assertEquals("sandbox", client.whoami().getProfile());
        }
    }

    @Test
    void stringsThatCWouldMisreadAreRefused() {
        try (ElicenseClient client = TestEnv.client()) {
            assertThrows(IllegalArgumentException.class, () -> client.fetchLicense("gr_abc\0gr_def"));
            assertThrows(IllegalArgumentException.class, () -> client.startLogin("企业\ud800开办"));
        }
    }
}
