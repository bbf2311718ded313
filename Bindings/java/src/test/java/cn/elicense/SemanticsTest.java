package cn.elicense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The behaviours both bindings share: every line of Tests/bindings/semantics.tsv is a test here,
 * and the Python binding's test_semantics.py reads the same lines.
 */
class SemanticsTest {
    private static final Path TABLE = Paths.get(System.getProperty("elicense.test.semantics", "Tests/bindings/semantics.tsv"));
    private static List<String[]> lines;
    private static ElicenseClient client;

    @BeforeAll
    static void open() throws IOException {
        lines = Files.readAllLines(TABLE, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\t", -1))
                .collect(Collectors.toList());
        client = TestEnv.client();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static Stream<DynamicTest> rows(String kind, Consumer<String[]> body) {
        List<String[]> found = lines.stream().filter(line -> line[0].equals(kind)).collect(Collectors.toList());
        assertFalse(found.isEmpty(), "no " + kind + " line in " + TABLE);
        return found.stream().map(line -> {
            String[] columns = Arrays.copyOfRange(line, 1, line.length);
            return DynamicTest.dynamicTest(kind + " " + String.join(" ", columns), () -> body.accept(columns));
        });
    }

    /** The table's exception name as this binding spells it (see the table's head). */
    private static Class<?> exceptionClass(String name) {
        try {
            return Class.forName("cn.elicense.Elicense" + name + "Exception");
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no exception class for " + name, e);
        }
    }

    /** a_b as getAB. */
    private static String getter(String field) {
        StringBuilder name = new StringBuilder("get");
        for (String part : field.split("_")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }

    private static final List<String> KINDS = Arrays.asList("progress", "closed", "close_twice", "exception",
            "client_closed", "error_field", "front_error", "whoami", "enum", "no_type", "constructor");

    @Test
    void everyKindOfLineIsAsserted() {
        assertEquals(new TreeSet<>(KINDS), lines.stream().map(line -> line[0]).collect(Collectors.toCollection(TreeSet::new)));
    }

    // -- the login progress callback ----------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> progressCallback() {
        return rows("progress", row -> {
            boolean answer = Boolean.parseBoolean(row[0]);
            LoginSession login = client.startLogin(TestEnv.PURPOSE);
            List<LoginState> seen = new ArrayList<>();
            LoginProgress progress = (state, elapsed) -> {
                seen.add(state);
                if (seen.size() == 1 && row[1].equals("go_on")) {
                    try {
                        TestEnv.confirm(login.getQrContent());
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return answer;
            };
            if (row[1].equals("cancel")) {
                ElicenseCancelledException e = assertThrows(ElicenseCancelledException.class,
                        () -> client.waitForLogin(login.getId(), Duration.ofSeconds(30), progress));
                assertEquals(Status.CANCELLED, e.getStatus());
                assertEquals(Arrays.asList(LoginState.PENDING), seen);
            } else {
                assertEquals("go_on", row[1]);
                assertTrue(client.waitForLogin(login.getId(), Duration.ofSeconds(30), progress).isAuthorized());
                assertEquals(LoginState.PENDING, seen.get(0));
                assertEquals(LoginState.AUTHORIZED, seen.get(seen.size() - 1));
            }
        });
    }

    // -- a closed client ----------------------------------------------------------------------

    private static final Map<String, Consumer<ElicenseClient>> CALLS = new HashMap<>();

    static {
        CALLS.put("whoami", ElicenseClient::whoami);
        CALLS.put("startLogin", c -> c.startLogin(TestEnv.PURPOSE));
        CALLS.put("pollLogin", c -> c.pollLogin("lg_x"));
        CALLS.put("waitForLogin", c -> c.waitForLogin("lg_x", Duration.ofSeconds(1)));
        CALLS.put("fetchLicense", c -> c.fetchLicense("gr_x"));
        CALLS.put("issueMaterial", c -> c.issueMaterial("gr_x", TestEnv.PURPOSE));
        CALLS.put("verifyMaterial", c -> c.verifyMaterial("AAAA-BBBB-CCCC"));
    }

    @Test
    void theTableNamesEveryMethodOfTheClient() {
        TreeSet<String> methods = Arrays.stream(ElicenseClient.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .map(Method::getName)
                // withTimeout: Python's per-call deadline is an argument of each call, not a method
                // (BadServerTest checks that a closed client's withTimeout throws ClientClosed too)
                .filter(name -> !name.equals("close") && !name.equals("isClosed") && !name.equals("withTimeout"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(methods, lines.stream().filter(line -> line[0].equals("closed")).map(line -> line[2])
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @TestFactory
    Stream<DynamicTest> aClosedClientThrowsClientClosed() {
        ElicenseClient closed = ElicenseClient.fromFile(TestEnv.path("config"));
        closed.close();
        return rows("closed", row -> {
            ElicenseClientClosedException e = assertThrows(ElicenseClientClosedException.class,
                    () -> CALLS.get(row[1]).accept(closed));
            assertEquals(Status.INVALID_ARGUMENT, e.getStatus());
            assertTrue(e.getMessage().contains("客户端已关闭") && e.getMessage().contains("the client is closed"), e.getMessage());
        });
    }

    @TestFactory
    Stream<DynamicTest> closeTwice() {
        return rows("close_twice", row -> {
            assertEquals("no_op", row[0]);
            ElicenseClient twice = ElicenseClient.fromFile(TestEnv.path("config"));
            twice.close();
            twice.close();
            assertTrue(twice.isClosed());
        });
    }

    @TestFactory
    Stream<DynamicTest> theClosedClientException() {
        return rows("client_closed", row -> {
            Class<?> type = exceptionClass(row[0]);
            assertEquals(ElicenseClientClosedException.class, type);
            for (String ancestor : row[1].split(" ")) {
                assertTrue(exceptionClass(ancestor).isAssignableFrom(type), ancestor);
            }
            assertTrue(ElicenseException.class.isAssignableFrom(type));
            assertEquals(Status.INVALID_ARGUMENT.code(), Integer.parseInt(row[2]));
        });
    }

    // -- exceptions ---------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> exceptionOfAStatus() {
        return rows("exception", row -> {
            int status = Integer.parseInt(row[0]);
            ElicenseException e = ElicenseException.of(status, "ELIC_E_X", "m", null, -1);
            assertEquals(exceptionClass(row[2]), e.getClass());
            for (String ancestor : row[3].split(" ")) {
                if (!ancestor.equals("-")) {
                    assertTrue(exceptionClass(ancestor).isInstance(e), ancestor);
                }
            }
            if (!row[1].equals("-")) {
                assertEquals(row[1], e.getCode());
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> whatAnExceptionExposes() {
        ElicenseException e = assertThrows(ElicenseException.class, () -> client.fetchLicense("gr_forged"));
        return rows("error_field", row -> {
            try {
                assertNotNull(ElicenseException.class.getMethod(getter(row[0])));
            } catch (NoSuchMethodException missing) {
                fail(getter(row[0]) + " missing on " + e);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> aFailureTheFrontReports() {
        return rows("front_error", row -> {
            ElicenseException e = assertThrows(ElicenseException.class, () -> {
                switch (row[0]) {
                    case "license":
                        client.fetchLicense("gr_forged");
                        break;
                    case "login_poll":
                        client.pollLogin("lg_unknown");
                        break;
                    case "login_poll_again":
                        String id = client.startLogin(TestEnv.PURPOSE).getId();
                        client.pollLogin(id);
                        client.pollLogin(id);
                        break;
                    default:
                        fail("unknown call " + row[0]);
                }
            });
            assertEquals(row[1], e.getCode());
            assertNotNull(e.getRequestId(), e.toString());
            assertTrue(e.getRequestId().startsWith(row[2]), e.getRequestId());
            if (row[3].equals("none")) {
                assertEquals(-1, e.getRetryAfterMs());
            } else {
                assertEquals("positive", row[3]);
                assertTrue(e.getRetryAfterMs() > 0, String.valueOf(e.getRetryAfterMs()));
            }
        });
    }

    // -- results and enumerations -------------------------------------------------------------

    @Test
    void whoamiHasTheFieldsOfTheTableAndNoOther() {
        TreeSet<String> getters = Arrays.stream(Whoami.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getName().startsWith("get"))
                .map(Method::getName).filter(name -> !name.equals("getJson"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(getters, lines.stream().filter(line -> line[0].equals("whoami")).map(line -> getter(line[1]))
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @TestFactory
    Stream<DynamicTest> whoamiField() {
        Whoami me = client.whoami();
        return rows("whoami", row -> {
            try {
                Object value = Whoami.class.getMethod(getter(row[0])).invoke(me);
                assertNotNull(value, row[0]);
                assertFalse(value.toString().isEmpty(), row[0]);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(row[0], e);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> enumeration() {
        return rows("enum", row -> {
            try {
                Class<?> type = Class.forName("cn.elicense." + row[0]);
                Object member = type.getField(row[1]).get(null);
                assertEquals(Integer.parseInt(row[2]), type.getMethod("code").invoke(member));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(String.join(" ", row), e);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> nameNoLongerUsed() {
        return rows("no_type", row -> assertThrows(ClassNotFoundException.class, () -> Class.forName("cn.elicense." + row[0])));
    }

    // -- constructors -------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> constructorTakesOneKindOfInput() {
        return rows("constructor", row -> {
            String json;
            try {
                json = new String(Files.readAllBytes(TestEnv.path("config")), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            String path = TestEnv.path("config").toString();
            boolean givenJson = row[2].equals("json_text");
            assertTrue(givenJson || row[2].equals("path"), row[2]);
            String wrong = givenJson ? json : path;
            String right = givenJson ? path : json;
            ElicenseException e = assertThrows(ElicenseException.class, () -> construct(row[1], wrong));
            assertEquals(exceptionClass(row[3]), e.getClass());
            try (ElicenseClient made = construct(row[1], right)) {
                assertEquals("sandbox", made.whoami().getProfile());
            }
        });
    }

    private static ElicenseClient construct(String method, String argument) {
        switch (method) {
            case "fromFile":
                return ElicenseClient.fromFile(argument);
            case "fromJson":
                return ElicenseClient.fromJson(argument);
            default:
                throw new AssertionError("unknown constructor " + method);
        }
    }
}
