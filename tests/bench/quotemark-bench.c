/* quotemark-bench.c: measures import, export, search, opening a large
 * annotated article, committing a span and the memory of the window, on
 * data it generates itself (docs/performance.md has the targets). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "bench-seed.h"
#include "qm-application.h"
#include "qm-document-view.h"
#include "qm-history.h"
#include "qm-import.h"
#include "qm-jsonl.h"
#include "qm-store.h"
#include "qm-window.h"

#define ARTICLE_BYTES     3000
#define BIG_ARTICLE_BYTES (1024 * 1024)
#define BIG_ANNOTATIONS   5000
#define MIB               (1024.0 * 1024.0)
/* A frame that does not come within this long means the display is gone
 * (long enough for a run under callgrind). */
#define FRAME_TIMEOUT_S   600

typedef struct
{
  guint n_articles;
  guint rounds;         /* repetitions of the short measurements */
  guint seed;
} Config;

typedef struct
{
  double import_docs_per_s;
  double export_jsonl_mb_per_s;
  double open_ms;
  double plain_open_ms;
  double commit_ms;
  double commit_refresh_ms;   /* until the view shows the span */
  double search_ms;
  double peak_rss_mb;
  double bare_rss_mb;   /* a window with one label, for comparison */
  double export_mb;
  guint  search_hits;
} Results;

static gboolean opt_quick;
static gboolean opt_json;
static gboolean opt_keep;
static int opt_seed = 2024;
static char *opt_only;
static char *opt_rss_child;
static gboolean opt_rss_bare;

static const GOptionEntry options[] = {
  { "quick", 'q', 0, G_OPTION_ARG_NONE, &opt_quick, "A smaller run: 1,000 articles and fewer repetitions", NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print the results as one JSON object", NULL },
  { "keep", 0, 0, G_OPTION_ARG_NONE, &opt_keep, "Keep the generated corpora and say where they are", NULL },
  { "seed", 0, 0, G_OPTION_ARG_INT, &opt_seed, "Seed of the generated data (default 2024)", "N" },
  { "only", 0, 0, G_OPTION_ARG_STRING, &opt_only,
    "Measure only these, for profiling: import, export, search, view, rss (comma-separated)", "LIST" },
  { "rss-child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_rss_child, NULL, NULL },
  { "rss-bare", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &opt_rss_bare, NULL, NULL },
  { NULL }
};

static void G_GNUC_NORETURN G_GNUC_PRINTF (1, 2)
die (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  fprintf (stderr, "quotemark-bench: ");
  vfprintf (stderr, format, args);
  fprintf (stderr, "\n");
  va_end (args);
  exit (1);
}

static void
check (gboolean      ok,
       const GError *error,
       const char   *what)
{
  if (!ok)
    die ("%s failed: %s", what, error != NULL ? error->message : "no error given");
}

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Single runs of interactive work vary with the scheduler; the median of
 * several is what a user feels. */
static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  if (values->len == 0)
    return NAN;
  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);
  return (g_array_index (values, double, values->len / 2 - 1)
          + g_array_index (values, double, values->len / 2)) / 2;
}

/* The peak resident set of this process so far, in MiB. */
static double
read_peak_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return NAN;
  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return NAN;
  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

/* --- data --- */

static void
write_articles (const char *folder,
                GRand      *rand,
                guint       n)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = bench_make_article (rand, i + 1, ARTICLE_BYTES);
      g_autofree char *name = g_strdup_printf ("article-%05u.txt", i + 1);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      check (g_file_set_contents (path, text, -1, &error), error, "writing an article");
    }
}

/* A Quote, its Speaker and the link between them in every article, so that
 * the export carries annotations and not only text. */
static void
annotate_corpus (QmStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = qm_store_list_documents (store, NULL, 0, 0, &error);

  check (documents != NULL, error, "listing documents");
  check (qm_store_begin (store, &error), error, "beginning a transaction");
  for (guint i = 0; i < documents->len; i++)
    {
      QmDocument *document = g_ptr_array_index (documents, i);
      g_autoptr(QmSpan) quote = qm_span_new ();
      g_autoptr(QmSpan) speaker = qm_span_new ();
      g_autoptr(QmRelation) relation = qm_relation_new ();
      glong n_chars = qm_document_get_n_chars (document);

      quote->document_id = g_strdup (qm_document_get_id (document));
      quote->label = g_strdup ("Quote");
      quote->start = MIN (60, n_chars - 2);
      quote->end = MIN (140, n_chars);
      quote->annotator = g_strdup ("bench");
      speaker->document_id = g_strdup (qm_document_get_id (document));
      speaker->label = g_strdup ("Speaker");
      speaker->start = MIN (150, n_chars - 2);
      speaker->end = MIN (165, n_chars);
      speaker->annotator = g_strdup ("bench");
      check (qm_store_add_span (store, quote, &error), error, "adding a quote");
      check (qm_store_add_span (store, speaker, &error), error, "adding a speaker");

      relation->type = g_strdup ("attributed_to");
      relation->from_id = g_strdup (quote->id);
      relation->to_id = g_strdup (speaker->id);
      relation->annotator = g_strdup ("bench");
      check (qm_store_add_relation (store, relation, &error), error, "adding a link");
    }
  check (qm_store_commit (store, &error), error, "committing the annotations");
}

/* One article of @BIG_ARTICLE_BYTES with @BIG_ANNOTATIONS spans spread over
 * it, in a corpus of its own. Returns the document id. */
static char *
make_big_corpus (const char *path,
                 GRand      *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStore) store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autofree char *text = NULL;
  static const char * const labels[] = { "Quote", "Speaker", "Cue" };
  glong n_chars, slot;

  check (store != NULL, error, "creating the corpus of the long article");
  text = bench_make_article (rand, 0, BIG_ARTICLE_BYTES);
  qm_document_set_text (document, text);
  qm_document_set_title (document, "A long press review");
  qm_document_set_language (document, "mixed");
  check (qm_store_add_document (store, document, &error), error, "adding the long article");

  n_chars = qm_document_get_n_chars (document);
  slot = n_chars / BIG_ANNOTATIONS;
  check (qm_store_begin (store, &error), error, "beginning a transaction");
  for (guint i = 0; i < BIG_ANNOTATIONS; i++)
    {
      g_autoptr(QmSpan) span = qm_span_new ();
      glong start = i * slot + g_rand_int_range (rand, 0, slot / 2);

      span->document_id = g_strdup (qm_document_get_id (document));
      span->label = g_strdup (labels[i % G_N_ELEMENTS (labels)]);
      span->start = start;
      span->end = start + g_rand_int_range (rand, 5, slot / 2);
      span->annotator = g_strdup ("bench");
      check (qm_store_add_span (store, span, &error), error, "adding a span");
    }
  check (qm_store_commit (store, &error), error, "committing the spans");

  return g_strdup (qm_document_get_id (document));
}

/* --- core measurements --- */

/* The measure_*() functions are never inlined, so that a profiler can be
 * pointed at one: valgrind --tool=callgrind --toggle-collect=measure_open. */

static G_GNUC_NO_INLINE double
measure_import (QmStore    *store,
                const char *folder,
                guint       n_articles)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmReport) report = qm_report_new ();
  const char *paths[] = { folder, NULL };
  gint64 start = g_get_monotonic_time ();
  double seconds;

  check (qm_import_paths (store, paths, NULL, report, NULL, &error), error, "importing");
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  if (qm_report_count (report, QM_REPORT_IMPORTED) != n_articles)
    die ("import: %u of %u articles imported", qm_report_count (report, QM_REPORT_IMPORTED), n_articles);

  return n_articles / seconds;
}

static G_GNUC_NO_INLINE double
measure_export (QmStore    *store,
                const char *path,
                double     *megabytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GOutputStream) buffered = NULL;
  GStatBuf st;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  check (out != NULL, error, "creating the export file");
  /* What the command line writes through, too: one write per line would
   * measure the kernel, not the exporter. */
  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (out), 64 * 1024);
  check (qm_jsonl_export (store, NULL, buffered, NULL, &error), error, "exporting");
  check (g_output_stream_close (buffered, NULL, &error), error, "closing the export");
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  if (g_stat (path, &st) != 0)
    die ("export: %s is missing", path);
  *megabytes = st.st_size / MIB;
  return *megabytes / seconds;
}

/* The full-text search the document list runs when the user types. */
static G_GNUC_NO_INLINE double
measure_search (QmStore *store,
                guint    rounds,
                guint   *hits)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  guint n_places = g_strv_length ((char **) bench_places);
  guint all = qm_store_count_documents (store, &error);

  check (error == NULL, error, "counting documents");
  *hits = 0;
  for (guint i = 0; i < rounds; i++)
    {
      /* English and Arabic names in turn. */
      const char *query = bench_places[(i * 7 + (i % 2) * 20) % n_places];
      g_autoptr(GPtrArray) ids = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      ids = qm_store_search_documents (store, query, &error);
      ms = elapsed_ms (start);
      check (ids != NULL, error, "searching");
      if (ids->len == 0 || ids->len >= all)
        die ("search for “%s” found %u of %u documents", query, ids->len, all);
      *hits += ids->len;
      g_array_append_val (times, ms);
    }
  *hits /= rounds;

  return median (times);
}

/* --- the document view --- */

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
on_frame_timeout (gpointer data)
{
  die ("no frame was drawn within %d s; is the display working?", FRAME_TIMEOUT_S);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @toplevel has painted one frame. */
static void
wait_for_frame (GtkWidget *toplevel)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (toplevel);
  gboolean painted = FALSE;
  gulong handler;
  guint timeout;

  g_assert (clock != NULL);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  /* A frame even when nothing changed (clearing an empty view), or this
   * would wait for ever; it adds no drawing of its own. */
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  timeout = g_timeout_add_seconds (FRAME_TIMEOUT_S, on_frame_timeout, NULL);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_signal_handler_disconnect (clock, handler);
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

static GtkWidget *
new_window_with (GtkWidget *view)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (window);
  return window;
}

static GtkEventController *
find_key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      GtkEventController *controller = g_list_model_get_item (controllers, i);

      /* The widget keeps its controllers alive. */
      g_object_unref (controller);
      if (g_strcmp0 (gtk_event_controller_get_name (controller), "qm-document-view-keys") == 0)
        return controller;
    }
  die ("the document view has no key controller named qm-document-view-keys");
}

/* Time from loading into an empty view to the first frame drawn after it:
 * the annotated article in the real view, then the same text in a plain
 * GtkTextView, in turns. */
static G_GNUC_NO_INLINE void
measure_open (QmDocumentView *view,
              GtkWidget      *view_window,
              GtkTextView    *plain,
              GtkWidget      *plain_window,
              const char     *document_id,
              const char     *text,
              guint           rounds,
              Results        *results)
{
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) plain_open = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < rounds; i++)
    {
      gint64 start;
      double ms;

      check (qm_document_view_load (view, NULL, &error), error, "clearing the view");
      wait_for_frame (view_window);
      spin (100);
      start = g_get_monotonic_time ();
      check (qm_document_view_load (view, document_id, &error), error, "loading the long article");
      gtk_widget_queue_draw (GTK_WIDGET (view));
      wait_for_frame (view_window);
      ms = elapsed_ms (start);
      g_array_append_val (open, ms);
      if (g_list_model_get_n_items (G_LIST_MODEL (qm_document_view_get_spans (view))) < BIG_ANNOTATIONS)
        die ("the view shows %u spans, not %d",
             g_list_model_get_n_items (G_LIST_MODEL (qm_document_view_get_spans (view))), BIG_ANNOTATIONS);

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (plain), "", 0);
      wait_for_frame (plain_window);
      spin (100);
      start = g_get_monotonic_time ();
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (plain), text, -1);
      gtk_widget_queue_draw (GTK_WIDGET (plain));
      wait_for_frame (plain_window);
      ms = elapsed_ms (start);
      g_array_append_val (plain_open, ms);
    }

  results->open_ms = median (open);
  results->plain_open_ms = median (plain_open);
}

/* When the history announces a change: it does so once the store has
 * committed it, before any view starts to show it. */
static gint64 committed_at;

static gboolean
on_history_changed (GSignalInvocationHint *hint,
                    guint                  n_params,
                    const GValue          *params,
                    gpointer               data)
{
  if (committed_at == 0)
    committed_at = g_get_monotonic_time ();
  return TRUE;
}

/* A selection somewhere in the article and the label key pressed: the time
 * until the span is committed in the store, and (@refresh_ms) until the
 * key handler is done, the view showing the span. */
static G_GNUC_NO_INLINE double
measure_commit (QmDocumentView *view,
                GtkWidget      *window,
                QmStore        *store,
                GRand          *rand,
                guint           rounds,
                double         *refresh_ms)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) refresh_times = g_array_new (FALSE, FALSE, sizeof (double));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkEventController *keys = find_key_controller (GTK_WIDGET (view));
  int n_chars = gtk_text_buffer_get_char_count (buffer);
  guint signal_id = g_signal_lookup ("changed", QM_TYPE_HISTORY);
  gulong hook;

  /* An emission hook runs before every handler of the signal. */
  hook = g_signal_add_emission_hook (signal_id, 0, on_history_changed, NULL, NULL);

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QmSpan) stored = NULL;
      GtkTextIter start_iter, end_iter;
      int start = g_rand_int_range (rand, 0, n_chars - 100);
      gboolean handled = FALSE;
      QmSpan *selected;
      gint64 start_time;
      double ms;

      gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, start + 40);
      gtk_text_buffer_select_range (buffer, &start_iter, &end_iter);

      committed_at = 0;
      start_time = g_get_monotonic_time ();
      g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_1, 0, 0, &handled);
      ms = elapsed_ms (start_time);
      g_array_append_val (refresh_times, ms);

      selected = qm_document_view_get_selected_span (view);
      if (!handled || selected == NULL || committed_at == 0)
        die ("the label key made no span");
      /* It is there for anyone reading the corpus. */
      stored = qm_store_get_span (store, selected->id, &error);
      check (stored != NULL, error, "reading the new span back");
      ms = (committed_at - start_time) / 1000.0;
      g_array_append_val (times, ms);

      /* Let it draw before the next key, as between two key presses. */
      wait_for_frame (window);
    }

  g_signal_remove_emission_hook (signal_id, hook);
  *refresh_ms = median (refresh_times);
  return median (times);
}

static void
measure_view (const char *big_path,
              const char *document_id,
              GRand      *rand,
              guint       rounds,
              Results    *results)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStore) store = qm_store_open (big_path, QM_STORE_OPEN_DEFAULT, &error);
  g_autoptr(QmHistory) history = NULL;
  g_autoptr(QmDocument) document = NULL;
  GtkWidget *view, *plain, *view_window, *plain_window;

  check (store != NULL, error, "opening the corpus of the long article");
  document = qm_store_get_document (store, document_id, &error);
  check (document != NULL, error, "reading the long article");
  history = qm_history_new (store);

  view = qm_document_view_new ();
  qm_document_view_set_history (QM_DOCUMENT_VIEW (view), history);
  qm_document_view_set_annotator (QM_DOCUMENT_VIEW (view), "bench");
  view_window = new_window_with (view);

  plain = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (plain), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (plain), GTK_WRAP_WORD_CHAR);
  plain_window = new_window_with (plain);

  measure_open (QM_DOCUMENT_VIEW (view), view_window, GTK_TEXT_VIEW (plain), plain_window,
                document_id, qm_document_get_text (document), rounds, results);

  gtk_window_destroy (GTK_WINDOW (plain_window));
  check (qm_document_view_load (QM_DOCUMENT_VIEW (view), document_id, &error), error, "loading the long article");
  wait_for_frame (view_window);
  gtk_widget_grab_focus (view);
  results->commit_ms = measure_commit (QM_DOCUMENT_VIEW (view), view_window, store, rand, rounds * 4,
                                       &results->commit_refresh_ms);
  gtk_window_destroy (GTK_WINDOW (view_window));
  spin (50);
}

/* --- the window's memory, in a process of its own --- */

/* Opens the corpus in the main window, scrolls the document list from the
 * first row to the last, and prints the peak resident set. */
static int
rss_child (const char *corpus)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmApplication) app = qm_application_new ();
  QmWindow *window;
  GtkListView *list_view;
  GtkAdjustment *adjustment;
  GListModel *model;
  double last = -1;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  check (g_application_register (G_APPLICATION (app), NULL, &error), error, "starting the application");

  window = qm_window_new (app);
  qm_window_set_annotator (window, "bench");
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  check (qm_window_open_corpus (window, corpus, QM_STORE_OPEN_DEFAULT, &error), error, "opening the corpus");
  wait_for_frame (GTK_WIDGET (window));

  list_view = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (window), QM_TYPE_WINDOW,
                                                            "document_list_view"));
  model = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));

  /* A page at a time with a frame in between, so every row is realized
   * once, as when a user drags the scrollbar from top to bottom. */
  while (gtk_adjustment_get_value (adjustment) > last)
    {
      last = gtk_adjustment_get_value (adjustment);
      gtk_adjustment_set_value (adjustment, last + gtk_adjustment_get_page_size (adjustment));
      wait_for_frame (GTK_WIDGET (window));
    }
  spin (200);

  printf ("%u %.1f\n", g_list_model_get_n_items (model), read_peak_rss_mb ());
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* What GTK, libadwaita and the graphics stack take by themselves on this
 * machine: a window with one label, measured the same way. */
static int
rss_bare_child (void)
{
  GtkWidget *window;

  gtk_init ();
  adw_init ();
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Quotemark"));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (window);
  spin (200);

  printf ("0 %.1f\n", read_peak_rss_mb ());
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* Runs this program again with @option (and @corpus): the peak of a fresh
 * process, not of this one, which has imported and exported. */
static double
measure_peak_rss (const char *option,
                  const char *corpus,
                  guint       n_articles)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", &error);
  g_autofree char *out = NULL;
  const char *argv[] = { NULL, option, corpus, NULL };
  int status;
  guint rows = 0;
  double mb = NAN;

  check (self != NULL, error, "finding the benchmark program");
  argv[0] = self;
  check (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                       &out, NULL, &status, &error),
         error, "starting the window");
  check (g_spawn_check_wait_status (status, &error), error, "the window");
  if (sscanf (out, "%u %lf", &rows, &mb) != 2)
    die ("the window printed “%s”", out);
  if (corpus != NULL && rows != n_articles)
    die ("the window listed %u documents, not %u", rows, n_articles);
  return mb;
}

/* --- output --- */

static char *
describe_machine (void)
{
  g_autofree char *cpuinfo = NULL;
  g_autofree char *model = NULL;
  struct utsname uts;

  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
    {
      const char *line = strstr (cpuinfo, "model name");

      if (line != NULL && (line = strchr (line, ':')) != NULL)
        model = g_strstrip (g_strndup (line + 1, strcspn (line + 1, "\n")));
    }
  uname (&uts);
  return g_strdup_printf ("%s, %u CPUs, Linux %s, GTK %u.%u.%u, SQLite %s",
                          model != NULL ? model : "unknown CPU", g_get_num_processors (),
                          uts.release, gtk_get_major_version (), gtk_get_minor_version (),
                          gtk_get_micro_version (), sqlite3_libversion ());
}

typedef struct
{
  const char *name;
  double      value;
  const char *unit;
  gboolean    higher_is_better;
  double      target;           /* NAN: none of its own */
} Row;

/* JSON numbers never follow the locale's decimal comma. */
static void
append_json_number (GString    *json,
                    const char *name,
                    double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    g_string_append_printf (json, "\"%s\": null, ", name);
  else
    g_string_append_printf (json, "\"%s\": %s, ", name, g_ascii_formatd (buf, sizeof buf, "%.2f", value));
}

static void
print_results (const Config  *config,
               const Results *results)
{
  g_autofree char *machine = describe_machine ();
  double open_limit = 1.5 * results->plain_open_ms;
  const Row rows[] = {
    { "import_docs_per_s", results->import_docs_per_s, "docs/s", TRUE, 2000 },
    { "export_jsonl_mb_per_s", results->export_jsonl_mb_per_s, "MiB/s", TRUE, 100 },
    { "export_size_mb", results->export_mb, "MiB", FALSE, NAN },
    { "open_ms", results->open_ms, "ms", FALSE, open_limit },
    { "plain_open_ms", results->plain_open_ms, "ms", FALSE, NAN },
    { "commit_ms", results->commit_ms, "ms", FALSE, 5 },
    { "commit_refresh_ms", results->commit_refresh_ms, "ms", FALSE, NAN },
    { "search_ms", results->search_ms, "ms", FALSE, 30 },
    { "peak_rss_mb", results->peak_rss_mb, "MiB", FALSE, 150 },
  };

  if (opt_json)
    {
      g_autoptr(JsonNode) machine_node = json_node_init_string (json_node_alloc (), machine);
      g_autofree char *machine_json = json_to_string (machine_node, FALSE);
      GString *json = g_string_new ("{");

      /* By hand rather than with JsonGenerator, which prints doubles with
       * all their digits. */
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        append_json_number (json, rows[i].name, rows[i].value);
      append_json_number (json, "bare_window_rss_mb", results->bare_rss_mb);
      g_string_append_printf (json, "\"articles\": %u, \"search_hits\": %u, \"quick\": %s, "
                              "\"seed\": %u, \"machine\": %s}",
                              config->n_articles, results->search_hits, opt_quick ? "true" : "false",
                              config->seed, machine_json);
      printf ("%s\n", json->str);
      g_string_free (json, TRUE);
      return;
    }

  printf ("Quotemark benchmark%s: %u articles of ~3 KB, one article of 1 MiB with %d spans, seed %u\n",
          opt_quick ? " (quick)" : "", config->n_articles, BIG_ANNOTATIONS, config->seed);
  printf ("%s\n\n", machine);
  printf ("%-24s %10s  %-7s %-12s %s\n", "measure", "value", "unit", "target", "");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const Row *row = &rows[i];
      g_autofree char *target = NULL;
      const char *verdict = "";

      if (isnan (row->value))
        {
          printf ("%-24s %10s\n", row->name, "—");
          continue;
        }
      if (!isnan (row->target))
        {
          gboolean met = row->higher_is_better ? row->value >= row->target : row->value <= row->target;

          target = g_strdup_printf ("%s %.*f", row->higher_is_better ? "≥" : "≤",
                                    row->target < 10 ? 1 : 0, row->target);
          verdict = met ? "met" : "MISSED";
        }
      printf ("%-24s %10.*f  %-7s %-12s %s\n", row->name, row->value < 100 ? 2 : 0, row->value,
              row->unit, target != NULL ? target : "", verdict);
    }
  if (!isnan (results->bare_rss_mb))
    printf ("\nFor comparison, a window with one label peaks at %.0f MiB here.\n", results->bare_rss_mb);
  if (opt_quick)
    printf ("\n(--quick: a smaller corpus; the targets are for the full run)\n");
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static void
progress (const char *what)
{
  if (!opt_json)
    fprintf (stderr, "… %s\n", what);
}

static gboolean
wanted (const char *what)
{
  g_auto(GStrv) list = NULL;

  if (opt_only == NULL)
    return TRUE;
  list = g_strsplit (opt_only, ",", -1);
  return g_strv_contains ((const char * const *) list, what);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- measure Quotemark");
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(QmStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *articles = NULL;
  g_autofree char *corpus = NULL;
  g_autofree char *big = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *big_id = NULL;
  Results results = { NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, 0 };
  Config config;

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("%s", error->message);

  if (opt_rss_child != NULL)
    return rss_child (opt_rss_child);
  if (opt_rss_bare)
    return rss_bare_child ();

  config.n_articles = opt_quick ? 1000 : 10000;
  config.rounds = opt_quick ? 3 : 7;
  config.seed = opt_seed;
  rand = g_rand_new_with_seed (config.seed);

  gtk_init ();
  adw_init ();

  dir = g_dir_make_tmp ("quotemark-bench-XXXXXX", &error);
  check (dir != NULL, error, "making a temporary folder");
  articles = g_build_filename (dir, "articles", NULL);
  corpus = g_build_filename (dir, "articles.quotemark", NULL);
  big = g_build_filename (dir, "long-article.quotemark", NULL);
  export_path = g_build_filename (dir, "export.jsonl", NULL);
  g_mkdir (articles, 0700);

  if (wanted ("import") || wanted ("export") || wanted ("search") || wanted ("rss"))
    {
      progress ("writing the articles");
      write_articles (articles, rand, config.n_articles);

      progress ("importing");
      store = qm_store_open (corpus, QM_STORE_OPEN_CREATE, &error);
      check (store != NULL, error, "creating the corpus");
      results.import_docs_per_s = measure_import (store, articles, config.n_articles);
      if (!wanted ("import"))
        results.import_docs_per_s = NAN;
      annotate_corpus (store);

      if (wanted ("export"))
        {
          progress ("exporting");
          results.export_jsonl_mb_per_s = measure_export (store, export_path, &results.export_mb);
        }
      if (wanted ("search"))
        {
          progress ("searching");
          results.search_ms = measure_search (store, config.rounds, &results.search_hits);
        }
      qm_store_close (store);
    }

  if (wanted ("view"))
    {
      progress ("opening the long article and marking spans in it");
      big_id = make_big_corpus (big, rand);
      measure_view (big, big_id, rand, config.rounds, &results);
    }

  if (wanted ("rss"))
    {
      progress ("scrolling the document list");
      results.peak_rss_mb = measure_peak_rss ("--rss-child", corpus, config.n_articles);
      results.bare_rss_mb = measure_peak_rss ("--rss-bare", NULL, 0);
    }

  print_results (&config, &results);

  if (opt_keep)
    fprintf (stderr, "The corpora are in %s\n", dir);
  else
    remove_tree (dir);
  return 0;
}
