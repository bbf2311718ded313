#include <elicense.h>
#include <stdio.h>

/* Login, license (in business?), material, verify: elicense.json in, license.pdf out. */
#define TRY(call) if ((status = (call)) != ELIC_OK) goto out
int main(int argc, char **argv) {
    elic_client *client = NULL;
    elic_login *login = NULL, *done = NULL;
    elic_license *license = NULL;
    elic_material *material = NULL;
    elic_status status;
    int32_t verdict = ELIC_MATERIAL_UNKNOWN;
    TRY(elic_client_new_from_file(&client, argc > 1 ? argv[1] : "elicense.json"));
    TRY(elic_login_start(&login, client, "企业开办"));
    TRY(elic_login_qr_save(login, "qr.png")); /* show it; the enterprise scans it */
    printf("qr_content: %s\n", elic_login_qr_content(login));
    fflush(stdout);
    TRY(elic_login_wait(&done, client, elic_login_id(login), 300000, NULL, NULL));
    if (elic_login_state(done) != ELIC_LOGIN_AUTHORIZED) goto out; /* denied or expired */
    TRY(elic_license_fetch(&license, client, elic_login_grant(done)));
    printf("%s: %s\n", elic_license_get(license, ELIC_LICENSE_ENTNAME), elic_license_get(license, ELIC_LICENSE_REGSTATE));
    if (!elic_license_in_business(license)) goto out; /* 吊销, 注销, 迁出: refuse the matter */
    TRY(elic_material_issue(&material, client, elic_login_grant(done), "企业开办", "pdf"));
    TRY(elic_material_save(material, "license.pdf"));
    TRY(elic_material_verify(&verdict, client, elic_material_code(material)));
    printf("license.pdf, code %s: %s\n", elic_material_code(material), verdict == ELIC_MATERIAL_VALID ? "valid" : "NOT valid");
out:
    if (status != ELIC_OK) fprintf(stderr, "%s\n", elic_last_error()); /* before any other elic_ call */
    elic_material_free(material);
    elic_license_free(license);
    elic_login_free(done);
    elic_login_free(login);
    elic_client_free(client);
    return verdict == ELIC_MATERIAL_VALID ? 0 : 1;
}
