/* test_breaker.c - line-break opportunities: UAX #14 (ICU), Thai words
 * (libthai), the project word list, ๆ and ฯ, hard breaks, bad UTF-8.
 *
 * Each case writes the text with '|' where a break must be allowed and
 * '^' where one must not be (the marks are removed before breaking);
 * positions without a mark are not checked. */
#include "testhelp.h"
#include "text/breaker.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct bcase {
    const char *marked; /* text with | (break allowed) and ^ (no break) */
    const char *rule;   /* what the case shows */
} bcase;

static const bcase cases[] = {
    {"(ร้อยละ |80^.^6^)", "UAX #14: no break before ) or inside a decimal number, break after a space"},
    {"3^,^8^7^5^,^0^0^0 |บาท^,", "UAX #14: no break inside 3,875,000 or before a comma"},
    {"end^. |Next", "UAX #14: no break before a full stop, break after the space"},
    {"ดู |w^w^w^.^v^i^o^l^e^n^c^e^.^i^n^.^t^h^)", "UAX #14: no break inside a host name nor before )"},
    {"ผู้^ใหญ่^|ป่วย", "libthai: ผู้ใหญ่|ป่วย, two words"},
    {"ความ|รุน^แรง|ใน|ครอบ^ครัว |ทั้ง", "libthai: dictionary words stay whole, a phrase breaks between them"},
    {"ศ^ป^ก^.^ต^. |ทำ", "word list: ศปก.ต. is never split"},
    {"ของ|ก^ค^อ^.", "word list: กคอ. is never split"},
    {"ตัว^ชี้^วัด|ที่", "word list: ตัวชี้วัด is never split"},
    {"ผู้^อำนวย^การ|กอง|แผนงาน", "word list: ผู้อำนวยการ (libthai: ผู้|อำนวย|การ|กอง)"},
    {"รอง^ผู้^อำนวย^การ|สำนัก", "word list: รองผู้อำนวยการ, a title"},
    {"นัก^พัฒนา^สังคม|ชำนาญ^การ", "word list: นักพัฒนาสังคม|ชำนาญการ (libthai: นัก|พัฒนา|สังคม|ชำนาญ|การ)"},
    {"นัก^วิเคราะห์|นโยบาย|และ|แผน|ชำนาญ^การ^พิเศษ",
     "word list: a position is a phrase, broken only between its units (ชำนาญการพิเศษ is one)"},
    {"ผู้^ตรวจ^ราชการ|กระทรวง", "word list: ผู้ตรวจราชการ"},
    {"เจ้าพนักงาน|ธุรการ|ปฏิบัติ^งาน |และ|ชำนาญ^งาน", "word list: the general levels ปฏิบัติงาน, ชำนาญงาน"},
    {"ตาม|คำ^รับ^รอง|การ", "word list: คำรับรอง (libthai: ตาม|คำ|รับรอง)"},
    {"แผน|ปฏิบัติ|ราชการ|ประจำ^ปี", "word list: ประจำปี (libthai: ประจำ|ปี)"},
    {"ประจำ|ปี^งบ^ประมาณ |พ.ศ.",
     "word list: where ประจำปี and ปีงบประมาณ overlap, the cover of most text wins: "
     "ประจำ|ปีงบประมาณ"},
    {"ต่าง^ๆ |นานา", "Thai: no break before ๆ"},
    {"กรุงเทพ^ฯ |และ", "Thai: no break before ฯ"},
    {"การ|ใด^ๆ |โดย", "Thai: no break before ๆ after ใด"},
    {"คือ|นาย^แพทย์^สม^ชาย |ใจดี", "titles: นายแพทย์ stays with the given name, which stays whole (libthai: นายแพทย์สม|ชาย)"},
    {"โดย|นาง^สาว^สม^ศรี |มี|สุข", "titles: นางสาว (the longest listed) and the name stay together"},
    {"และ|ผศ.^ดร.^สม^ศรี |กับ", "titles: a chain of titles (ผศ.ดร.) stays with the name"},
    {"กับ |พ.^ต.^อ. ^ประ^เสริฐ |และ", "titles: one blank between title and name does not break"},
    {"(ด.^ญ.^มะ^ลิ) |ได้", "titles: after an opening bracket"},
    {"คือ |นายก|รัฐ", "titles: นาย in นายก is no title (libthai's word does not end after นาย)"},
    {"นาย^สม^ชาย^ได้^รับ^ราง^วัล |ดี", "titles: a name of up to 24 characters is whole even without a blank"},
    {"นาย^สมชายได้|รับ|รางวัล|ดีเด่น|ประจำ^ปี|นี้", "titles: a longer run keeps its word breaks, only the break after the title goes"},
    {"พ.ศ. |2562", "titles: ศ. inside พ.ศ. is not a title"},
    {"นาย |3 |คน", "titles: a title followed by no name (a digit) changes nothing"},
};

/* Strip the marks; fill want[] with 1 (allow), -1 (forbid), 0 per byte. */
static size_t unmark(const char *m, char *text, int *want)
{
    size_t n = 0;
    memset(want, 0, 512 * sizeof *want);
    for (const char *p = m; *p; p++) {
        if (*p == '|')
            want[n] = 1;
        else if (*p == '^')
            want[n] = -1;
        else
            text[n++] = *p;
    }
    text[n] = 0;
    return n;
}

static int check_case(rg_breaker *b, rg_context *ctx, const bcase *c, char *why, size_t whylen)
{
    char text[512];
    int want[512];
    uint8_t out[513];
    size_t n = unmark(c->marked, text, want);
    if (breaker_run(b, ctx, text, n, out))
        return snprintf(why, whylen, "breaker failed"), 0;
    for (size_t i = 1; i < n; i++) {
        if ((want[i] == 1 && out[i] == BRK_NONE) || (want[i] == -1 && out[i] != BRK_NONE)) {
            snprintf(why, whylen, "at byte %zu (before \"%.12s\") got %d", i, text + i, out[i]);
            return 0;
        }
    }
    return 1;
}

/* Two threads, each with its own breaker over one shared dictionary,
 * break the same long Thai text many times at once; every result must
 * equal the single-threaded one (libthai promises that a ThBrk may be used
 * from several threads; this holds it to that). */
typedef struct par_arg {
    const rg_wordlist *wl;
    rg_thaidict *dict;
    const char *text;
    size_t len;
    const uint8_t *want;
    int ok;
} par_arg;

static void *par_main(void *p)
{
    par_arg *a = p;
    rg_context *ctx = rg_context_new();
    rg_breaker *b = breaker_new(ctx, a->wl, a->dict);
    uint8_t *out = malloc(a->len + 1);
    a->ok = b && out;
    for (int r = 0; r < 40 && a->ok; r++)
        a->ok = breaker_run(b, ctx, a->text, a->len, out) == 0 &&
                !memcmp(out, a->want, a->len + 1);
    free(out);
    breaker_free(b);
    rg_context_free(ctx);
    return NULL;
}

static void test_shared_dictionary(const rg_wordlist *wl, rg_thaidict *dict, rg_breaker *b,
                                   rg_context *ctx)
{
    const char *para = "การดำเนินงานตามตัวชี้วัดนี้มีวัตถุประสงค์เพื่อพัฒนาระบบบริหารจัดการ"
                       "ข้อมูลของหน่วยงานให้มีประสิทธิภาพ และสามารถนำไปใช้ประโยชน์ได้จริง ";
    size_t plen = strlen(para), len = plen * 20;
    char *text = malloc(len + 1);
    uint8_t *want = malloc(len + 1);
    for (size_t i = 0; i < 20; i++)
        memcpy(text + i * plen, para, plen);
    text[len] = 0;
    breaker_run(b, ctx, text, len, want);
    par_arg a[2];
    pthread_t t[2];
    for (int i = 0; i < 2; i++) {
        a[i] = (par_arg){wl, dict, text, len, want, 0};
        pthread_create(&t[i], NULL, par_main, &a[i]);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    test_cond("breakers on two threads sharing one libthai dictionary agree with one thread",
              a[0].ok && a[1].ok);
    free(text);
    free(want);
}

int main(void)
{
    rg_context *ctx = rg_context_new();
    rg_wordlist *wl = wordlist_new(ctx);
    test_cond("the project word list loads",
              wordlist_add_file(wl, ctx, RG_SOURCE_DIR "/data/words.txt") == RG_OK &&
                  wordlist_count(wl) > 10);
    test_cond("the list of titles loads",
              wordlist_add_title_file(wl, ctx, RG_SOURCE_DIR "/data/titles.txt") == RG_OK &&
                  wordlist_title_count(wl) > 50 && wordlist_count(wl) < 100);
    wordlist_seal(wl);
    rg_thaidict *dict = thaidict_start(ctx);
    rg_breaker *b = breaker_new(ctx, wl, dict);
    test_cond("a breaker is created", b != NULL);
    if (!b)
        return test_report();

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char why[200] = "", descr[400];
        int ok = check_case(b, ctx, &cases[i], why, sizeof why);
        snprintf(descr, sizeof descr, "%s [%s]%s%s", cases[i].rule, cases[i].marked,
                 ok ? "" : ": ", why);
        test_cond(descr, ok);
    }

    /* A user word is honoured: ผู้ใหญ่ป่วย is split by libthai above. */
    rg_wordlist *user = wordlist_new(ctx);
    const char *w = "  ผู้ใหญ่ป่วย\r";
    test_cond("wordlist_add accepts a word with surrounding blanks",
              wordlist_add(user, w, strlen(w)) == 0 && wordlist_count(user) == 1);
    wordlist_add(user, "# comment", 9);
    test_cond("comment lines are not words", wordlist_count(user) == 1);
    wordlist_seal(user);
    rg_breaker *ub = breaker_new(ctx, user, dict);
    bcase uc = {"ผู้^ใหญ่^ป่วย|ใน", "user word"};
    char why[200] = "";
    test_cond("a user word added with wordlist_add is never split",
              ub && check_case(ub, ctx, &uc, why, sizeof why));
    breaker_free(ub);
    wordlist_free(user);

    /* Hard breaks. */
    uint8_t out[64];
    const char *nl = "ก\nข\r\nค";
    breaker_run(b, ctx, nl, strlen(nl), out);
    test_cond("a newline gives a mandatory break after it", out[4] == BRK_MUST);
    test_cond("CR LF gives one mandatory break, after the LF", out[8] == BRK_NONE && out[9] == BRK_MUST);
    test_cond("the end of text is a mandatory break and the start never breaks",
              out[strlen(nl)] == BRK_MUST && out[0] == BRK_NONE);

    /* Empty and invalid input. */
    test_cond("empty text gives out[0] = BRK_MUST", breaker_run(b, ctx, "", 0, out) == 0 && out[0] == BRK_MUST);
    const char bad[] = "\xff\xfe ก\x80\xe0\xb8 x\xf4\x90\x80\x80";
    int rc = breaker_run(b, ctx, bad, sizeof bad - 1, out);
    test_cond("invalid UTF-8 does not crash and still ends in a mandatory break",
              rc == 0 && out[sizeof bad - 1] == BRK_MUST);
    char *big = malloc(300000);
    for (size_t i = 0; i < 100000; i++)
        memcpy(big + 3 * i, "\xe0\xb8\x81", 3); /* ก × 100000 */
    uint8_t *bo = malloc(300001);
    test_cond("a 100000-letter Thai run is handled", breaker_run(b, ctx, big, 300000, bo) == 0);
    free(big);
    free(bo);
    uint32_t cp;
    test_cond("utf8_decode rejects an overlong form", utf8_decode("\xc0\xaf", 2, &cp) == 1 && cp == 0xFFFD);
    test_cond("utf8_decode rejects a surrogate", utf8_decode("\xed\xa0\x80", 3, &cp) == 1 && cp == 0xFFFD);
    test_cond("utf8_decode reads a 4-byte character",
              utf8_decode("\xf0\x9f\x98\x80", 4, &cp) == 4 && cp == 0x1F600);

    test_shared_dictionary(wl, dict, b, ctx);

    breaker_free(b);
    thaidict_free(dict);
    wordlist_free(wl);
    rg_context_free(ctx);
    return test_report();
}
