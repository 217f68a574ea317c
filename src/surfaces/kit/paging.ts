// Page math shared by the surfaces: each contract's paging parameters to the modules'
// PageRequest, and the totals back to the contract's numbers.
import type { PageRequest } from '../../platform/paging.ts';
import { MAX_PAGE_SIZE } from '../../platform/paging.ts';

/** `page` (1-based) and `page_size` → limit/offset. */
export function fromPage(page: number, pageSize: number): PageRequest {
  const limit = Math.min(Math.max(1, pageSize), MAX_PAGE_SIZE);
  return { limit, offset: (Math.max(1, page) - 1) * limit };
}

/** Number of pages for `total` items (0 when there are none). */
export function pageCount(total: number, pageSize: number): number {
  return Math.ceil(total / Math.max(1, pageSize));
}
