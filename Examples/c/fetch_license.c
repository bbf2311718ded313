/*
 * fetch_license.c — fetch the license data (照面信息) of the enterprise that logged in,
 * instead of retyping it.
 *
 *   ./fetch_license CONFIG GRANT_FILE
 */
#include <elicense.h>
#include <stdio.h>
#include <string.h>

static int read_grant(const char *path, char *grant, size_t size) {
    FILE *f = fopen(path, "r");
    if (f == NULL) return -1;
    int ok = fgets(grant, (int)size, f) != NULL;
    fclose(f);
    grant[strcspn(grant, "\r\n")] = '\0';
    return ok ? 0 : -1;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s CONFIG GRANT_FILE\n", argv[0]);
        return 2;
    }
    char grant[256];
    if (read_grant(argv[2], grant, sizeof grant) != 0) {
        perror(argv[2]);
        return 2;
    }
    elic_client *client = NULL;
    elic_license *license = NULL;
    int rc = 1;
    if (elic_client_new_from_file(&client, argv[1]) != ELIC_OK || elic_license_fetch(&license, client, grant) != ELIC_OK) {
        fprintf(stderr, "error: %s\n", elic_last_error());
        goto done;
    }
    printf("统一社会信用代码 %s\n", elic_license_get(license, ELIC_LICENSE_UNISCID));
    printf("名称             %s\n", elic_license_get(license, ELIC_LICENSE_ENTNAME));
    printf("类型             %s\n", elic_license_get(license, ELIC_LICENSE_ENTTYPE));
    printf("法定代表人       %s\n", elic_license_get(license, ELIC_LICENSE_LEREP));
    const char *capital = elic_license_get(license, ELIC_LICENSE_REGCAP);
    /* regcap is in 万 (10 000) units of the ISO 4217 currency regcapcur; both NULL: none. */
    printf("注册资本         %s%s %s\n", capital ? capital : "-", capital ? "万" : "", capital ? elic_license_get(license, ELIC_LICENSE_REGCAPCUR) : "");
    const char *until = elic_license_get(license, ELIC_LICENSE_OPTO);
    printf("营业期限         %s 至 %s\n", elic_license_get(license, ELIC_LICENSE_OPFROM), until ? until : "长期");
    printf("住所             %s\n", elic_license_get(license, ELIC_LICENSE_DOM));
    printf("登记状态         %s\n", elic_license_get(license, ELIC_LICENSE_REGSTATE));
    /* 吊销, 注销 and 迁出 are states, not errors: the department decides what it accepts. */
    if (!elic_license_in_business(license)) printf("注意: 该主体不在存续/在业状态 (not in business)\n");
    rc = 0;
done:
    elic_license_free(license);
    elic_client_free(client);
    return rc;
}
