/* test_sha256.c - SHA-256 against FIPS 180-4's examples and block edges. */
#include "testhelp.h"
#include "raingan.h"
#include "util/sha256.h"

#include <string.h>

int main(void)
{
    char hex[65];
    rg_sha256_hex("", 0, hex);
    test_cond("the empty message hashes to e3b0c442...",
              !strcmp(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    rg_sha256_hex("abc", 3, hex);
    test_cond("\"abc\" hashes to FIPS 180-4's ba7816bf...",
              !strcmp(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    rg_sha256_hex(two, strlen(two), hex);
    test_cond("the 448-bit two-block example hashes to 248d6a61...",
              !strcmp(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
    /* A million 'a's fed in uneven pieces exercises partial blocks. */
    static char a[1001];
    memset(a, 'a', sizeof a);
    rg_sha256 s;
    rg_sha256_init(&s);
    for (int i = 0; i < 1000; i++)
        rg_sha256_update(&s, a, (size_t)(i % 2 ? 999 : 1001));
    unsigned char d[32];
    rg_sha256_final(&s, d);
    rg_sha256_digest_hex(d, hex);
    test_cond("a million 'a's in uneven pieces hash to cdc76e5c...",
              !strcmp(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    return test_report();
}
