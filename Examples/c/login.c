/*
 * login.c — log an enterprise in with its electronic business license (电子营业执照扫码登录).
 *
 *   ./login CONFIG PURPOSE [GRANT_FILE]
 *
 * Prints the QR content to show (a web page would show elic_login_qr_png as an image), waits
 * for the enterprise to confirm in its e-license app, prints who logged in and, with
 * GRANT_FILE, saves the grant for fetch_license.c and material.c.
 */
#include <elicense.h>
#include <stdio.h>

/* Called after every poll; returning non-zero would cancel the wait. */
static int32_t progress(int32_t state, int64_t elapsed_ms, void *payload) {
    (void)payload;
    fprintf(stderr, "\rstate %d after %lld ms   ", (int)state, (long long)elapsed_ms);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s CONFIG PURPOSE [GRANT_FILE]\n", argv[0]);
        return 2;
    }
    elic_client *client = NULL;
    elic_login *started = NULL, *login = NULL;
    int rc = 1;

    if (elic_client_new_from_file(&client, argv[1]) != ELIC_OK) goto fail;
    if (elic_login_start(&started, client, argv[2]) != ELIC_OK) goto fail;
    printf("login_id: %s\n", elic_login_id(started));
    printf("qr_content: %s\n", elic_login_qr_content(started));
    /* Show it beside the QR code: the e-license app shows the same code with the request. */
    const char *code = elic_login_code(started);
    printf("confirmation_code: %s\n", code != NULL ? code : "-");
    fflush(stdout);

    /* The login id is a plain string: a web application keeps it in its session and may wait
     * or poll from another request. */
    if (elic_login_wait(&login, client, elic_login_id(started), 300 * 1000, progress, NULL) != ELIC_OK) goto fail;
    fprintf(stderr, "\n");
    switch (elic_login_state(login)) {
    case ELIC_LOGIN_AUTHORIZED:
        printf("enterprise: %s %s\n", elic_login_subject_uscc(login), elic_login_subject_name(login));
        printf("operator: %s (role %d)\n", elic_login_operator_name(login), (int)elic_login_operator_role(login));
        if (argc > 3) {
            FILE *f = fopen(argv[3], "w");
            if (f == NULL) { perror(argv[3]); goto done; }
            fprintf(f, "%s\n", elic_login_grant(login));
            fclose(f);
        }
        rc = 0;
        break;
    case ELIC_LOGIN_DENIED:
        printf("the enterprise denied the login\n");
        break;
    default:
        printf("the login expired\n");
        break;
    }
    goto done;

fail:
    fprintf(stderr, "\nerror: %s\n", elic_last_error());
done:
    elic_login_free(login);
    elic_login_free(started);
    elic_client_free(client);
    return rc;
}
