/* fuzz-schema.c: a label schema as JSON; whatever is accepted writes back
 * to JSON that reads as the same schema. */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "qm-schema.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(QmSchema) schema = NULL;
  g_autoptr(QmSchema) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  schema = qm_schema_new_from_json ((const char *) data, size, &error);
  if (schema == NULL)
    return 0;

  json = qm_schema_to_json (schema);
  again = qm_schema_new_from_json (json, -1, &error);
  if (again == NULL)
    g_error ("a schema's own JSON does not load: %s\n%s", error->message, json);
  json_again = qm_schema_to_json (again);
  if (strcmp (json, json_again) != 0)
    g_error ("a schema does not survive its JSON:\n%s\n%s", json, json_again);
  return 0;
}
