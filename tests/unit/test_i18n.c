/* test_i18n.c - the message catalogue seen from C: language names, Thai
 * lookups, a damaged catalogue, and the errno texts (i18n_strerror) that
 * must be glibc's strerror word for word, or the catalogue would never
 * find them and a Thai user would read English after the colon. */
#include "testhelp.h"
#include "util/context.h"
#include "util/i18n.h"

#include <errno.h>
#include <string.h>

int main(void)
{
    test_cond("\"th_TH.UTF-8\" is Thai", i18n_language_from_name("th_TH.UTF-8") == RG_LANG_TH);
    test_cond("\"th\" is Thai", i18n_language_from_name("th") == RG_LANG_TH);
    test_cond("\"C.UTF-8\" is English", i18n_language_from_name("C.UTF-8") == RG_LANG_EN);
    test_cond("\"en_GB\" is English", i18n_language_from_name("en_GB") == RG_LANG_EN);
    test_cond("\"thai\" is no language raingan knows", i18n_language_from_name("thai") == -1);
    test_cond("\"fr_FR\" is no language raingan knows", i18n_language_from_name("fr_FR") == -1);

    test_cond("English looks nothing up", !strcmp(i18n_lookup(RG_LANG_EN, "round"), "round"));
    test_cond("\"fiscal year\" is ปีงบประมาณ in Thai",
              !strcmp(i18n_lookup(RG_LANG_TH, "fiscal year"), "ปีงบประมาณ"));
    test_cond("a string without translation comes back as it is",
              !strcmp(i18n_lookup(RG_LANG_TH, "no such msgid, surely"), "no such msgid, surely"));
    static const unsigned char junk[40] = {0xde, 0x12, 0x04, 0x95, 0, 0, 0, 0, 0xff, 0xff};
    test_cond("a damaged catalogue gives no translation",
              i18n_mo_lookup(junk, sizeof junk, "round") == NULL);

#ifdef __GLIBC__
    size_t n = 0, same = 0, thai = 0;
    int e;
    for (const char *t; (t = i18n_errno_text(n, &e)); n++) {
        same += !strcmp(t, strerror(e));
        thai += strcmp(i18n_strerror(RG_LANG_TH, e), t) != 0;
    }
    test_cond("the errno table has the common file and disk errors", n >= 20);
    test_cond("every text of the errno table is glibc's strerror", same == n);
    test_cond("every errno text of the table has a Thai translation", thai == n);
#endif
    test_cond("ENOSPC in Thai", !strcmp(i18n_strerror(RG_LANG_TH, ENOSPC),
                                         "พื้นที่ในดิสก์เต็ม"));
    test_cond("ENOSPC in English is strerror's",
              !strcmp(i18n_strerror(RG_LANG_EN, ENOSPC), strerror(ENOSPC)));
    test_cond("an errno outside the table is strerror's in Thai too",
              !strcmp(i18n_strerror(RG_LANG_TH, ESRCH), strerror(ESRCH)));

    rg_context *ctx = rg_context_new();
    rg_context_set_language(ctx, "th");
    test_cond("rg_strerror follows the context's language",
              !strcmp(rg_strerror(ctx, ENOENT), "ไม่มีไฟล์หรือโฟลเดอร์นี้"));
    rg_context_set_language(ctx, "en");
    test_cond("and English again", !strcmp(rg_strerror(ctx, ENOENT), strerror(ENOENT)));
    rg_context_free(ctx);
    return test_report();
}
