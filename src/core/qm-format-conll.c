/* qm-format-conll.c: CoNLL-2003 columns with IOB2 tags of one label layer,
 * for sequence taggers and the conlleval script. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "qm-format.h"
#include "qm-formats-private.h"
#include "qm-segment.h"

typedef struct
{
  glong start;
  glong end;
} Token;

/* Space for conlleval splits columns; other controls would break lines. */
static gboolean
is_separator (gunichar c)
{
  return g_unichar_isspace (c) || g_unichar_iscntrl (c) || c == 0x85;
}

/* Tokens are the stretches between Unicode word boundaries (UAX #29, as
 * Pango finds them) that are not white space: a word, a number such as
 * ٣٫٥, or one punctuation mark. */
static GArray *
tokenize (QmSegmenter    *segmenter,
          const gunichar *chars,
          glong           n_chars)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  glong start = -1;

  for (glong i = 0; i <= n_chars; i++)
    {
      gboolean boundary = i == n_chars || qm_segmenter_is_word_boundary (segmenter, i);
      gboolean separator = i < n_chars && is_separator (chars[i]);

      if (start >= 0 && (boundary || separator))
        {
          Token token = { start, i };

          g_array_append_val (tokens, token);
          start = -1;
        }
      if (i < n_chars && !separator && start < 0)
        start = i;
    }
  return tokens;
}

static gboolean
in_layer (const QmExportOptions *options,
          const char            *label)
{
  if (options == NULL || options->labels == NULL)
    return TRUE;
  return g_strv_contains (options->labels, label);
}

typedef struct
{
  QmSpan *span;
  guint   first;  /* token indices, inclusive */
  guint   last;
} Placed;

static int
compare_outer_first (gconstpointer a,
                     gconstpointer b)
{
  const Placed *x = a;
  const Placed *y = b;

  if (x->first != y->first)
    return x->first < y->first ? -1 : 1;
  if (x->last != y->last)
    return x->last > y->last ? -1 : 1;
  return g_strcmp0 (x->span->label, y->span->label);
}

static int
compare_inner_first (gconstpointer a,
                     gconstpointer b)
{
  const Placed *x = a;
  const Placed *y = b;
  guint lx = x->last - x->first;
  guint ly = y->last - y->first;

  if (lx != ly)
    return lx < ly ? -1 : 1;
  return compare_outer_first (a, b);
}

static char *
document_block (QmFormatDoc           *doc,
                const QmExportOptions *options,
                QmReport              *report)
{
  g_autoptr(QmSegmenter) segmenter = qm_segmenter_new (doc->text, -1);
  g_autofree gunichar *chars = NULL;
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_autofree int *owner = NULL;        /* token -> index in placed, or -1 */
  g_autofree gboolean *inside = NULL;  /* a tagged span goes on across the gap before token i */
  GString *out = g_string_new ("-DOCSTART- -X- -X- O\n\n");
  glong n_chars = 0;
  guint n_widened = 0, n_dropped = 0, n_empty = 0;

  chars = g_utf8_to_ucs4_fast (doc->text, -1, &n_chars);
  tokens = tokenize (segmenter, chars, n_chars);
  if (tokens->len == 0)
    return g_string_free (out, FALSE);

  /* Spans onto whole tokens. */
  for (guint i = 0; i < doc->spans->len; i++)
    {
      QmSpan *span = g_ptr_array_index (doc->spans, i);
      Placed p = { span, G_MAXUINT, 0 };
      gboolean exact_start = FALSE, exact_end = FALSE;

      if (!in_layer (options, span->label))
        continue;
      for (guint t = 0; t < tokens->len; t++)
        {
          Token *token = &g_array_index (tokens, Token, t);

          if (token->end <= span->start || token->start >= span->end)
            continue;
          if (p.first == G_MAXUINT)
            {
              p.first = t;
              exact_start = token->start == span->start;
            }
          p.last = t;
          exact_end = token->end == span->end;
        }
      if (p.first == G_MAXUINT)
        {
          n_empty++;
          continue;
        }
      /* A span that starts or ends with white space is on token edges all
       * the same. */
      if (!exact_start)
        for (glong k = span->start; k < g_array_index (tokens, Token, p.first).start; k++)
          exact_start = is_separator (chars[k]);
      if (!exact_end)
        for (glong k = g_array_index (tokens, Token, p.last).end; k < span->end; k++)
          exact_end = is_separator (chars[k]);
      if (!exact_start || !exact_end)
        n_widened++;
      g_array_append_val (placed, p);
    }

  /* Nested spans: the outermost is tagged, or with nested_inner the
   * innermost; a span crossing one already tagged is left out. */
  g_array_sort (placed, options != NULL && options->nested_inner ? compare_inner_first : compare_outer_first);
  owner = g_new (int, tokens->len);
  for (guint t = 0; t < tokens->len; t++)
    owner[t] = -1;
  for (guint i = 0; i < placed->len; i++)
    {
      Placed *p = &g_array_index (placed, Placed, i);
      gboolean free = TRUE;

      for (guint t = p->first; t <= p->last && free; t++)
        free = owner[t] < 0;
      if (!free)
        {
          n_dropped++;
          continue;
        }
      for (guint t = p->first; t <= p->last; t++)
        owner[t] = i;
    }

  /* No sentence break inside a tagged span: conlleval would end the chunk
   * there, and an I- tag cannot open a sentence in IOB2. */
  inside = g_new0 (gboolean, tokens->len);
  for (guint t = 1; t < tokens->len; t++)
    inside[t] = owner[t] >= 0 && owner[t] == owner[t - 1];

  for (guint t = 0; t < tokens->len; t++)
    {
      Token *token = &g_array_index (tokens, Token, t);
      g_autofree char *word = g_ucs4_to_utf8 (chars + token->start, token->end - token->start, NULL, NULL, NULL);

      if (t > 0 && !inside[t])
        {
          Token *previous = &g_array_index (tokens, Token, t - 1);
          gboolean sentence_break = FALSE;

          for (glong k = previous->end; k <= token->start && !sentence_break; k++)
            sentence_break = qm_segmenter_is_sentence_boundary (segmenter, k);
          if (sentence_break)
            g_string_append_c (out, '\n');
        }

      g_string_append_printf (out, "%s _ _ ", word);
      if (owner[t] < 0)
        g_string_append (out, "O\n");
      else
        {
          Placed *p = &g_array_index (placed, Placed, owner[t]);

          g_string_append_printf (out, "%s-%s\n", t == p->first ? "B" : "I", p->span->label);
        }
    }
  g_string_append_c (out, '\n');

  if (report != NULL && n_widened > 0)
    qm_report_add (report, QM_REPORT_WARNING, doc->id, 0,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %u span did not start or end on a token boundary and was widened to whole tokens",
                                "%s: %u spans did not start or end on a token boundary and were widened to whole tokens",
                                n_widened),
                   doc->id, n_widened);
  if (report != NULL && n_dropped > 0)
    qm_report_add (report, QM_REPORT_WARNING, doc->id, 0,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %u span overlapped a tagged span and was left out",
                                "%s: %u spans overlapped tagged spans and were left out",
                                n_dropped),
                   doc->id, n_dropped);
  if (report != NULL && n_empty > 0)
    qm_report_add (report, QM_REPORT_WARNING, doc->id, 0,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %u span holds no token and was left out",
                                "%s: %u spans hold no token and were left out",
                                n_empty),
                   doc->id, n_empty);
  return g_string_free (out, FALSE);
}

gboolean
qm_format_conll_export (QmStore                *store,
                        const QmExportOptions  *options,
                        GOutputStream          *out,
                        QmReport               *report,
                        GCancellable           *cancellable,
                        GError                **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  const char *annotator = options != NULL ? options->annotator : NULL;

  ids = qm_export_select_documents (store, options, error);
  if (ids == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(QmFormatDoc) doc = NULL;
      g_autofree char *block = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      doc = qm_format_doc_load (store, g_ptr_array_index (ids, i), annotator, error);
      if (doc == NULL)
        return FALSE;
      block = document_block (doc, options, report);
      if (!qm_format_write (out, block, -1, cancellable, error))
        return FALSE;
      qm_format_progress (options, i + 1, ids->len);
    }
  return TRUE;
}
