/* i18n.h - the message catalogue: English source strings, translations
 * from po/<lang>.po compiled by msgfmt and built into the library.
 *
 * No global state: the catalogue is constant data, the language is a
 * field of each rg_context (rg_context_set_language), so threads with
 * different languages never meet.  No setlocale, no bindtextdomain:
 * lookups read the embedded .mo file directly, so Thai messages work on
 * machines where no Thai locale is generated.
 *
 * Adding a message (docs/messages.md): write it in English as the format
 * of rg_diag()/loader_diag() or wrap it in N_() where it is passed on
 * (hints, messages built in pieces), then add its Thai msgstr to
 * po/th.po (`bash scripts/po-update.sh` lists what is missing). */
#ifndef RG_UTIL_I18N_H
#define RG_UTIL_I18N_H

#include <stddef.h>

/* Marks a string literal for xgettext without translating it here; the
 * translation happens where the string is shown (rg_diag translates its
 * format and hint). */
#define N_(s) s

/* Languages with a catalogue.  RG_LANG_EN is the source language. */
enum { RG_LANG_EN = 0, RG_LANG_TH = 1 };

/* The language a name such as "th", "th_TH.UTF-8", "en_US" or "C" stands
 * for (or a LANGUAGE list such as "th:en", by its first): RG_LANG_TH for
 * Thai, RG_LANG_EN for English, -1 when unknown. */
int i18n_language_from_name(const char *name);

/* The translation of msgid into lang, or msgid itself (English, no
 * translation, NULL, or ""); static storage. */
const char *i18n_lookup(int lang, const char *msgid);

/* strerror(e) in lang: the catalogue's translation of glibc's English text
 * for the errors of files, folders, disks and sockets a user meets (the
 * table in i18n.c, whose texts are glibc's, checked by test_i18n); for
 * any other value, or in English, strerror(e) itself. */
const char *i18n_strerror(int lang, int e);

/* Entry i of i18n_strerror's table (*e: its errno value); NULL past the
 * end (for the test that the texts are strerror's). */
const char *i18n_errno_text(size_t i, int *e);

/* A .mo file's translation of msgid (binary search of its sorted
 * originals), or NULL when absent or the data is not a valid .mo file. */
const char *i18n_mo_lookup(const unsigned char *mo, size_t size, const char *msgid);

#endif
