/*
 * material.c — obtain verified, signed license material in place of asking the enterprise to
 * upload a scan of its paper license (one call), store the document and the signed record,
 * then verify the material as anyone could later.
 *
 *   ./material CONFIG GRANT_FILE PURPOSE OUT.pdf
 */
#include <elicense.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: %s CONFIG GRANT_FILE PURPOSE OUT.pdf\n", argv[0]);
        return 2;
    }
    char grant[256] = "";
    FILE *f = fopen(argv[2], "r");
    if (f == NULL || fgets(grant, sizeof grant, f) == NULL) {
        perror(argv[2]);
        if (f) fclose(f);
        return 2;
    }
    fclose(f);
    grant[strcspn(grant, "\r\n")] = '\0';

    elic_client *client = NULL;
    elic_material *material = NULL;
    int32_t verdict = ELIC_MATERIAL_UNKNOWN;
    int rc = 1;
    if (elic_client_new_from_file(&client, argv[1]) != ELIC_OK) goto fail;
    if (elic_material_issue(&material, client, grant, argv[3], "pdf") != ELIC_OK) goto fail;
    if (elic_material_save(material, argv[4]) != ELIC_OK) goto fail;
    /* Material of an enterprise that is 吊销, 注销 or 迁出 is issued too: the department decides. */
    if (!elic_material_in_business(material)) printf("注意: 该主体不在存续/在业状态 (not in business)\n");

    size_t size = 0;
    (void)elic_material_document(material, &size);
    printf("material %s, code %s, %zu bytes saved to %s\n", elic_material_id(material), elic_material_code(material),
           size, argv[4]);
    printf("verify at %s\n", elic_material_verify_url(material));
    /* Store elic_material_json(material) — the signed record — where the scan used to go. */
    printf("record: %.80s...\n", elic_material_json(material));

    if (elic_material_verify(&verdict, client, elic_material_code(material)) != ELIC_OK) goto fail;
    printf("verified: %s\n", verdict == ELIC_MATERIAL_VALID ? "valid" : "NOT valid");
    rc = verdict == ELIC_MATERIAL_VALID ? 0 : 1;
    goto done;
fail:
    fprintf(stderr, "error: %s\n", elic_last_error());
done:
    elic_material_free(material);
    elic_client_free(client);
    return rc;
}
