// Tags attached to a course: by name (created when new) or by id.
import type { Static } from 'typebox';

import type { AttachTagBody } from '../catalog-extra.schemas.ts';

export function attachTagInput({ name, tag_id }: Static<typeof AttachTagBody>) {
  return { ...(name ? { name } : {}), ...(tag_id ? { tagId: tag_id } : {}) };
}
