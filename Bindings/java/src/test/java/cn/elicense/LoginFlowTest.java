package cn.elicense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole flow against a sandbox front: login → license → material → verify, and the login's other endings. */
class LoginFlowTest {
    private static ElicenseClient client;

    @BeforeAll
    static void open() {
        client = TestEnv.client();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void fullFlowLoginLicenseMaterialVerify(@TempDir Path dir) throws Exception {
        LoginSession login = client.startLogin(TestEnv.PURPOSE);
        assertTrue(login.getId().startsWith("lg_"), login.getId());
        assertEquals(LoginState.PENDING, login.getState());
        assertTrue(login.getQrContent().contains("/sandbox/?t="), login.getQrContent());
        assertTrue(login.getConfirmationCode().matches("[0-9]{4}"), login.getConfirmationCode());
        assertTrue(login.getJson().contains("\"confirmation_code\":\"" + login.getConfirmationCode() + "\""), login.getJson());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(login.getQrPng(), 4));
        assertTrue(login.getQrPngDataUrl().startsWith("data:image/png;base64,iVBOR"));
        assertTrue(login.getExpiresAt().isAfter(Instant.now()));
        assertTrue(login.getJson().contains("\"login_id\""));
        assertEquals(Duration.ofSeconds(jsonNumber(login.getJson(), "interval")), login.getPollInterval());
        Path qr = dir.resolve("登录二维码.png");
        login.saveQr(qr);
        login.saveQr(qr.toString()); // replaces
        assertArrayEquals(login.getQrPng(), Files.readAllBytes(qr));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(qr)));
        Path nowhere = dir.resolve("missing").resolve("qr.png");
        ElicenseFileException unwritable = assertThrows(ElicenseFileException.class, () -> login.saveQr(nowhere));
        assertEquals(Status.IO_ERROR, unwritable.getStatus());
        assertTrue(unwritable.getMessage().contains(nowhere.toString()) && unwritable.getMessage().contains("二维码"),
                unwritable.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Arrays.asList(qr), files.collect(Collectors.toList()), "no temporary file left behind");
        }

        LoginStatus pending = client.pollLogin(login.getId());
        assertEquals(LoginState.PENDING, pending.getState());
        assertFalse(pending.isAuthorized());
        assertNull(pending.getGrant());
        assertNull(pending.getOperatorRole());
        assertEquals(Status.GRANT_MISSING, assertThrows(ElicenseGrantException.class, pending::requireGrant).getStatus());
        assertNull(pending.getGrantExpiresAt());
        assertEquals(Duration.ofSeconds(jsonNumber(pending.getJson(), "interval")), pending.getPollInterval());

        TestEnv.confirm(login.getQrContent());
        List<LoginState> seen = new ArrayList<>();
        LoginStatus done = client.waitForLogin(login.getId(), Duration.ofSeconds(30), (state, elapsed) -> {
            seen.add(state);
            return true;
        });
        assertTrue(done.isAuthorized(), done.toString());
        assertFalse(seen.isEmpty(), "progress callback called");
        assertEquals(LoginState.AUTHORIZED, seen.get(seen.size() - 1));
        assertEquals(TestEnv.DEMO_USCC, done.getSubjectUscc());
        assertFalse(done.getSubjectName().isEmpty());
        assertEquals(OperatorRole.LEGAL_REPRESENTATIVE, done.getOperatorRole());
        assertEquals("法定代表人", done.getOperatorRole().label());
        assertTrue(done.getOperatorName().contains("*"), done.getOperatorName());
        assertTrue(done.getGrant().startsWith("gr_"), "grant");
        assertEquals(done.getGrant(), done.requireGrant());
        Instant grantExpiry = done.getGrantExpiresAt();
        assertTrue(grantExpiry.isAfter(Instant.now()) && grantExpiry.isBefore(Instant.now().plus(Duration.ofDays(1))),
                "grant expiry " + grantExpiry);
        assertFalse(done.toString().contains(done.getGrant()), "toString leaves the grant out");
        assertTrue(done.getJson().contains("\"purpose\":\"企业开办\""), done.getJson());

        License license = client.fetchLicense(done.getGrant());
        assertEquals(TestEnv.DEMO_USCC, license.getUscc());
        assertEquals(done.getSubjectName(), license.getName());
        assertFalse(license.getType().isEmpty());
        assertFalse(license.getLegalRepresentative().isEmpty());
        BigDecimal capital = license.getRegisteredCapital();
        assertNotNull(capital);
        assertTrue(capital.signum() > 0);
        assertEquals("CNY", license.getCurrency());
        LocalDate established = license.getEstablishedOn();
        assertTrue(established.isBefore(LocalDate.now()));
        assertEquals(established, license.getOperatingFrom());
        assertEquals(license.isOperatingIndefinitely(), license.getOperatingTo() == null);
        assertTrue(license.getAddress().startsWith("山东省"), license.getAddress());
        assertFalse(license.getBusinessScope().isEmpty());
        assertTrue(license.getRegistrationAuthority().contains("市场监督管理局"), license.getRegistrationAuthority());
        assertNotNull(license.getApprovedOn());
        assertEquals(LicenseState.SUBSISTING, license.getState());
        assertTrue(license.getState().isInBusiness());
        assertTrue(license.inBusiness());
        assertEquals("存续", license.getStateText());
        assertEquals(license.getUscc(), license.get(LicenseField.UNISCID));
        assertTrue(license.getJson().contains("\"issuer_signature\""));
        assertTrue(license.getJson().contains(license.getName()), "license JSON read as UTF-8");

        Material material = client.issueMaterial(done.getGrant(), TestEnv.PURPOSE);
        assertEquals(MaterialFormat.PDF, material.getFormat());
        assertTrue(material.getId().startsWith("mt_"));
        assertEquals(14, material.getCode().length());
        assertTrue(material.getVerifyUrl().contains(material.getCode()));
        assertTrue(material.getExpiresAt().isAfter(Instant.now()));
        assertTrue(material.getDocumentSize() > 1000);
        assertEquals("%PDF", new String(material.getDocument(), 0, 4, "US-ASCII"));
        assertTrue(material.getRecordJson().contains("\"signature\""));
        assertTrue(material.inBusiness());
        Path saved = dir.resolve("营业执照材料.pdf");
        material.save(saved);
        assertArrayEquals(material.getDocument(), Files.readAllBytes(saved));

        assertEquals(MaterialVerdict.VALID, client.verifyMaterial(material.getCode()));
        assertEquals(MaterialVerdict.VALID, client.verifyMaterial(material.getId()));
        assertEquals(MaterialVerdict.VALID, client.verifyMaterial(material.getVerifyUrl()));
        assertEquals(MaterialVerdict.UNKNOWN, client.verifyMaterial("AAAA-BBBB-CCCC"));

        Material png = client.issueMaterial(done.getGrant(), TestEnv.PURPOSE, MaterialFormat.PNG);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png.getDocument(), 4));
        assertEquals("image/png", png.getFormat().contentType());
    }

    @Test
    void chineseAndSupplementaryCharactersInThePurposeArriveIntact() throws Exception {
        String purpose = "食品经营许可（𠀾𪚥）申请";
        Material material = client.issueMaterial(TestEnv.grant(), purpose);
        assertTrue(material.getRecordJson().contains(purpose), material.getRecordJson());
    }

    @Test
    void aRevokedEnterpriseIsNotInBusinessThoughItsMaterialVerifies() throws Exception {
        LoginSession login = client.startLogin(TestEnv.PURPOSE);
        assertEquals(200, TestEnv.scan(TestEnv.front(), login.getQrContent(), TestEnv.REVOKED_USCC, "confirm",
                "legal_representative"));
        String grant = client.waitForLogin(login.getId(), Duration.ofSeconds(30)).requireGrant();
        License license = client.fetchLicense(grant);
        assertEquals(LicenseState.REVOKED, license.getState());
        assertFalse(license.inBusiness());
        Material material = client.issueMaterial(grant, TestEnv.PURPOSE);
        assertFalse(material.inBusiness());
        assertEquals(MaterialVerdict.VALID, client.verifyMaterial(material.getCode()), "why the check is needed");
    }

    /** A whole number after {@code "name":} in a JSON text. */
    private static long jsonNumber(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return Long.parseLong(m.group(1));
    }

    @Test
    void aDeniedLoginIsAStateNotAnError() throws Exception {
        LoginSession login = client.startLogin(TestEnv.PURPOSE);
        assertEquals(200, TestEnv.scan(TestEnv.front(), login.getQrContent(), "deny", "agent"));
        LoginStatus done = client.waitForLogin(login.getId(), Duration.ofSeconds(30));
        assertEquals(LoginState.DENIED, done.getState());
        assertTrue(done.getState().isFinal());
        assertNull(done.getGrant());
        ElicenseLoginException denied = assertThrows(ElicenseLoginException.class, done::requireGrant);
        assertEquals(Status.LOGIN_DENIED, denied.getStatus());
        assertTrue(denied.getMessage().contains(login.getId()), denied.getMessage());
    }

    @Test
    void progressReturningFalseCancelsTheWait() {
        LoginSession login = client.startLogin(TestEnv.PURPOSE);
        ElicenseUsageException e = assertThrows(ElicenseUsageException.class,
                () -> client.waitForLogin(login.getId(), Duration.ofSeconds(30), (state, elapsed) -> false));
        assertEquals(Status.CANCELLED, e.getStatus());
        // The login stays usable: waiting again (at the advised interval) runs into the timeout, not an error.
        assertThrows(ElicenseTimeoutException.class, () -> client.waitForLogin(login.getId(), Duration.ofMillis(1500)));
    }

    @Test
    void anExceptionFromProgressCancelsAndIsRethrown() {
        LoginSession login = client.startLogin(TestEnv.PURPOSE);
        IllegalStateException mine = new IllegalStateException("page closed");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> client.waitForLogin(login.getId(), Duration.ofSeconds(30), (state, elapsed) -> {
                    throw mine;
                }));
        assertSame(mine, thrown);
    }

    @Test
    void aWaitWithoutAnswerTimesOutInTime() {
        LoginSession login = client.startLogin(TestEnv.PURPOSE);
        long started = System.nanoTime();
        ElicenseTimeoutException e = assertThrows(ElicenseTimeoutException.class,
                () -> client.waitForLogin(login.getId(), Duration.ofMillis(1500)));
        assertEquals(Status.TIMEOUT, e.getStatus());
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "timeout honoured");
        assertThrows(IllegalArgumentException.class, () -> client.waitForLogin(login.getId(), Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> client.waitForLogin(login.getId(), Duration.ofDays(30)));
    }

    @Test
    void anUnknownLoginIsABusinessErrorWithTheFrontsRequestId() {
        ElicenseBusinessException e = assertThrows(ElicenseBusinessException.class, () -> client.pollLogin("lg_unknown"));
        assertEquals(Status.LOGIN_NOT_FOUND, e.getStatus());
        assertTrue(e.getMessage().contains("登录会话不存在") && e.getMessage().contains("login session not found"), e.getMessage());
        assertNotNull(e.getRequestId(), e.getMessage());
        assertTrue(e.getRequestId().startsWith("rq_") && e.getMessage().contains(e.getRequestId()), e.getRequestId());
        assertEquals("login_not_found", e.getCode());
    }

    @Test
    void pollingTooFastCarriesTheAdvisedDelayApart() {
        LoginSession login = client.startLogin(TestEnv.PURPOSE);
        client.pollLogin(login.getId());
        ElicenseLoginException e = assertThrows(ElicenseLoginException.class, () -> client.pollLogin(login.getId()));
        assertEquals(Status.SLOW_DOWN, e.getStatus());
        assertTrue(e.getRetryAfterMs() > 0, String.valueOf(e.getRetryAfterMs()));
    }

    @Test
    void badGrantsAndPurposesAreReportedByStatus() {
        assertEquals(Status.GRANT_INVALID,
                assertThrows(ElicenseBusinessException.class, () -> client.fetchLicense("gr_forged")).getStatus());
        assertEquals(Status.GRANT_MISSING,
                assertThrows(ElicenseBusinessException.class, () -> client.fetchLicense("")).getStatus());
        assertEquals(Status.INVALID_PURPOSE,
                assertThrows(ElicenseUsageException.class, () -> client.startLogin("")).getStatus());
        assertEquals(Status.GRANT_INVALID, assertThrows(ElicenseBusinessException.class,
                () -> client.issueMaterial("gr_forged", TestEnv.PURPOSE)).getStatus());
    }
}
