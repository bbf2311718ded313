package cn.elicense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The binding against Include/elicense.h (libsignal's verify_error_codes.sh idea): the same
 * status codes, enumeration values, ABI version and functions, so a new code or function in
 * the header fails here until the binding follows.
 */
class HeaderConsistencyTest {
    private static String header;

    @BeforeAll
    static void readHeader() throws IOException {
        header = new String(Files.readAllBytes(TestEnv.path("header")), StandardCharsets.UTF_8);
    }

    /** NAME → value of every "#define <prefix>NAME <number>" in the header. */
    private static Map<String, Integer> defines(String prefix) {
        Map<String, Integer> found = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^#define " + Pattern.quote(prefix) + "([A-Z0-9_]+)\\s+(\\d+)\\b").matcher(header);
        while (m.find()) {
            found.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        assertFalse(found.isEmpty(), "no " + prefix + "* in the header");
        return found;
    }

    private static <E extends Enum<E>> Map<String, Integer> constants(Class<E> type, ToIntFunction<E> code,
            Function<E, Boolean> include) {
        Map<String, Integer> found = new TreeMap<>();
        for (E value : type.getEnumConstants()) {
            if (include.apply(value)) {
                found.put(value.name(), code.applyAsInt(value));
            }
        }
        return found;
    }

    @Test
    void statusEnumListsExactlyTheHeadersStatusCodes() {
        Map<String, Integer> expected = defines("ELIC_E_");
        expected.put("OK", defines("ELIC_").get("OK"));
        assertEquals(expected, constants(Status.class, Status::code, s -> s != Status.UNKNOWN));
    }

    @Test
    void everyStatusSitsInTheCategoryOfItsRange() {
        for (Status status : Status.values()) {
            if (status != Status.UNKNOWN) {
                assertEquals(Status.Category.of(status.code()), status.category(), status.name());
                assertEquals(status, Status.fromCode(status.code()));
            }
        }
    }

    @Test
    void loginStatesRolesLicenseStatesVerdictsAndFieldsMatchTheHeader() {
        assertEquals(defines("ELIC_LOGIN_"), constants(LoginState.class, LoginState::code, s -> s != LoginState.UNKNOWN));
        assertEquals(defines("ELIC_ROLE_"), constants(OperatorRole.class, OperatorRole::code, r -> r != OperatorRole.UNKNOWN));
        assertEquals(defines("ELIC_STATE_"), constants(LicenseState.class, LicenseState::code, s -> true));
        assertEquals(defines("ELIC_MATERIAL_"), constants(MaterialVerdict.class, MaterialVerdict::code, v -> true));
        assertEquals(defines("ELIC_LICENSE_"), constants(LicenseField.class, LicenseField::code, f -> true));
    }

    @Test
    void abiVersionIsTheHeaders() {
        Matcher m = Pattern.compile("(?m)^#define ELIC_ABI_VERSION (\\d+)").matcher(header);
        assertEquals(true, m.find());
        assertEquals(Integer.parseInt(m.group(1)), Elicense.ABI_VERSION);
    }

    @Test
    void jnaInterfaceDeclaresEveryHeaderFunctionWithItsArity() {
        Map<String, Integer> expected = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^[a-z][^(\\n]*\\b(elic_[a-z0-9_]+)\\(([^)]*)\\);").matcher(header);
        while (m.find()) {
            String parameters = m.group(2).trim();
            expected.put(m.group(1), parameters.equals("void") ? 0 : parameters.split(",").length);
        }
        Map<String, Integer> declared = new TreeMap<>();
        for (Method method : LibElicense.class.getDeclaredMethods()) {
            declared.put(method.getName(), method.getParameterCount());
        }
        assertEquals(expected, declared);
    }
}
