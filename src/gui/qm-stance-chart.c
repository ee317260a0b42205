/* qm-stance-chart.c: the stance-per-speaker bar chart of the Overview page. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "qm-overview.h"
#include "qm-stance-chart.h"

#define PADDING        6
#define ROW_SPACING    8
#define BAR_HEIGHT     22
#define NAME_GAP       12
#define SWATCH_SIZE    12
#define LEGEND_GAP     18
#define MAX_NAME_SHARE 0.4

typedef struct
{
  char  *name;
  guint *counts;
  guint  total;
} Row;

struct _QmStanceChart
{
  GtkWidget  parent_instance;

  GStrv      values;
  GPtrArray *rows;          /* of Row */
  guint      max_total;
  char      *description;
};

G_DEFINE_FINAL_TYPE (QmStanceChart, qm_stance_chart, GTK_TYPE_WIDGET)

static void
row_free (Row *row)
{
  g_free (row->name);
  g_free (row->counts);
  g_free (row);
}

/* Fixed colours for the default values, chosen from the GNOME palette so
 * that favor and against differ for red-green colour blindness too (blue
 * against orange); a lighter shade of each in the dark style. Other values
 * take the next colours. "none" is the text colour, faded. */
static const struct
{
  const char *light;
  const char *dark;
} palette[] = {
  { "#1c71d8", "#62a0ea" },   /* blue 4 / 2 */
  { "#e66100", "#ffa348" },   /* orange 4 / 2 */
  { "#813d9c", "#c061cb" },   /* purple 4 / 2 */
  { "#26a269", "#57e389" },   /* green 5 / 3 */
  { "#e5a50a", "#f8e45c" },   /* yellow 5 / 2 */
};

static void
get_foreground (GtkWidget *widget,
                GdkRGBA   *color)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_widget_get_color (widget, color);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}

static void
get_value_color (QmStanceChart *self,
                 guint          index,
                 GdkRGBA       *color)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  const char *value = self->values[index];
  guint palette_index;

  if (g_str_equal (value, "none"))
    {
      get_foreground (GTK_WIDGET (self), color);
      color->alpha *= 0.35f;
      return;
    }

  if (g_str_equal (value, "favor"))
    palette_index = 0;
  else if (g_str_equal (value, "against"))
    palette_index = 1;
  else
    palette_index = 2 + index % (G_N_ELEMENTS (palette) - 2);

  gdk_rgba_parse (color, dark ? palette[palette_index].dark : palette[palette_index].light);
}

/* Dark text on light bars and light text on dark ones. */
static void
get_text_color_on (const GdkRGBA *background,
                   const GdkRGBA *foreground,
                   GdkRGBA       *color)
{
  double luminance = 0.2126 * background->red + 0.7152 * background->green + 0.0722 * background->blue;

  /* A faded bar shows the page through it: the page's own text colour. */
  if (background->alpha < 0.6f)
    *color = *foreground;
  else if (luminance > 0.55)
    *color = (GdkRGBA) { 0, 0, 0, 0.8f };
  else
    *color = (GdkRGBA) { 1, 1, 1, 1 };
}

static int
get_line_height (GtkWidget *widget)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, "Ag");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static int
get_row_height (GtkWidget *widget)
{
  return MAX (BAR_HEIGHT, get_line_height (widget) + 4);
}

static int
get_legend_height (GtkWidget *widget)
{
  return MAX (SWATCH_SIZE, get_line_height (widget));
}

static void
qm_stance_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  QmStanceChart *self = QM_STANCE_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else
    {
      int rows = (int) self->rows->len;

      *minimum = *natural = 2 * PADDING + get_legend_height (widget) +
                            rows * (get_row_height (widget) + ROW_SPACING);
    }
}

/* x of a box of @width at @x from the start edge, in widget coordinates. */
static float
flip (gboolean rtl,
      int      widget_width,
      float    x,
      float    width)
{
  return rtl ? widget_width - x - width : x;
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             float          x,
             float          y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static int
snapshot_legend (QmStanceChart *self,
                 GtkSnapshot   *snapshot,
                 int            width,
                 gboolean       rtl,
                 const GdkRGBA *foreground)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int height = get_legend_height (widget);
  float x = PADDING;

  for (guint i = 0; self->values[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout =
        gtk_widget_create_pango_layout (widget, qm_overview_stance_value_label (self->values[i]));
      GskRoundedRect swatch;
      GdkRGBA color;
      int text_width, text_height;

      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      get_value_color (self, i, &color);

      gsk_rounded_rect_init_from_rect (&swatch,
                                       &GRAPHENE_RECT_INIT (flip (rtl, width, x, SWATCH_SIZE),
                                                            PADDING + (height - SWATCH_SIZE) / 2.0f,
                                                            SWATCH_SIZE, SWATCH_SIZE),
                                       3);
      gtk_snapshot_push_rounded_clip (snapshot, &swatch);
      gtk_snapshot_append_color (snapshot, &color, &swatch.bounds);
      gtk_snapshot_pop (snapshot);
      x += SWATCH_SIZE + 6;

      append_text (snapshot, layout, flip (rtl, width, x, text_width),
                   PADDING + (height - text_height) / 2.0f, foreground);
      x += text_width + LEGEND_GAP;
    }

  return PADDING + height + ROW_SPACING;
}

static void
qm_stance_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  QmStanceChart *self = QM_STANCE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int row_height = get_row_height (widget);
  guint n_values = g_strv_length (self->values);
  int name_width = 0, total_width = 0;
  float bar_start, bar_space, y;
  GdkRGBA foreground;
  g_autofree char *widest_total = NULL;

  if (self->rows->len == 0 || width <= 0)
    return;

  get_foreground (widget, &foreground);
  y = snapshot_legend (self, snapshot, width, rtl, &foreground);

  /* Names take what the longest needs, up to a share of the width. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, row->name);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      name_width = MAX (name_width, w);
    }
  name_width = MIN (name_width, (int) (width * MAX_NAME_SHARE));

  widest_total = qm_overview_format_count (self->max_total);
  {
    g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, widest_total);

    pango_layout_get_pixel_size (layout, &total_width, NULL);
  }

  bar_start = PADDING + name_width + NAME_GAP;
  bar_space = MAX (0, width - bar_start - NAME_GAP / 2 - total_width - PADDING);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      g_autoptr(PangoLayout) name = gtk_widget_create_pango_layout (widget, row->name);
      g_autofree char *total_text = qm_overview_format_count (row->total);
      g_autoptr(PangoLayout) total = gtk_widget_create_pango_layout (widget, total_text);
      float bar_length = self->max_total > 0 ? bar_space * row->total / self->max_total : 0;
      float x = bar_start;
      GskRoundedRect bar;
      int text_width, text_height;

      /* Only a name too long is given a width, to be ellipsized: Pango
       * would align a shorter Arabic name to the right of it, and names
       * line up at the start edge whatever their script. */
      pango_layout_get_pixel_size (name, &text_width, &text_height);
      if (text_width > name_width)
        {
          pango_layout_set_width (name, name_width * PANGO_SCALE);
          pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
          pango_layout_get_pixel_size (name, &text_width, &text_height);
        }
      append_text (snapshot, name, flip (rtl, width, PADDING, text_width),
                   y + (row_height - text_height) / 2.0f, &foreground);

      /* One rounded bar, cut into a segment per value. */
      gsk_rounded_rect_init_from_rect (&bar,
                                       &GRAPHENE_RECT_INIT (flip (rtl, width, bar_start, bar_length),
                                                            y, bar_length, row_height),
                                       4);
      gtk_snapshot_push_rounded_clip (snapshot, &bar);
      for (guint v = 0; v < n_values; v++)
        {
          float length = row->total > 0 ? bar_length * row->counts[v] / row->total : 0;
          g_autofree char *count_text = NULL;
          g_autoptr(PangoLayout) count = NULL;
          GdkRGBA color, text_color;

          if (row->counts[v] == 0)
            continue;

          get_value_color (self, v, &color);
          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT (flip (rtl, width, x, length), y, length, row_height));

          /* The count inside its segment when it fits. */
          count_text = qm_overview_format_count (row->counts[v]);
          count = gtk_widget_create_pango_layout (widget, count_text);
          pango_layout_get_pixel_size (count, &text_width, &text_height);
          if (text_width + 8 <= length)
            {
              get_text_color_on (&color, &foreground, &text_color);
              append_text (snapshot, count,
                           flip (rtl, width, x + (length - text_width) / 2.0f, text_width),
                           y + (row_height - text_height) / 2.0f, &text_color);
            }
          x += length;
        }
      gtk_snapshot_pop (snapshot);

      pango_layout_get_pixel_size (total, &text_width, &text_height);
      append_text (snapshot, total,
                   flip (rtl, width, bar_start + bar_length + NAME_GAP / 2, text_width),
                   y + (row_height - text_height) / 2.0f, &foreground);

      y += row_height + ROW_SPACING;
    }
}

static gboolean
qm_stance_chart_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard_mode,
                               GtkTooltip *tooltip)
{
  QmStanceChart *self = QM_STANCE_CHART (widget);
  int row_height = get_row_height (widget);
  int top = PADDING + get_legend_height (widget) + ROW_SPACING;
  g_auto(GStrv) lines = NULL;
  int index;

  if (y < top || self->description == NULL)
    return FALSE;

  index = (y - top) / (row_height + ROW_SPACING);
  if (index < 0 || (guint) index >= self->rows->len)
    return FALSE;

  /* The description has the legend line, then a line per row. */
  lines = g_strsplit (self->description, "\n", -1);
  if ((guint) index + 1 >= g_strv_length (lines))
    return FALSE;

  gtk_tooltip_set_text (tooltip, lines[index + 1]);
  return TRUE;
}

static void
qm_stance_chart_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (qm_stance_chart_parent_class)->css_changed (widget, change);

  /* The faded colour of "none" and the text follow the style. */
  gtk_widget_queue_draw (widget);
}

static void
dark_changed_cb (AdwStyleManager *manager,
                 GParamSpec      *pspec,
                 QmStanceChart   *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
qm_stance_chart_dispose (GObject *object)
{
  QmStanceChart *self = QM_STANCE_CHART (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);

  G_OBJECT_CLASS (qm_stance_chart_parent_class)->dispose (object);
}

static void
qm_stance_chart_finalize (GObject *object)
{
  QmStanceChart *self = QM_STANCE_CHART (object);

  g_strfreev (self->values);
  g_ptr_array_unref (self->rows);
  g_free (self->description);

  G_OBJECT_CLASS (qm_stance_chart_parent_class)->finalize (object);
}

static void
qm_stance_chart_class_init (QmStanceChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qm_stance_chart_dispose;
  object_class->finalize = qm_stance_chart_finalize;
  widget_class->measure = qm_stance_chart_measure;
  widget_class->snapshot = qm_stance_chart_snapshot;
  widget_class->query_tooltip = qm_stance_chart_query_tooltip;
  widget_class->css_changed = qm_stance_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "stancechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
qm_stance_chart_init (QmStanceChart *self)
{
  self->values = g_new0 (char *, 1);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stance by speaker"),
                                  -1);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, 0);
}

GtkWidget *
qm_stance_chart_new (void)
{
  return g_object_new (QM_TYPE_STANCE_CHART, NULL);
}

/* A line naming the values, then "Helena Duarte: Favor 3, Against 1,
 * None 0 (4 in all)." per row, one per line (the tooltips use the lines). */
static char *
describe (QmStanceChart *self)
{
  GString *text = g_string_new (NULL);

  if (self->rows->len == 0)
    {
      g_string_append (text, _("No stance judgements on attributed quotes."));
      return g_string_free (text, FALSE);
    }

  {
    g_autoptr(GString) values = g_string_new (NULL);

    for (guint i = 0; self->values[i] != NULL; i++)
      {
        if (i > 0)
          g_string_append (values, ", ");
        g_string_append (values, qm_overview_stance_value_label (self->values[i]));
      }
    /* TRANSLATORS: the first line of the chart's description for screen
     * readers; %s lists the stance values, "Favor, Against, None" */
    g_string_append_printf (text, _("Judgements per speaker: %s."), values->str);
  }

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = g_ptr_array_index (self->rows, r);
      g_autofree char *total = qm_overview_format_count (row->total);
      g_autoptr(GString) counts = g_string_new (NULL);
      g_autofree char *line = NULL;

      for (guint i = 0; self->values[i] != NULL; i++)
        {
          g_autofree char *count = qm_overview_format_count (row->counts[i]);

          if (i > 0)
            g_string_append (counts, ", ");
          /* TRANSLATORS: one stance value and its count in the chart's
           * description, "Favor 3" */
          g_string_append_printf (counts, C_("stance count", "%s %s"),
                                  qm_overview_stance_value_label (self->values[i]), count);
        }

      /* TRANSLATORS: one bar of the stance chart for screen readers:
       * "Helena Duarte: Favor 3, Against 1, None 0 (4 in all)." */
      line = g_strdup_printf (_("%s: %s (%s in all)."), row->name, counts->str, total);
      g_string_append_c (text, '\n');
      g_string_append (text, line);
    }

  return g_string_free (text, FALSE);
}

void
qm_stance_chart_set_data (QmStanceChart      *self,
                          const char * const *values,
                          GPtrArray          *rows)
{
  guint n_values;

  g_return_if_fail (QM_IS_STANCE_CHART (self));

  g_strfreev (self->values);
  self->values = values != NULL ? g_strdupv ((char **) values) : g_new0 (char *, 1);
  n_values = g_strv_length (self->values);

  g_ptr_array_set_size (self->rows, 0);
  self->max_total = 0;
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const QmStanceRow *source = g_ptr_array_index (rows, i);
      Row *row = g_new0 (Row, 1);

      row->name = g_strdup (source->entity_name);
      row->counts = g_new0 (guint, MAX (n_values, 1));
      for (guint v = 0; v < n_values && v < source->n_values; v++)
        {
          row->counts[v] = source->counts[v];
          row->total += source->counts[v];
        }
      self->max_total = MAX (self->max_total, row->total);
      g_ptr_array_add (self->rows, row);
    }

  g_free (self->description);
  self->description = describe (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);

  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
qm_stance_chart_get_n_rows (QmStanceChart *self)
{
  g_return_val_if_fail (QM_IS_STANCE_CHART (self), 0);

  return self->rows->len;
}

const char *
qm_stance_chart_get_description (QmStanceChart *self)
{
  g_return_val_if_fail (QM_IS_STANCE_CHART (self), NULL);

  return self->description;
}
