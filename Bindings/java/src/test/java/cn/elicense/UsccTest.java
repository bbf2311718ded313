package cn.elicense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** 统一社会信用代码 checked offline through elic_uscc_validate. */
class UsccTest {

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "91370102MA01ELC161", "91370100MA3C4L8T06", "52370000MJD6012X46"})
    void validCodesPass(String code) {
        Uscc.Report report = Uscc.validate(code);
        assertTrue(report.isValid(), report.toString());
        assertEquals("", report.getMessage());
        assertTrue(report.getJson().contains("\"valid\":true"), report.getJson());
        assertEquals(code, Uscc.requireValid(code));
    }

    @Test
    void aWrongCheckCharacterIsNamedWithPositionAndExpectedValueInBothLanguages() {
        Uscc.Report report = Uscc.validate("91350100M000100Y44");
        assertFalse(report.isValid());
        assertTrue(report.getMessage().contains("第18位") && report.getMessage().contains("应为“3”"), report.getMessage());
        assertTrue(report.getMessage().contains("expected '3'"), report.getMessage());
        assertTrue(report.getJson().contains("check_character_mismatch"), report.getJson());
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100m000100y43", "９1350100M000100Y43", "91350100M0001O0Y43", " 91350100M000100Y43",
        "91350100M000100Y4", "91350100M000100Y433", "", "统一社会信用代码"})
    void invalidCodesAreReportedNotThrown(String code) {
        Uscc.Report report = Uscc.validate(code);
        assertFalse(report.isValid(), code);
        assertFalse(report.getMessage().isEmpty(), code);
        assertFalse(Uscc.isValid(code));
    }

    @Test
    void requireValidThrowsAUsageExceptionWithStatusAndBilingualMessage() {
        ElicenseUsageException e = assertThrows(ElicenseUsageException.class, () -> Uscc.requireValid("91350100M000100Y44"));
        assertEquals(Status.INVALID_USCC, e.getStatus());
        assertEquals(7, e.getStatusCode());
        assertEquals("invalid_uscc", e.getCode());
        assertEquals("ELIC_E_INVALID_USCC", e.getStatusName());
        assertTrue(e.getMessage().contains("统一社会信用代码无效") && e.getMessage().contains("invalid unified social credit code"),
                e.getMessage());
    }

    @Test
    void nullAndUnencodableInputFailInJavaBeforeReachingC() {
        assertThrows(NullPointerException.class, () -> Uscc.validate(null));
        assertThrows(IllegalArgumentException.class, () -> Uscc.validate("91350100M000100Y43\0"));
        assertThrows(IllegalArgumentException.class, () -> Uscc.validate("9135\ud800"));
    }
}
