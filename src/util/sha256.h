/* sha256.h - SHA-256 (FIPS 180-4), for batch summaries, archive manifests
 * and content-derived PDF /IDs.  Streaming: init, update any number of
 * times, final. */
#ifndef RG_UTIL_SHA256_H
#define RG_UTIL_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct rg_sha256 {
    uint32_t h[8];          /* chaining state */
    uint64_t total;         /* bytes hashed so far */
    unsigned char blk[64];  /* pending partial block */
    size_t nblk;            /* bytes in blk, < 64 */
} rg_sha256;

void sha256_init(rg_sha256 *s);
void sha256_update(rg_sha256 *s, const void *data, size_t len);
/* Finish and write the 32-byte digest; s must be re-initialised to reuse. */
void sha256_final(rg_sha256 *s, unsigned char out[32]);
/* Lower-case hex of a 32-byte digest into hex (65 bytes with the NUL). */
void sha256_hex(const unsigned char digest[32], char hex[65]);

#endif
