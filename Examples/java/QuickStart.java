import cn.elicense.*;
import java.time.Duration;
public final class QuickStart { // java QuickStart CONFIG: e-license login → license → material → verify
    public static void main(String[] args) {
        try (ElicenseClient client = ElicenseClient.fromFile(args[0])) {
            LoginSession login = client.startLogin("企业开办");
            login.saveQr("login-qr.png"); // show it: the enterprise scans it with its e-license app
            String grant = client.waitForLogin(login.getId(), Duration.ofMinutes(5)).requireGrant();
            License license = client.fetchLicense(grant);
            if (!license.inBusiness()) { System.err.println(license.getStateText()); System.exit(1); } // 吊销, 注销 …
            String code = client.issueMaterial(grant, "企业开办").getCode(); // keep the Material: its PDF, its record
            System.out.println(license.getName() + " material " + code + ": " + client.verifyMaterial(code));
        } catch (ElicenseException e) { System.err.println(e.getMessage()); System.exit(1); } // 中文 (English)
    }
}
