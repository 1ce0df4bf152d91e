/* i18n.c - message lookup in the built-in catalogues (see i18n.h).
 *
 * Design: msgfmt compiles po/th.po into a GNU .mo file at configure time
 * and CMake embeds its bytes (generated/catalog_data.c), as it does the
 * schema.  A .mo file is a header, then two tables of (length, offset)
 * pairs: the original strings sorted by byte order, and their
 * translations in the same order.  A lookup is a binary search over the
 * originals, reading the little- or big-endian 32-bit words with memcpy
 * (the array need not be aligned).  Every offset is checked against the
 * size, so a damaged catalogue yields English, never a bad read.  Fuzzy
 * and untranslated entries are left out of the .mo by msgfmt. */
#include "util/i18n.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

/* The Thai catalogue, embedded at build time. */
extern const unsigned char rg_catalog_th[];
extern const size_t rg_catalog_th_size;

/* Word i (4 bytes) of the .mo data, in its byte order (swap: 1 when the
 * file's order is the opposite of the machine's). */
static uint32_t mo_word(const unsigned char *mo, size_t at, int swap)
{
    uint32_t v;
    memcpy(&v, mo + at, 4);
    if (swap)
        v = (v >> 24) | ((v >> 8) & 0xFF00) | ((v << 8) & 0xFF0000) | (v << 24);
    return v;
}

/* The string of entry i of the table at table: sets *len; NULL when the
 * entry points outside the data or is not NUL-terminated. */
static const char *mo_string(const unsigned char *mo, size_t size, uint32_t table, uint32_t i,
                             int swap, size_t *len)
{
    size_t at = (size_t)table + (size_t)i * 8;
    if (at + 8 > size)
        return NULL;
    uint32_t n = mo_word(mo, at, swap), off = mo_word(mo, at + 4, swap);
    if ((size_t)off + n >= size || mo[off + n] != 0)
        return NULL;
    *len = n;
    return (const char *)mo + off;
}

const char *i18n_mo_lookup(const unsigned char *mo, size_t size, const char *msgid)
{
    if (!mo || size < 28 || !msgid)
        return NULL;
    uint32_t magic;
    memcpy(&magic, mo, 4);
    int swap;
    if (magic == 0x950412deu)
        swap = 0;
    else if (magic == 0xde120495u)
        swap = 1;
    else
        return NULL;
    uint32_t n = mo_word(mo, 8, swap), orig = mo_word(mo, 12, swap),
             trans = mo_word(mo, 16, swap);
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        size_t len;
        const char *s = mo_string(mo, size, orig, mid, swap, &len);
        if (!s)
            return NULL;
        int c = strcmp(msgid, s);
        if (!c) {
            const char *t = mo_string(mo, size, trans, mid, swap, &len);
            return t && len ? t : NULL;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const char *i18n_lookup(int lang, const char *msgid)
{
    if (lang != RG_LANG_TH || !msgid || !*msgid)
        return msgid;
    const char *t = i18n_mo_lookup(rg_catalog_th, rg_catalog_th_size, msgid);
    return t ? t : msgid;
}

int i18n_language_from_name(const char *name)
{
    if (!name || !*name || !strcmp(name, "C") || !strcmp(name, "POSIX") ||
        !strncmp(name, "C.", 2))
        return RG_LANG_EN;
    if (!strncmp(name, "th", 2) && (!name[2] || strchr("_.@-:", name[2])))
        return RG_LANG_TH;
    if (!strncmp(name, "en", 2) && (!name[2] || strchr("_.@-:", name[2])))
        return RG_LANG_EN;
    return -1;
}

/* The errors whose text has a translation: glibc's strerror texts, word
 * for word (test_i18n compares them), so that the English stays what
 * strerror says and the catalogue finds them. */
static const struct {
    int e;            /* the errno value */
    const char *text; /* strerror(e) under glibc, the msgid */
} errno_texts[] = {
    {EPERM, N_("Operation not permitted")},
    {ENOENT, N_("No such file or directory")},
    {EIO, N_("Input/output error")},
    {ENXIO, N_("No such device or address")},
    {ENOMEM, N_("Cannot allocate memory")},
    {EACCES, N_("Permission denied")},
    {EBUSY, N_("Device or resource busy")},
    {EEXIST, N_("File exists")},
    {EXDEV, N_("Invalid cross-device link")},
    {ENODEV, N_("No such device")},
    {ENOTDIR, N_("Not a directory")},
    {EISDIR, N_("Is a directory")},
    {EINVAL, N_("Invalid argument")},
    {ENFILE, N_("Too many open files in system")},
    {EMFILE, N_("Too many open files")},
    {ETXTBSY, N_("Text file busy")},
    {EFBIG, N_("File too large")},
    {ENOSPC, N_("No space left on device")},
    {EROFS, N_("Read-only file system")},
    {EPIPE, N_("Broken pipe")},
    {ENAMETOOLONG, N_("File name too long")},
    {ENOTEMPTY, N_("Directory not empty")},
    {ELOOP, N_("Too many levels of symbolic links")},
    {EOVERFLOW, N_("Value too large for defined data type")},
    {EDQUOT, N_("Disk quota exceeded")},
    {EADDRINUSE, N_("Address already in use")},
    {EADDRNOTAVAIL, N_("Cannot assign requested address")},
    {ECONNREFUSED, N_("Connection refused")},
    {ETIMEDOUT, N_("Connection timed out")},
};

const char *i18n_strerror(int lang, int e)
{
    if (lang == RG_LANG_TH)
        for (size_t i = 0; i < sizeof errno_texts / sizeof errno_texts[0]; i++)
            if (errno_texts[i].e == e && !strcmp(errno_texts[i].text, strerror(e)))
                return i18n_lookup(lang, errno_texts[i].text);
    return strerror(e);
}

/* For test_i18n: entry i of the table (*e its errno value), NULL past the end. */
const char *i18n_errno_text(size_t i, int *e)
{
    if (i >= sizeof errno_texts / sizeof errno_texts[0])
        return NULL;
    *e = errno_texts[i].e;
    return errno_texts[i].text;
}
