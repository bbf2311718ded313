package cn.elicense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Reading the WhoAmI JSON of elic_client_whoami without a JSON library (Java 8, JNA only). */
class WhoamiTest {

    @Test
    void escapesOffsetsAndOtherMembersAreRead() {
        Whoami me = Whoami.parse("{ \"app_id\" : \"app-\\u4e00\\\"x\\\\\", \"n\": 12, \"ok\": true,"
                + "\"unit_name\":\"济南\\/市\",\"server_time\":\"2026-11-25T16:29:58.5+08:00\"}");
        assertEquals("app-一\"x\\", me.getAppId());
        assertEquals("济南/市", me.getUnitName());
        assertEquals("", me.getProfile(), "an absent member reads as empty, as in Python");
        assertEquals(Instant.parse("2026-11-25T08:29:58.500Z"), me.getServerTime());
        assertNull(Whoami.parse("{}").getServerTime());
    }

    @Test
    void malformedTextIsALibraryFault() {
        for (String bad : new String[] {"", "[]", "{\"app_id\":\"x\"", "{\"a\":{\"b\":1}}", "{\"a\":\"\\u12\"}", "{\"a\":}"}) {
            assertThrows(IllegalStateException.class, () -> Whoami.parse(bad), bad);
        }
    }
}
