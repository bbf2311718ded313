/*
 * Material.java — obtain verified, signed license material in place of asking the enterprise
 * to upload a scan of its paper license (one call), store the document and the signed record,
 * then verify the material as anyone could later.
 *
 *   java -cp elicense.jar:jna.jar:. Material CONFIG GRANT_FILE PURPOSE OUT.pdf
 *
 * The Java counterpart of Examples/c/material.c.
 */
import cn.elicense.ElicenseClient;
import cn.elicense.ElicenseException;
import cn.elicense.MaterialVerdict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

public final class Material {
    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: Material CONFIG GRANT_FILE PURPOSE OUT.pdf");
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
        int rc = 1;
        try (ElicenseClient client = ElicenseClient.fromFile(Paths.get(args[0]))) {
            // cn.elicense.Material spelled out: this example's own class is called Material too.
            cn.elicense.Material material = client.issueMaterial(grant, args[2]);
            material.save(Paths.get(args[3]));
            System.out.println("material " + material.getId() + ", code " + material.getCode() + ", "
                    + material.getDocumentSize() + " bytes saved to " + args[3]);
            System.out.println("verify at " + material.getVerifyUrl());
            // A valid material of a 吊销/注销/迁出 enterprise still verifies: say what it was issued on.
            System.out.println("license at issue: " + (material.inBusiness() ? "in business (存续/在业)"
                    : "NOT in business (吊销/注销/迁出)"));
            // Store material.getRecordJson() — the signed record — where the scan used to go.
            String record = material.getRecordJson();
            System.out.println("record: " + record.substring(0, Math.min(80, record.length())) + "...");

            MaterialVerdict verdict = client.verifyMaterial(material.getCode());
            System.out.println("verified: " + (verdict == MaterialVerdict.VALID ? "valid" : "NOT valid"));
            rc = verdict == MaterialVerdict.VALID ? 0 : 1;
        } catch (ElicenseException e) {
            System.err.println("error: " + e.getMessage());
        }
        System.exit(rc);
    }
}
