/*
 * FetchLicense.java — fetch the license data (照面信息) of the enterprise that logged in,
 * instead of retyping it.
 *
 *   java -cp elicense.jar:jna.jar:. FetchLicense CONFIG GRANT_FILE
 *
 * The Java counterpart of Examples/c/fetch_license.c.
 */
import cn.elicense.ElicenseClient;
import cn.elicense.ElicenseException;
import cn.elicense.License;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

public final class FetchLicense {
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: FetchLicense CONFIG GRANT_FILE");
            System.exit(2);
        }
        String grant;
        try {
            grant = new String(Files.readAllBytes(Paths.get(args[1])), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            System.err.println(args[1] + ": " + e);
            System.exit(2);
            return;
        }
        try (ElicenseClient client = ElicenseClient.fromFile(Paths.get(args[0]))) {
            License license = client.fetchLicense(grant);
            System.out.println("统一社会信用代码 " + license.getUscc());
            System.out.println("名称             " + license.getName());
            System.out.println("类型             " + license.getType());
            System.out.println("法定代表人       " + license.getLegalRepresentative());
            // The registered capital is in 万 (10 000) units of the ISO 4217 currency; null: none.
            System.out.println("注册资本         " + (license.getRegisteredCapital() == null ? "-"
                    : license.getRegisteredCapital().toPlainString() + "万 " + license.getCurrency()));
            System.out.println("营业期限         " + license.getOperatingFrom() + " 至 "
                    + (license.isOperatingIndefinitely() ? "长期" : license.getOperatingTo().toString()));
            System.out.println("住所             " + license.getAddress());
            System.out.println("登记状态         " + license.getStateText());
            // 吊销, 注销 and 迁出 are states, not errors: the department decides what it accepts.
            if (!license.inBusiness()) {
                System.out.println("注意: 该主体不在存续/在业状态 (not in business)");
            }
        } catch (ElicenseException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }
}
