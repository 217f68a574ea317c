// pg-boss's own insert of a job, made conditional: a subscriber that ignores most events
// (`wants`) gets a job only while its SQL condition holds when the insert runs.

/** pg-boss reads the jobs to insert from `json_to_recordset($1::text::json)`. */
const PARAMETER = '$1::text::json';

/**
 * pg-boss's insert as text with its parameter, inserting nothing unless `when` holds: the jobs it
 * reads become an empty list (no pg-boss statement is rewritten beyond its input).
 */
export function onlyWhen(text: string, when: string | undefined): string {
  if (!when) return text;
  if (text.split(PARAMETER).length !== 2) throw new Error('Unexpected pg-boss insert statement');
  return text.replace(PARAMETER, () => `(case when ${when} then $1 else '[]' end)::text::json`);
}
