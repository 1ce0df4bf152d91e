/* test_multipart.c - the server's multipart/form-data reader (RFC 7578):
 * what well-behaved clients send (curl, browsers), what they differ in
 * harmlessly, and what a hostile client sends (each refused with its
 * reason, never read past the body). */
#include "serve/multipart.h"
#include "testhelp.h"

#include <stdlib.h>
#include <string.h>

static const char *CT = "multipart/form-data; boundary=------------------------abc123";

/* Parse s (NUL-ended) as a body with Content-Type ct, copied into a
 * buffer of exactly its length so a read past it is seen by ASan. */
static int parse(const char *ct, const char *s, mp_part *parts, int max, const char **err)
{
    size_t n = strlen(s);
    char *copy = malloc(n ? n : 1);
    memcpy(copy, s, n);
    int k = mp_parse(ct, copy, n, parts, max, err);
    /* keep the parts readable after the copy is gone: the test only
     * compares them inside this function's caller through static copies */
    static char keep[4096];
    if (k > 0 && n < sizeof keep) {
        memcpy(keep, copy, n);
        for (int i = 0; i < k; i++)
            parts[i].data = keep + (parts[i].data - copy);
    }
    free(copy);
    return k;
}

int main(void)
{
    mp_part p[MP_PARTS_MAX];
    const char *err = NULL;

    /* curl -F source=@a.xml -F note=hello */
    const char *curl = "--------------------------abc123\r\n"
                       "Content-Disposition: form-data; name=\"source\"; filename=\"a.xml\"\r\n"
                       "Content-Type: application/xml\r\n\r\n"
                       "<report/>\r\n"
                       "--------------------------abc123\r\n"
                       "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
                       "hello\r\n"
                       "--------------------------abc123--\r\n";
    int n = parse(CT, curl, p, MP_PARTS_MAX, &err);
    test_cond("curl's body: two parts", n == 2);
    test_cond("the first part's field name, file name and bytes",
              n == 2 && !strcmp(p[0].name, "source") && !strcmp(p[0].filename, "a.xml") &&
                  p[0].len == 9 && !memcmp(p[0].data, "<report/>", 9));
    test_cond("the second part has no file name and its bytes exclude the CRLF",
              n == 2 && !strcmp(p[1].name, "note") && !p[1].filename[0] && p[1].len == 5 &&
                  !memcmp(p[1].data, "hello", 5));

    n = parse("multipart/form-data; boundary=\"q;b\"",
              "preamble\r\n--q;b\r\ncontent-disposition: form-data; name=x; filename=\"b\\\"c.xml\"\r\n\r\n"
              "\r\n--q;b\r\nContent-Disposition: form-data; name=y\r\n\r\n\r\n--\r\n--q;b--",
              p, MP_PARTS_MAX, &err);
    test_cond("a quoted boundary, a preamble, bare and escaped values, lower-case header, "
              "a part holding a CRLF and a dash line",
              n == 2 && !strcmp(p[0].name, "x") && !strcmp(p[0].filename, "b\"c.xml") &&
                  p[0].len == 0 && p[1].len == 4 && !memcmp(p[1].data, "\r\n--", 4));

    static const struct {
        const char *what, *ct, *body, *reason;
    } bad[] = {
        {"not multipart", "application/xml", "<report/>", "not multipart"},
        {"no boundary", "multipart/form-data", "--x\r\n", "no usable boundary"},
        {"an empty boundary", "multipart/form-data; boundary=", "--\r\n", "no usable boundary"},
        {"a boundary over 70 characters",
         "multipart/form-data; boundary=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
         "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
         "--x\r\n", "no usable boundary"},
        {"a boundary that never occurs", "multipart/form-data; boundary=b", "--c\r\n\r\n--c--",
         "boundary not found"},
        {"no closing delimiter (truncated)", "multipart/form-data; boundary=b",
         "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\ndata", "does not end"},
        {"a part without Content-Disposition", "multipart/form-data; boundary=b",
         "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "no Content-Disposition"},
        {"a Content-Disposition that is not form-data", "multipart/form-data; boundary=b",
         "--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--b--", "not form-data"},
        {"an unclosed quote", "multipart/form-data; boundary=b",
         "--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--b--", "badly quoted"},
        {"a header line without ':'", "multipart/form-data; boundary=b",
         "--b\r\nContent-Disposition form-data\r\n\r\nx\r\n--b--", "no ':'"},
        {"headers that never end", "multipart/form-data; boundary=b",
         "--b\r\nContent-Disposition: form-data; name=\"a\"", "do not end"},
        {"a boundary line followed by garbage", "multipart/form-data; boundary=b",
         "--bXYZ\r\n\r\n--b--", "not followed by CRLF"},
        {"the closing delimiter alone", "multipart/form-data; boundary=b", "--b--",
         "holds no part"},
        {"an empty body", "multipart/form-data; boundary=b", "", "boundary not found"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char what[160];
        err = NULL;
        n = parse(bad[i].ct, bad[i].body, p, MP_PARTS_MAX, &err);
        snprintf(what, sizeof what, "refused: %s (\"%s\")", bad[i].what, err ? err : "");
        test_cond(what, n == -1 && err && strstr(err, bad[i].reason));
    }

    /* More parts than room: refused, not truncated. */
    char many[4096] = "";
    for (int i = 0; i < 5; i++)
        strcat(many, "--b\r\nContent-Disposition: form-data; name=\"p\"\r\n\r\nx\r\n");
    strcat(many, "--b--");
    test_cond("more parts than the caller's room: refused (too many parts)",
              parse("multipart/form-data; boundary=b", many, p, 4, &err) == -1 &&
                  strstr(err, "too many"));
    test_cond("exactly as many parts as room: read",
              parse("multipart/form-data; boundary=b", many, p, 5, &err) == 5);

    /* A name longer than the part's field. */
    char longname[1200] = "--b\r\nContent-Disposition: form-data; filename=\"";
    memset(longname + strlen(longname), 'n', 400);
    strcat(longname, "\"\r\n\r\nx\r\n--b--");
    test_cond("a file name over 255 bytes: refused",
              parse("multipart/form-data; boundary=b", longname, p, 4, &err) == -1);

    test_cond("safe names: a.xml, ไทย.xml, report 2562.xml",
              mp_safe_name("a.xml") && mp_safe_name("ไทย.xml") && mp_safe_name("report 2562.xml"));
    test_cond("unsafe names: '', ../x.xml, a/b.xml, a\\b.xml, .hidden, c:x, control characters",
              !mp_safe_name("") && !mp_safe_name("../x.xml") && !mp_safe_name("a/b.xml") &&
                  !mp_safe_name("a\\b.xml") && !mp_safe_name(".hidden") && !mp_safe_name("c:x") &&
                  !mp_safe_name("a\nb.xml") && !mp_safe_name("a\x7f.xml"));
    test_cond("multipart/form-data recognised in any case, with or without parameters",
              mp_is_multipart("Multipart/Form-Data; boundary=x") &&
                  mp_is_multipart("multipart/form-data") && !mp_is_multipart("multipart/mixed") &&
                  !mp_is_multipart("multipart/form-datax") && !mp_is_multipart(NULL));
    return test_report();
}
