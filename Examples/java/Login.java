/*
 * Login.java — log an enterprise in with its electronic business license (电子营业执照扫码登录).
 *
 *   java -cp elicense.jar:jna.jar:. Login CONFIG PURPOSE [GRANT_FILE]
 *
 * Prints the QR content to show (a web page shows LoginSession.getQrPng() as an image, see
 * WebApp.java), waits for the enterprise to confirm in its e-license app, prints who logged in
 * and, with GRANT_FILE, saves the grant for FetchLicense.java and Material.java.
 * The Java counterpart of Examples/c/login.c.
 */
import cn.elicense.ElicenseClient;
import cn.elicense.ElicenseException;
import cn.elicense.LoginSession;
import cn.elicense.LoginStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collections;

public final class Login {
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: Login CONFIG PURPOSE [GRANT_FILE]");
            System.exit(2);
        }
        int rc = 1;
        try (ElicenseClient client = ElicenseClient.fromFile(Paths.get(args[0]))) {
            LoginSession started = client.startLogin(args[1]);
            System.out.println("login_id: " + started.getId());
            System.out.println("qr_content: " + started.getQrContent());
            String code = started.getConfirmationCode();
            System.out.println("confirmation_code: " + (code != null ? code : "-"));
            System.out.flush();

            // The login id is a plain string: a web application keeps it in its session and may
            // wait or poll from another request. Returning false from the callback would cancel.
            LoginStatus login = client.waitForLogin(started.getId(), Duration.ofMinutes(5), (state, elapsedMillis) -> {
                System.err.print("\rstate " + state + " after " + elapsedMillis + " ms   ");
                return true;
            });
            System.err.println();
            switch (login.getState()) {
                case AUTHORIZED:
                    System.out.println("enterprise: " + login.getSubjectUscc() + " " + login.getSubjectName());
                    System.out.println("operator: " + login.getOperatorName() + " (" + login.getOperatorRole().label() + ")");
                    System.out.println("grant expires: " + login.getGrantExpiresAt()); // then log in again
                    if (args.length > 2) {
                        Files.write(Paths.get(args[2]), Collections.singletonList(login.getGrant()), StandardCharsets.UTF_8);
                    }
                    rc = 0;
                    break;
                case DENIED:
                    System.out.println("the enterprise denied the login");
                    break;
                default:
                    System.out.println("the login expired");
                    break;
            }
        } catch (ElicenseException e) {
            System.err.println();
            System.err.println("error: " + e.getMessage());
        }
        System.exit(rc);
    }
}
