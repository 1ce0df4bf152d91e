/* test_positions.c - source positions: exact columns in code points, and
 * linear work however long a line is (issue #20: the column of every
 * element was counted from the start of its line, so a whole 10,000-row
 * report on one line took 144 s to load and render).
 *
 * The work is bounded by counts, not time: the loader counts the bytes it
 * scans to turn offsets into columns (rg_context.pos_steps). */
#include "testhelp.h"
#include "util/buf.h"
#include "util/context.h"

#include <stdlib.h>
#include <string.h>

/* A report whose <explanation> holds a table of rows rows, all on one
 * line after the prologue; tail is added after the table, on that line. */
static char *one_line_report(rg_context *ctx, int rows, const char *tail, size_t *len)
{
    rg_buf b;
    buf_init(&b, ctx);
    buf_puts(&b, "<report xmlns=\"urn:raingan:report:1\"><meta><agency>ก</agency>"
                 "<fiscal-year>2566</fiscal-year><round>12</round></meta>"
                 "<indicator number=\"1\" weight=\"10\"><name>ตัวชี้วัด</name><supervisor>"
                 "<person><name>ก</name></person></supervisor><criteria>");
    for (int i = 1; i <= 5; i++)
        buf_printf(&b, "<level value=\"%d\">ระดับ</level>", i);
    buf_puts(&b, "</criteria><calculation><row weight=\"10\" score=\"5\"><label>ก</label>"
                 "<result>ข</result></row></calculation><explanation><table>");
    for (int i = 0; i < rows; i++)
        buf_printf(&b, "<tr><td>แถวที่ %d</td><td>%d</td></tr>", i, i);
    buf_printf(&b, "</table>%s</explanation></indicator></report>", tail);
    *len = b.len;
    return b.data;
}

int main(void)
{
    rg_context *ctx = rg_context_new();
    size_t len;
    char *src = one_line_report(ctx, 10000, "", &len);
    rg_document *doc = rg_document_load_memory(ctx, "long.xml", src, len);
    test_cond("a 10,000-row report on one line loads", doc != NULL);
    char msg[160];
    snprintf(msg, sizeof msg, "its positions scan at most 64 bytes per source byte (%zu for %zu)",
             ctx->pos_steps, len);
    test_cond(msg, ctx->pos_steps <= 64 * len);
    rg_document_free(doc);
    rg_free(ctx, src);

    /* The column of an error after a long Thai line is its code-point column. */
    rg_context_clear_diagnostics(ctx);
    src = one_line_report(ctx, 300, "<blink/>", &len);
    const char *at = strstr(src, "<blink/>");
    size_t points = 0;
    for (const char *p = src; p < at; p++)
        points += ((unsigned char)*p & 0xC0) != 0x80;
    doc = rg_document_load_memory(ctx, "col.xml", src, len);
    const rg_diagnostic *d = rg_context_diagnostic(ctx, 0);
    test_cond("an unknown element on a long line is an error", !doc && d);
    test_cond("it is reported on line 1", d && d->line == 1);
    test_cond("at its column counted in code points", d && d->col == (int)points + 1);
    rg_document_free(doc);
    rg_free(ctx, src);
    rg_context_free(ctx);
    return test_report();
}
