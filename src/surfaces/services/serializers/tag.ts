// Tags as 003 lists them.
import type { Tag } from '../../../modules/catalog/index.ts';

export const toTagOut = (tag: Tag) => ({ id: tag.id, name: tag.name, usage_count: tag.usage_count });
