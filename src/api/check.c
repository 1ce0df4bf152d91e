/* check.c - rg_document_check_templates: what `raingan check` adds to a
 * load, so that a source that checks clean also renders.
 *
 * Design: the form templates are loaded and checked exactly as a render
 * loads them (templates_load, load/template.c), reports placed at the form
 * that names the template: an unknown template="indicatr" is
 * `report.xml:8:3: error: no template named 'indicatr' ...`, exit 1, not
 * a render that stops later with "internal"; a summary form naming an
 * indicator template is wrong-template.  Nothing is laid out and no font
 * is read, so checking stays fast. */
#include "api/engine.h"
#include "load/template.h"

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
    templates_free(&set);
    rg_free(ctx, dir);
    return st;
}
