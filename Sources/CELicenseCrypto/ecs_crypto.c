#include "ecs_crypto.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Explicitly fetched algorithms, fetched once: implicit fetches on every call cost more than
 * hashing a small request body. */
static EVP_MD *sm3_md;
static EVP_CIPHER *sm4_ecb, *sm4_cbc;
static pthread_once_t fetch_once = PTHREAD_ONCE_INIT;

static void fetch_algorithms(void) {
    sm3_md = EVP_MD_fetch(NULL, "SM3", NULL);
    sm4_ecb = EVP_CIPHER_fetch(NULL, "SM4-ECB", NULL);
    sm4_cbc = EVP_CIPHER_fetch(NULL, "SM4-CBC", NULL);
}

static const EVP_MD *sm3(void) {
    pthread_once(&fetch_once, fetch_algorithms);
    return sm3_md;
}

#define PKEY(k) ((EVP_PKEY *)(k))

ecs_key *ecs_sm2_generate(void) {
    EVP_PKEY *pkey = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "SM2", NULL);
    if (ctx == NULL) return NULL;
    if (EVP_PKEY_keygen_init(ctx) <= 0 || EVP_PKEY_generate(ctx, &pkey) <= 0) pkey = NULL;
    EVP_PKEY_CTX_free(ctx);
    return (ecs_key *)pkey;
}

/* Supplies the passphrase, and refuses (instead of prompting on the host's terminal) when none
 * was given. */
static int pass_cb(char *buf, int size, int rwflag, void *u) {
    (void)rwflag;
    if (u == NULL) return 0;
    size_t len = strlen((const char *)u);
    if (len > (size_t)size) return 0;
    memcpy(buf, u, len);
    return (int)len;
}

ecs_key *ecs_key_from_pem(const char *pem, size_t len, int is_private, const char *pass) {
    if (pem == NULL || len > INT32_MAX) return NULL;
    BIO *bio = BIO_new_mem_buf(pem, (int)len);
    if (bio == NULL) return NULL;
    EVP_PKEY *pkey = is_private ? PEM_read_bio_PrivateKey(bio, NULL, pass_cb, (void *)pass)
                                : PEM_read_bio_PUBKEY(bio, NULL, pass_cb, NULL);
    BIO_free(bio);
    if (pkey != NULL && !EVP_PKEY_is_a(pkey, "SM2")) {
        EVP_PKEY_free(pkey);
        ERR_raise_data(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM, "key is not an SM2 key");
        return NULL;
    }
    return (ecs_key *)pkey;
}

void ecs_key_free(ecs_key *key) { EVP_PKEY_free(PKEY(key)); }

int ecs_key_has_private(const ecs_key *key) {
    BIGNUM *d = NULL;
    int ok = EVP_PKEY_get_bn_param(PKEY(key), OSSL_PKEY_PARAM_PRIV_KEY, &d);
    BN_clear_free(d);
    return ok == 1;
}

/* Copies a memory BIO into a malloc'ed NUL-terminated string. */
static int bio_take(BIO *bio, char **out, size_t *out_len) {
    char *data = NULL;
    long n = BIO_get_mem_data(bio, &data);
    if (n <= 0) return 0;
    char *copy = malloc((size_t)n + 1);
    if (copy == NULL) return 0;
    memcpy(copy, data, (size_t)n);
    copy[n] = '\0';
    *out = copy;
    *out_len = (size_t)n;
    return 1;
}

int ecs_key_private_pem(const ecs_key *key, const char *pass, char **out, size_t *out_len) {
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio == NULL) return 0;
    int ok;
    if (pass != NULL) {
        pthread_once(&fetch_once, fetch_algorithms);
        ok = PEM_write_bio_PKCS8PrivateKey(bio, PKEY(key), sm4_cbc, NULL, 0, NULL, (void *)pass);
    } else {
        ok = PEM_write_bio_PrivateKey(bio, PKEY(key), NULL, NULL, 0, NULL, NULL);
    }
    ok = ok == 1 && bio_take(bio, out, out_len);
    BIO_free(bio);
    return ok;
}

int ecs_key_public_pem(const ecs_key *key, char **out, size_t *out_len) {
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio == NULL) return 0;
    int ok = PEM_write_bio_PUBKEY(bio, PKEY(key)) == 1 && bio_take(bio, out, out_len);
    BIO_free(bio);
    return ok;
}

int ecs_key_public_der(const ecs_key *key, uint8_t **out, size_t *out_len) {
    unsigned char *der = NULL;
    int n = i2d_PUBKEY(PKEY(key), &der);
    if (n <= 0) return 0;
    uint8_t *copy = malloc((size_t)n);
    if (copy != NULL) memcpy(copy, der, (size_t)n);
    OPENSSL_free(der);
    if (copy == NULL) return 0;
    *out = copy;
    *out_len = (size_t)n;
    return 1;
}

int ecs_key_public_point(const ecs_key *key, uint8_t out[65]) {
    size_t len = 0;
    return EVP_PKEY_get_octet_string_param(PKEY(key), OSSL_PKEY_PARAM_PUB_KEY, out, 65, &len) == 1
        && len == 65 && out[0] == 0x04;
}

int ecs_key_private_scalar(const ecs_key *key, uint8_t out[32]) {
    BIGNUM *d = NULL;
    int ok = EVP_PKEY_get_bn_param(PKEY(key), OSSL_PKEY_PARAM_PRIV_KEY, &d) == 1
        && BN_bn2binpad(d, out, 32) == 32;
    BN_clear_free(d);
    return ok;
}

/* OpenSSL 3.0's default SM2 distinguishing ID is empty, not GB/T 32918's 1234567812345678, so
 * the ID is always set explicitly. 3.0 refuses it as an init parameter; it must go on the
 * context's pkey ctx after init and before the first update (when Z is computed). */
static EVP_MD_CTX *sm2_md_ctx(const ecs_key *key, const uint8_t *id, size_t id_len, int sign) {
    EVP_MD_CTX *mctx = EVP_MD_CTX_new();
    if (mctx == NULL) return NULL;
    int ok = sign ? EVP_DigestSignInit_ex(mctx, NULL, "SM3", NULL, NULL, PKEY(key), NULL)
                  : EVP_DigestVerifyInit_ex(mctx, NULL, "SM3", NULL, NULL, PKEY(key), NULL);
    if (ok != 1 || EVP_PKEY_CTX_set1_id(EVP_MD_CTX_get_pkey_ctx(mctx), id, id_len) != 1) {
        EVP_MD_CTX_free(mctx);
        return NULL;
    }
    return mctx;
}

int ecs_sm2_sign(const ecs_key *key, const uint8_t *id, size_t id_len,
                 const uint8_t *msg, size_t msg_len, uint8_t sig[80], size_t *sig_len) {
    EVP_MD_CTX *mctx = sm2_md_ctx(key, id, id_len, 1);
    if (mctx == NULL) return 0;
    *sig_len = 80;
    int ok = EVP_DigestSign(mctx, sig, sig_len, msg, msg_len) == 1;
    EVP_MD_CTX_free(mctx);
    return ok;
}

int ecs_sm2_verify(const ecs_key *key, const uint8_t *id, size_t id_len,
                   const uint8_t *msg, size_t msg_len, const uint8_t *sig, size_t sig_len) {
    EVP_MD_CTX *mctx = sm2_md_ctx(key, id, id_len, 0);
    if (mctx == NULL) return 0;
    int ok = EVP_DigestVerify(mctx, sig, sig_len, msg, msg_len) == 1;
    EVP_MD_CTX_free(mctx);
    /* A malformed signature leaves DER errors behind; "invalid" is the whole answer. */
    ERR_clear_error();
    return ok;
}

ecs_sm3 *ecs_sm3_new(void) {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (ctx != NULL && EVP_DigestInit_ex2(ctx, sm3(), NULL) != 1) {
        EVP_MD_CTX_free(ctx);
        ctx = NULL;
    }
    return (ecs_sm3 *)ctx;
}

int ecs_sm3_update(ecs_sm3 *ctx, const uint8_t *data, size_t len) {
    return EVP_DigestUpdate((EVP_MD_CTX *)ctx, data, len) == 1;
}

int ecs_sm3_final(ecs_sm3 *ctx, uint8_t out[32]) {
    unsigned int len = 0;
    return EVP_DigestFinal_ex((EVP_MD_CTX *)ctx, out, &len) == 1 && len == 32;
}

void ecs_sm3_free(ecs_sm3 *ctx) { EVP_MD_CTX_free((EVP_MD_CTX *)ctx); }

int ecs_sm4_crypt(const char *mode, int encrypt, int pad, const uint8_t key[16],
                  const uint8_t *iv, const uint8_t *in, size_t in_len,
                  uint8_t *out, size_t *out_len) {
    pthread_once(&fetch_once, fetch_algorithms);
    const EVP_CIPHER *cipher = strcmp(mode, "SM4-ECB") == 0 ? sm4_ecb
                             : strcmp(mode, "SM4-CBC") == 0 ? sm4_cbc : NULL;
    if (cipher == NULL || in_len > INT32_MAX - 16) return 0;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    if (ctx == NULL) return 0;
    int n1 = 0, n2 = 0;
    int ok = EVP_CipherInit_ex2(ctx, cipher, key, iv, encrypt, NULL) == 1
        && EVP_CIPHER_CTX_set_padding(ctx, pad) == 1
        && EVP_CipherUpdate(ctx, out, &n1, in, (int)in_len) == 1
        && EVP_CipherFinal_ex(ctx, out + n1, &n2) == 1;
    EVP_CIPHER_CTX_free(ctx);
    if (ok) *out_len = (size_t)n1 + (size_t)n2;
    return ok;
}

int ecs_random(uint8_t *out, size_t len) {
    return len <= INT32_MAX && RAND_bytes(out, (int)len) == 1;
}

void ecs_last_error(char *buf, size_t len) {
    if (len == 0) return;
    buf[0] = '\0';
    size_t used = 0;
    unsigned long e;
    while ((e = ERR_get_error()) != 0) {
        char one[256];
        ERR_error_string_n(e, one, sizeof one);
        int n = snprintf(buf + used, len - used, "%s%s", used ? "; " : "", one);
        if (n < 0 || (size_t)n >= len - used) break;
        used += (size_t)n;
    }
    ERR_clear_error();
}

void ecs_free(void *p) { free(p); }

void ecs_clear_error(void) { ERR_clear_error(); }
