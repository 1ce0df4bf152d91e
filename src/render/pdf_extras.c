/* pdf_extras.c - the document-level parts beyond the pages: the outline
 * (bookmarks), page labels, embedded files, the PDF/A-3b metadata and
 * OutputIntent, and a trailer /ID hashing the content.  The archive uses them all;
 * a plain render none.
 *
 * Objects are built with libharu's object functions on handles from
 * hpdf_imp.h; no libharu struct is read here.  Dates come from the
 * writer's epoch, which api/ resolved (SOURCE_DATE_EPOCH or the clock). */
#define _POSIX_C_SOURCE 200809L
#include "render/pdf_imp.h"
#include "util/i18n.h"

#include <string.h>
#include <time.h>

typedef struct rg_pdf_writer writer;

/* ---- outline, page labels, attachments, PDF/A ---------------------------------- */

/* The outline is written with the object API rather than HPDF_CreateOutline,
 * whose titles go through single-byte encoders: each entry is a dictionary
 * with a UTF-16 /Title, a /Dest to its page shown whole, /Parent, /Prev,
 * /Next, /First, /Last, and an open /Count of its descendants (PDF 32000-1,
 * 12.3.3).  Entries arrive in preorder with levels; a stack of the open
 * ancestors gives each entry its parent and the previous sibling, so the
 * whole tree is built in one pass. */
static int add_outline(writer *w, const rg_pdf_bookmark *marks, size_t nmarks)
{
    enum { MAXDEPTH = 16 };
    HPDF_Dict root = hx_dict_new(w->pdf);
    if (!root || hx_indirect(w->pdf, root))
        return -1;
    HPDF_Dict_AddName(root, "Type", "Outlines");
    HPDF_Dict stack[MAXDEPTH + 1] = {root}; /* stack[d]: the open entry at depth d */
    HPDF_Dict last[MAXDEPTH + 1] = {0};     /* last[d]: last child of stack[d] so far */
    int count[MAXDEPTH + 1] = {0};          /* descendants of stack[d] so far */
    int depth = 0;                          /* depth of stack's top (root is 0) */
    for (size_t i = 0; i < nmarks; i++) {
        const rg_pdf_bookmark *b = &marks[i];
        int d = b->level + 1;
        if (d > depth + 1)
            d = depth + 1;
        if (d < 1)
            d = 1;
        if (d > MAXDEPTH)
            d = MAXDEPTH;
        /* Close the entries deeper than the new one's parent. */
        for (; depth >= d; depth--) {
            if (depth > 0 && count[depth])
                HPDF_Dict_AddNumber(stack[depth], "Count", count[depth]);
        }
        HPDF_Dict e = hx_dict_new(w->pdf);
        /* A named destination (an evidence item), or the page shown whole. */
        HPDF_Array dest = b->dest ? NULL : hx_array_new(w->pdf);
        if (!e || (!b->dest && !dest) || hx_indirect(w->pdf, e))
            return -1;
        HPDF_Dict_Add(e, "Title", pdfw_text_named(w, b->title ? b->title : "", N_("an outline title")));
        if (b->dest) {
            HPDF_Dict_Add(e, "Dest", hx_string_new(w->pdf, b->dest));
        } else {
            size_t pg = b->page < w->nplist ? b->page : w->nplist - 1;
            HPDF_Array_Add(dest, w->plist[pg]);
            HPDF_Array_AddName(dest, "Fit");
            HPDF_Dict_Add(e, "Dest", dest);
        }
        HPDF_Dict parent = stack[d - 1];
        HPDF_Dict_Add(e, "Parent", parent);
        if (last[d - 1]) {
            HPDF_Dict_Add(last[d - 1], "Next", e);
            HPDF_Dict_Add(e, "Prev", last[d - 1]);
        } else {
            HPDF_Dict_Add(parent, "First", e);
        }
        HPDF_Dict_Add(parent, "Last", e);
        last[d - 1] = e;
        for (int k = 0; k < d; k++)
            count[k]++;
        stack[d] = e;
        last[d] = NULL;
        count[d] = 0;
        depth = d;
    }
    for (; depth >= 1; depth--)
        if (count[depth])
            HPDF_Dict_AddNumber(stack[depth], "Count", count[depth]);
    HPDF_Dict_AddNumber(root, "Count", count[0]);
    HPDF_Dict_Add(hx_catalog(w->pdf), "Outlines", root);
    HPDF_Catalog_SetPageMode(hx_catalog(w->pdf), HPDF_PAGE_MODE_USE_OUTLINE);
    return w->error ? -1 : 0;
}

/* The catalog's /PageLabels number tree (PDF 32000-1, 12.4.2), written
 * with the object API: libharu's HPDF_AddPageLabel takes a prefix in a
 * single-byte encoding, and Thai labels need a UTF-16 text string. */
static int add_labels(writer *w, const rg_pdf_extras *o)
{
    HPDF_Dict tree = hx_dict_new(w->pdf);
    HPDF_Array nums = hx_array_new(w->pdf);
    if (!tree || !nums || HPDF_Dict_Add(tree, "Nums", nums) != HPDF_OK)
        return -1;
    for (size_t i = 0; i < o->nlabels; i++) {
        const rg_pdf_label *l = &o->labels[i];
        HPDF_Dict d = hx_dict_new(w->pdf);
        if (!d || HPDF_Array_AddNumber(nums, (HPDF_INT32)l->first_page) != HPDF_OK ||
            HPDF_Array_Add(nums, d) != HPDF_OK)
            return -1;
        HPDF_Dict_AddName(d, "Type", "PageLabel");
        if (l->style != PDF_LABEL_PREFIX_ONLY) {
            HPDF_Dict_AddName(d, "S", l->style == PDF_LABEL_ROMAN_LOWER ? "r" : "D");
            if (l->start > 1)
                HPDF_Dict_AddNumber(d, "St", l->start);
        }
        if (l->prefix)
            HPDF_Dict_Add(d, "P", pdfw_text(w, l->prefix));
    }
    HPDF_Dict_Add(hx_catalog(w->pdf), "PageLabels", tree);
    return w->error ? -1 : 0;
}

/* "D:YYYYMMDDHHmmSSZ" (Info, file params) or ISO 8601 (XMP) of an epoch. */
static void format_date(long long epoch, int iso, char *out, size_t size)
{
    time_t t = (time_t)epoch;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, size, iso ? "%Y-%m-%dT%H:%M:%SZ" : "D:%Y%m%d%H%M%SZ", &tm);
}

/* A file specification's /F: a byte string readers take as ASCII (PDF
 * 32000-1, 7.11.2), so every non-ASCII character of name becomes one
 * '_'; the exact name is the /UF text string beside it. */
static HPDF_String ascii_name(writer *w, const char *name)
{
    rg_buf b;
    buf_init(&b, w->ctx);
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p < 0x80)
            buf_putc(&b, (char)(*p >= 0x20 && *p != 0x7F ? *p : '_'));
        else if ((*p & 0xC0) != 0x80) /* a lead byte: one '_' per character */
            buf_putc(&b, '_');
    }
    buf_putc(&b, 0);
    HPDF_String s = b.failed ? NULL : hx_string_new(w->pdf, b.data);
    buf_free(&b);
    return s;
}

/* Embedded files: a name tree under /Names /EmbeddedFiles (keys sorted, as
 * name trees require; UTF-16 text strings, whose order for the BMP is
 * the UTF-8 bytes' order) and the catalog's /AF array, each file spec carrying
 * /AFRelationship as PDF/A-3 (ISO 19005-3, 6.8) asks, with the MIME type as
 * the stream's /Subtype and its size and date in /Params. */
static int add_files(writer *w, const rg_pdf_extras *o, long long epoch)
{
    HPDF_Array af = hx_array_new(w->pdf);
    HPDF_Array names = hx_array_new(w->pdf);
    HPDF_Dict tree = hx_dict_new(w->pdf);
    HPDF_Dict nd = hx_dict_new(w->pdf);
    size_t *order = rg_malloc(w->ctx, o->nfiles * sizeof *order);
    if (!af || !names || !tree || !nd || !order)
        goto fail;
    /* Insertion sort by name bytes: a handful of files. */
    for (size_t i = 0; i < o->nfiles; i++) {
        size_t j = i;
        while (j > 0 && strcmp(o->files[order[j - 1]].name, o->files[i].name) > 0) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    char date[32];
    format_date(epoch, 0, date, sizeof date);
    HPDF_Dict *specs = rg_malloc(w->ctx, o->nfiles * sizeof *specs);
    if (!specs)
        goto fail;
    for (size_t i = 0; i < o->nfiles; i++) {
        const rg_pdf_file *f = &o->files[i];
        const void *data = f->data;
        size_t len = f->len;
        if (!data && (!o->fetch || o->fetch(o->fetch_user, i, &data, &len))) {
            rg_free(w->ctx, specs);
            goto fail;
        }
        HPDF_Dict ef = pdfw_stream(w, data, len);
        if (!f->data)
            o->done(o->fetch_user, i, data);
        HPDF_Dict params = hx_dict_new(w->pdf);
        HPDF_Dict efd = hx_dict_new(w->pdf);
        HPDF_Dict spec = hx_dict_new(w->pdf);
        if (!ef || !params || !efd || !spec || hx_indirect(w->pdf, spec)) {
            rg_free(w->ctx, specs);
            goto fail;
        }
        HPDF_Dict_AddName(ef, "Type", "EmbeddedFile");
        HPDF_Dict_AddName(ef, "Subtype", f->mime ? f->mime : "application/octet-stream");
        HPDF_Dict_AddNumber(params, "Size", (HPDF_INT32)len);
        HPDF_Dict_Add(params, "ModDate", hx_string_new(w->pdf, date));
        HPDF_Dict_Add(ef, "Params", params);
        /* Complete: out to the file now (an archive embeds every source). */
        if (pdfw_emit(w, ef)) {
            rg_free(w->ctx, specs);
            goto fail;
        }
        HPDF_Dict_Add(efd, "F", ef);
        HPDF_Dict_Add(efd, "UF", ef);
        HPDF_Dict_AddName(spec, "Type", "Filespec");
        HPDF_Dict_Add(spec, "F", ascii_name(w, f->name));
        HPDF_Dict_Add(spec, "UF", pdfw_text(w, f->name));
        if (f->desc)
            HPDF_Dict_Add(spec, "Desc", pdfw_text(w, f->desc));
        HPDF_Dict_Add(spec, "EF", efd);
        HPDF_Dict_AddName(spec, "AFRelationship", f->relationship ? f->relationship : "Source");
        specs[i] = spec;
        HPDF_Array_Add(af, spec);
    }
    for (size_t i = 0; i < o->nfiles; i++) {
        HPDF_Array_Add(names, pdfw_text(w, o->files[order[i]].name));
        HPDF_Array_Add(names, specs[order[i]]);
    }
    /* Evidence files: their attachment icons lead to them. */
    if (pdfw_attach_files(w, o->files, specs, o->nfiles)) {
        rg_free(w->ctx, specs);
        goto fail;
    }
    rg_free(w->ctx, specs);
    rg_free(w->ctx, order);
    HPDF_Dict_Add(tree, "Names", names);
    HPDF_Dict_Add(nd, "EmbeddedFiles", tree);
    HPDF_Dict_Add(hx_catalog(w->pdf), "Names", nd);
    HPDF_Dict_Add(hx_catalog(w->pdf), "AF", af);
    return w->error ? -1 : 0;
fail:
    rg_free(w->ctx, order);
    return -1;
}

/* Append s to b with XML's five special characters escaped, cut where
 * its Info string is cut (pdfw_fit), so dc:title equals /Title. */
static void put_xml(rg_buf *b, const char *s)
{
    const char *end = s ? s + pdfw_fit(s, NULL) : s;
    for (; s && s < end; s++) {
        switch (*s) {
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '&': buf_puts(b, "&amp;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        case '\'': buf_puts(b, "&apos;"); break;
        default: buf_putc(b, *s);
        }
    }
}

/* The XMP packet PDF/A identifies itself by (ISO 19005-3, 6.6), repeating
 * the Info dictionary's entries in the properties they map to (title ->
 * dc:title, author -> dc:creator, subject -> dc:description, keywords ->
 * pdf:Keywords, creator -> xmp:CreatorTool, producer -> pdf:Producer,
 * dates -> xmp:CreateDate/ModifyDate), so a validator finds them equal. */
static void xmp_packet(rg_buf *b, const rg_pages *pages, long long epoch)
{
    char date[32];
    format_date(epoch, 1, date, sizeof date);
    buf_puts(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                "<pdfaid:part>3</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n"
                "</rdf:Description>\n"
                "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                "<dc:format>application/pdf</dc:format>\n");
    if (pages->title) {
        buf_puts(b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        put_xml(b, pages->title);
        buf_puts(b, "</rdf:li></rdf:Alt></dc:title>\n");
    }
    if (pages->author) {
        buf_puts(b, "<dc:creator><rdf:Seq><rdf:li>");
        put_xml(b, pages->author);
        buf_puts(b, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if (pages->subject) {
        buf_puts(b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        put_xml(b, pages->subject);
        buf_puts(b, "</rdf:li></rdf:Alt></dc:description>\n");
    }
    buf_printf(b, "</rdf:Description>\n"
                  "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
                  "<xmp:CreatorTool>raingan %s</xmp:CreatorTool>\n"
                  "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                  "<xmp:MetadataDate>%s</xmp:MetadataDate>\n</rdf:Description>\n"
                  "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
                  "<pdf:Producer>raingan %s with libharu</pdf:Producer>\n",
               RG_VERSION, date, date, date, RG_VERSION);
    if (pages->keywords) {
        buf_puts(b, "<pdf:Keywords>");
        put_xml(b, pages->keywords);
        buf_puts(b, "</pdf:Keywords>\n");
    }
    buf_puts(b, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
}

/* PDF/A-3b's document-level parts: PDF 1.7, the XMP metadata stream
 * (unfiltered, so any tool can find it), and the sRGB OutputIntent that
 * gives the pages' DeviceRGB colours a meaning. */
static int add_pdfa(writer *w, const rg_pages *pages, const rg_pdf_extras *o, long long epoch)
{
    hx_set_pdf17(w->pdf);
    rg_buf x;
    buf_init(&x, w->ctx);
    xmp_packet(&x, pages, epoch);
    int rc = -1;
    HPDF_Dict meta = x.failed ? NULL : hx_stream_new(w->pdf, x.data, x.len, 0);
    if (!meta)
        goto done;
    HPDF_Dict_AddName(meta, "Type", "Metadata");
    HPDF_Dict_AddName(meta, "Subtype", "XML");
    HPDF_Dict_Add(hx_catalog(w->pdf), "Metadata", meta);
    HPDF_Dict_Add(hx_catalog(w->pdf), "Lang", hx_string_new(w->pdf, "th"));

    HPDF_Dict icc = pdfw_stream(w, o->icc, o->icc_len);
    HPDF_Dict oi = hx_dict_new(w->pdf);
    HPDF_Array ois = hx_array_new(w->pdf);
    if (!icc || !oi || !ois)
        goto done;
    HPDF_Dict_AddNumber(icc, "N", 3);
    HPDF_Dict_AddName(oi, "Type", "OutputIntent");
    HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
    HPDF_Dict_Add(oi, "OutputConditionIdentifier", hx_string_new(w->pdf, "sRGB IEC61966-2.1"));
    HPDF_Dict_Add(oi, "Info", hx_string_new(w->pdf, "sRGB IEC61966-2.1"));
    HPDF_Dict_Add(oi, "RegistryName", hx_string_new(w->pdf, "http://www.color.org"));
    HPDF_Dict_Add(oi, "DestOutputProfile", icc);
    HPDF_Array_Add(ois, oi);
    HPDF_Dict_Add(hx_catalog(w->pdf), "OutputIntents", ois);
    rc = w->error ? -1 : 0;
done:
    buf_free(&x);
    return rc;
}

/* Everything beyond the pages the options ask for.  The trailer /ID is the
 * caller's 16 bytes twice (original and current: one version), so equal
 * inputs give equal files. */
int pdfw_extras(writer *w, const rg_pages *pages, const rg_pdf_extras *o)
{
    long long epoch = w->epoch;
    if (o->noutline && w->nplist) {
        /* The caller's entries, then (evidence_title) one entry per evidence
         * file drawn, under a last top-level entry. */
        size_t nev = 0;
        for (size_t i = 0; o->evidence_title && i < w->nanchors; i++)
            nev += w->anchors[i].title != NULL;
        size_t n = o->noutline + (nev ? nev + 1 : 0);
        rg_pdf_bookmark *all = rg_malloc(w->ctx, n * sizeof *all);
        if (!all)
            return -1;
        memcpy(all, o->outline, o->noutline * sizeof *all);
        size_t k = o->noutline;
        for (size_t i = 0; nev && i < w->nanchors; i++) {
            const pdf_anchor *an = &w->anchors[i];
            if (!an->title)
                continue;
            if (k == o->noutline)
                all[k++] = (rg_pdf_bookmark){o->evidence_title, 0, 0, an->name};
            all[k++] = (rg_pdf_bookmark){an->title, 1, 0, an->name};
        }
        int rc = add_outline(w, all, n);
        rg_free(w->ctx, all);
        if (rc)
            return -1;
    }
    if (o->nlabels && add_labels(w, o))
        return -1;
    if (o->nfiles && add_files(w, o, epoch))
        return -1;
    if (w->pdfa && (!o->icc || add_pdfa(w, pages, o, epoch)))
        return -1;
    if (o->id) {
        /* The caller's 16 bytes and every stream written (pages, fonts,
         * attachments, profile), hashed: equal content, equal /ID. */
        rg_sha256 h = w->digest;
        unsigned char d[32];
        rg_sha256_update(&h, o->id, 16);
        rg_sha256_final(&h, d);
        HPDF_Array id = hx_array_new(w->pdf);
        if (!id)
            return -1;
        HPDF_Array_Add(id, hx_binary_new(w->pdf, d, 16));
        HPDF_Array_Add(id, hx_binary_new(w->pdf, d, 16));
        HPDF_Dict_Add(hx_trailer(w->pdf), "ID", id);
    }
    return w->error ? -1 : 0;
}
