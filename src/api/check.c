/* check.c - rg_document_check_templates: what `raingan check` adds to a
 * load, so that a source that checks clean also renders.
 *
 * Design: the form templates are loaded and checked exactly as a render
 * loads them (templates_load, load/template.c), reports placed at the form
 * that names the template: an unknown template="indicatr" is
 * `report.xml:8:3: error: no template named 'indicatr' ...`, exit 1, not
 * a render that stops later with "internal"; a summary form naming an
 * indicator template is wrong-template.  A template's font families
 * (<fonts family fallback>) must be installed, as a render needs them:
 * fontconfig is asked (only when a template names one), but nothing is
 * laid out and no font is read, so checking stays fast. */
#include "api/engine.h"
#include "load/template.h"

/* Every family the templates of set name is installed (Sarabun is the
 * data folder's own); each one that is not is reported at its attribute.
 * RG_OK, RG_ERR_INVALID or RG_ERR_FONT (fontconfig cannot load). */
static rg_status check_families(rg_context *ctx, const rg_templates *set)
{
    rg_fontfind *ff = NULL;
    rg_status st = RG_OK;
    for (size_t i = 0; i < set->n && st != RG_ERR_FONT; i++) {
        const rg_template *t = set->entries[i].t;
        for (size_t k = 0; t && t->family && k <= t->nfallbacks; k++) {
            const char *name = k ? t->fallbacks[k - 1] : t->family;
            if (fontfind_same_family(name, "Sarabun"))
                continue;
            if (!ff && !(ff = fontfind_new(ctx))) {
                st = RG_ERR_FONT;
                break;
            }
            char *path = fontfind_face(ff, ctx, name, FACE_REGULAR);
            if (!path) {
                engine_family_missing(ctx, name, t->file, k ? t->fallback_pos : t->family_pos);
                st = RG_ERR_INVALID;
            }
            rg_free(ctx, path);
        }
    }
    fontfind_free(ff);
    return st;
}

rg_status rg_document_check_templates(rg_context *ctx, const rg_document *doc,
                                      const char *data_dir)
{
    if (!ctx || !doc)
        return RG_ERR_USAGE;
    char *dir = find_data_dir(ctx, data_dir);
    if (!dir)
        return RG_ERR_TEMPLATE;
    rg_templates set = {0};
    rg_status st = templates_load(ctx, dir, &doc, 1, 0, &set);
    if (st == RG_OK)
        st = check_families(ctx, &set);
    templates_free(&set);
    rg_free(ctx, dir);
    return st;
}
