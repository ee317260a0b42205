/* bench-seed.c: invented news paragraphs in Arabic, English and both, and
 * the articles the benchmark assembles from them. */
#include "config.h"

#include <string.h>

#include "bench-seed.h"

/* Quotes, speakers and cues as annotators meet them: “ ” and « », a name
 * before or after the quote, harakat, a tatweel, Latin names inside Arabic
 * sentences and the other way round. Every person and event is invented. */
static const char * const paragraphs[] = {
  "“We will not accept any deal that ignores the farmers,” the agriculture "
  "minister said on Tuesday, adding that talks with the union would resume "
  "next week in %s.",

  "The central bank kept its main rate unchanged, citing slower growth in the "
  "second quarter and a sharp rise in fuel prices across the region. Traders "
  "in %s had expected a cut of a quarter point.",

  "Officials in %s said the new terminal would open in the spring, although "
  "contractors warned that the schedule depended on steel deliveries that "
  "have been delayed twice since January.",

  "“This is a turning point for the whole coast,” said Layla Haddad, who "
  "chairs the chamber of commerce. “Investors have been waiting for a signal "
  "like this for years, and now they have it.”",

  "According to the ministry, more than 40,000 students sat the examinations "
  "this year, the highest number since the reform of the school system. The "
  "results will be published in %s on the first of the month.",

  "Opposition lawmakers called the budget “a list of promises without money” "
  "and demanded a full debate before the vote, which is scheduled for "
  "Thursday afternoon.",

  "A spokesperson for the health authority told reporters in %s that "
  "vaccination centres would stay open late during the holiday to meet "
  "demand, which she described as “higher than in any previous year.”",

  "قال وزير الزراعة يوم الثلاثاء: «لن نقبل أي اتفاق يتجاهل المزارعين»، "
  "مضيفا أن المحادثات مع النقابة ستستأنف الأسبوع المقبل في %s.",

  "أبقى البنك المركزي على سعر الفائدة الرئيسي دون تغيير، مشيرا إلى تباطؤ "
  "النمو في الربع الثاني وارتفاع أسعار الوقود في المنطقة. وكان المتعاملون "
  "في %s يتوقعون خفضا بربع نقطة.",

  "وأوضح مسؤولون في %s أن المحطة الجديدة ستفتتح في الربيع، غير أن المقاولين "
  "حذروا من أن الجدول الزمني مرتبط بشحنات الحديد التي تأخرت مرتين منذ يناير.",

  "وقالت رئيسة غرفة التجارة ليلى حداد: «هذه نقطة تحوّل للساحل بأكمله، "
  "فالمستثمرون ينتظرون إشارة كهذه منذ سنوات، والآن حصلوا عليها».",

  "وَقالَ المُتَحَدِّثُ بِاسْمِ الحُكومَةِ إنَّ «المُفاوَضاتِ مُستَمِرَّةٌ»، "
  "مُؤَكِّداً أنَّ الوَفدَ سَيَعودُ إلى %s خِلالَ أيّام.",

  "ووصف نواب المعارضة الميزانية بأنها «قائمة وعود بلا أمـــوال»، وطالبوا "
  "بنقاش كامل قبل التصويت المقرر عصر يوم الخميس.",

  "The newspaper al-Masaa led with the headline «الحكومة تعد بخفض الأسعار» "
  "(“The government promises lower prices”), quoting an adviser in %s who "
  "asked not to be named.",

  "قال المحلل الاقتصادي Omar Nasser لوكالة Reuters في %s إن «the market has "
  "already priced in the cut»، مضيفا أن التضخم سيتراجع ببطء.",

  "In a statement posted in both languages, the ministry wrote: “Schools in "
  "%s reopen on Sunday” — «تفتح المدارس أبوابها يوم الأحد».",

  "وأشار التقرير إلى أن شركة Atlas Logistics وقعت عقدا بقيمة 12 مليون دولار "
  "لتوسيع ميناء %s، وقال مديرها Karim Benali: «we expect the first ships in "
  "autumn».",
};

static const char * const headlines[] = {
  "Talks with farmers resume after a week of protests",
  "Central bank holds rates as fuel prices climb",
  "New port terminal delayed by steel shipments",
  "المعارضة تنتقد الميزانية وتطالب بنقاش كامل",
  "الحكومة تعد بخفض الأسعار قبل العطلة",
  "Press review: «الأسواق» and the rate decision",
};

const char * const bench_places[] = {
  "Tunis", "Alexandria", "Sfax", "Oran", "Tangier", "Aqaba", "Sidon",
  "Latakia", "Mersin", "Valletta", "Marseille", "Genoa", "Piraeus",
  "Izmir", "Haifa", "Jaffa", "Byblos", "Tartus", "Benghazi", "Misrata",
  "طرابلس", "صفاقس", "وهران", "طنجة", "العقبة", "صيدا", "اللاذقية",
  "الإسكندرية", "بنغازي", "مصراتة", "سوسة", "بنزرت", "عنابة", "بجاية",
  "Essaouira", "Agadir", "Nador", "Bizerte", "Annaba", "Bejaia",
  NULL,
};

char *
bench_make_article (GRand *rand,
                    guint  number,
                    gsize  min_bytes)
{
  GString *text = g_string_new (NULL);
  guint n_places = g_strv_length ((char **) bench_places);
  const char *place = bench_places[g_rand_int_range (rand, 0, n_places)];

  g_string_append_printf (text, "%s (%u)\n\n",
                          headlines[g_rand_int_range (rand, 0, G_N_ELEMENTS (headlines))],
                          number);
  while (text->len < min_bytes)
    {
      const char *paragraph = paragraphs[g_rand_int_range (rand, 0, G_N_ELEMENTS (paragraphs))];
      const char *slot = strstr (paragraph, "%s");

      /* Every paragraph has at most one %s, filled with the article's place. */
      if (slot != NULL)
        {
          g_string_append_len (text, paragraph, slot - paragraph);
          g_string_append (text, place);
          g_string_append (text, slot + 2);
        }
      else
        g_string_append (text, paragraph);
      g_string_append (text, "\n\n");
    }

  return g_string_free (text, FALSE);
}
