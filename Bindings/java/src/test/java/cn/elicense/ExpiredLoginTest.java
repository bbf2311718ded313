package cn.elicense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** A second front whose logins live 5 seconds (login_ttl_seconds: 5). */
class ExpiredLoginTest {

    @Test
    void anUnconfirmedLoginExpiresAsAStateAndCannotBeConfirmedAfterwards() throws Exception {
        try (ElicenseClient client = ElicenseClient.fromFile(TestEnv.path("config.short"))) {
            LoginSession login = client.startLogin(TestEnv.PURPOSE);
            LoginStatus done = client.waitForLogin(login.getId(), Duration.ofSeconds(20));
            assertEquals(LoginState.EXPIRED, done.getState());
            assertNull(done.getGrant());
            assertEquals(Status.LOGIN_EXPIRED, assertThrows(ElicenseLoginException.class, done::requireGrant).getStatus());
            assertNotEquals(200, TestEnv.scan(TestEnv.property("front.short"), login.getQrContent(), "confirm",
                    "legal_representative"));
        }
    }
}
