/* sha256.c - SHA-256 through Nettle (see sha256.h). */
#include "util/sha256.h"

#include <nettle/sha2.h>

_Static_assert(sizeof(struct sha256_ctx) <= sizeof(rg_sha256), "rg_sha256 too small");
_Static_assert(_Alignof(struct sha256_ctx) <= 8, "rg_sha256 not aligned enough");

void rg_sha256_init(rg_sha256 *s) { sha256_init((struct sha256_ctx *)s->state); }

void rg_sha256_update(rg_sha256 *s, const void *data, size_t len)
{
    if (len)
        sha256_update((struct sha256_ctx *)s->state, len, data);
}

void rg_sha256_final(rg_sha256 *s, unsigned char out[32])
{
    sha256_digest((struct sha256_ctx *)s->state, SHA256_DIGEST_SIZE, out);
}

void rg_sha256_digest_hex(const unsigned char digest[32], char hex[65])
{
    static const char d[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        hex[2 * i] = d[digest[i] >> 4];
        hex[2 * i + 1] = d[digest[i] & 15];
    }
    hex[64] = 0;
}
