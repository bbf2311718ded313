package cn.elicense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating clients: from a file, from JSON text, and every kind of bad configuration. */
class ClientConfigTest {

    @Test
    void aClientFromTheIssuedFileTalksToTheFront() {
        try (ElicenseClient client = TestEnv.client()) {
            Whoami me = client.whoami();
            assertTrue(me.getAppId().startsWith("app-"), me.toString());
            assertEquals("sandbox", me.getProfile());
            assertEquals("企业开办一网通办系统", me.getAppName());
            assertTrue(me.getUnitName().startsWith("济南市行政审批服务局"), "Chinese text read back as UTF-8: " + me);
            assertFalse(me.getKeyId().isEmpty());
            assertTrue(Math.abs(Duration.between(me.getServerTime(), Instant.now()).getSeconds()) < 60, me.toString());
            assertTrue(me.getJson().contains("\"app_id\":\"" + me.getAppId() + "\""), me.getJson());
        }
    }

    @Test
    void aClientFromJsonTextWorksToo() throws IOException {
        String json = new String(Files.readAllBytes(TestEnv.path("config")), StandardCharsets.UTF_8);
        try (ElicenseClient client = ElicenseClient.fromJson("\n  " + json)) {
            assertEquals("sandbox", client.whoami().getProfile());
        }
    }

    @Test
    void aMissingFileIsAnIoError() {
        ElicenseUsageException e = assertThrows(ElicenseUsageException.class,
                () -> ElicenseClient.fromFile(Paths.get("/nonexistent/elicense.json")));
        assertEquals(Status.IO_ERROR, e.getStatus());
        assertTrue(e.getMessage().contains("文件读写失败") && e.getMessage().contains("/nonexistent/elicense.json"), e.getMessage());
    }

    @Test
    void malformedJsonIsAnInvalidConfig(@TempDir Path dir) throws IOException {
        ElicenseUsageException e = assertThrows(ElicenseUsageException.class, () -> ElicenseClient.fromJson("{"));
        assertEquals(Status.INVALID_CONFIG, e.getStatus());
        assertTrue(e.getMessage().contains("配置无效") && e.getMessage().contains("invalid configuration"), e.getMessage());
        Path file = dir.resolve("broken.json");
        Files.write(file, "{\"front_url\": ".getBytes(StandardCharsets.UTF_8));
        assertEquals(Status.INVALID_CONFIG,
                assertThrows(ElicenseUsageException.class, () -> ElicenseClient.fromFile(file)).getStatus());
    }

    @Test
    void aMissingSettingIsNamed() {
        ElicenseUsageException e = assertThrows(ElicenseUsageException.class,
                () -> ElicenseClient.fromJson("{\"profile\":\"sandbox\"}"));
        assertEquals(Status.INVALID_CONFIG, e.getStatus());
        assertTrue(e.getMessage().contains("front_url"), e.getMessage());
    }

    @Test
    void plainHttpToAnotherMachineIsRefused() {
        ElicenseUsageException e = assertThrows(ElicenseUsageException.class, () -> ElicenseClient.fromJson(
                "{\"profile\":\"sandbox\",\"front_url\":\"http://192.0.2.1\",\"app_id\":\"a\","
                        + "\"private_key_pem\":\"x\",\"front_public_keys_pem\":[\"y\"]}"));
        assertEquals(Status.INVALID_CONFIG, e.getStatus());
    }

    @Test
    void anUnreadablePrivateKeyIsASecurityError() {
        ElicenseSecurityException e = assertThrows(ElicenseSecurityException.class,
                () -> ElicenseClient.fromFile(TestEnv.path("config.badkey")));
        assertEquals(Status.KEY_INVALID, e.getStatus());
        assertTrue(e.getMessage().contains("密钥无效"), e.getMessage());
    }

    @Test
    void nullArgumentsFailInJavaAndAPathIsNeverTakenForJson() {
        assertThrows(NullPointerException.class, () -> ElicenseClient.fromFile((Path) null));
        assertThrows(NullPointerException.class, () -> ElicenseClient.fromFile((String) null));
        assertThrows(NullPointerException.class, () -> ElicenseClient.fromJson(null));
        assertThrows(IllegalArgumentException.class, () -> ElicenseClient.fromFile("/etc/elicense.json\0{"));
        assertEquals(Status.INVALID_CONFIG, assertThrows(ElicenseInvalidConfigException.class,
                () -> ElicenseClient.fromJson(TestEnv.path("config").toString())).getStatus());
        assertEquals(Status.IO_ERROR, assertThrows(ElicenseFileException.class,
                () -> ElicenseClient.fromFile("{\"profile\":\"sandbox\"}")).getStatus());
    }
}
