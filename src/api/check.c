/* check.c - rg_document_check_templates: what `raingan check` adds to a
 * load, so that a source that checks clean also renders.
 *
 * Design: each form's template is loaded exactly as a render loads it
 * (layout/template.c), in a context of its own whose reports are placed at
 * the form that names the template: an unknown template="indicatr" is
 * `report.xml:8:3: error: no template named 'indicatr' ...`, exit 1, not
 * a render that stops later with "internal".  Nothing is laid out and no
 * font is read, so checking stays fast. */
#include "api/engine.h"
#include "layout/template.h"

#include <string.h>

rg_status rg_document_check_templates(rg_context *ctx, const rg_document *doc,
                                      const char *data_dir)
{
    if (!ctx || !doc)
        return RG_ERR_USAGE;
    char *dir = find_data_dir(ctx, data_dir);
    if (!dir)
        return RG_ERR_TEMPLATE;
    rg_status st = RG_OK;
    rg_context *own = context_new_child(ctx);
    for (size_t i = 0; own && i < doc->nparts; i++) {
        const rg_part *part = &doc->parts[i];
        const char *name = part->kind == RG_PART_INDICATOR ? part->indicator->template_name
                                                           : part->summary->template_name;
        rg_pos pos = part->kind == RG_PART_INDICATOR ? part->indicator->pos : part->summary->pos;
        int seen = 0; /* one report per template name */
        for (size_t k = 0; k < i && !seen; k++) {
            const rg_part *q = &doc->parts[k];
            seen = !strcmp(name, q->kind == RG_PART_INDICATOR ? q->indicator->template_name
                                                              : q->summary->template_name);
        }
        if (seen)
            continue;
        rg_template *t = template_load(own, dir, name);
        if (!t && !template_move_diagnostics(ctx, own, doc->file, pos))
            rg_diag(ctx, RG_ERROR, "unknown-template", doc->file, pos.line, pos.col,
                    "the standard templates are 'indicator' and 'summary'",
                    "template '%s' could not be used", name);
        template_move_diagnostics(ctx, own, doc->file, pos);
        if (!t)
            st = RG_ERR_TEMPLATE;
        template_free(t);
    }
    if (!own)
        st = RG_ERR_NOMEM;
    rg_context_free(own);
    rg_free(ctx, dir);
    return st;
}
