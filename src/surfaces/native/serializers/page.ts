// 001's page object: the items with the numbers a client pages with.
import { pageCount } from '../../kit/paging.ts';

/** 001's pagination envelope from a total and the requested page. */
export function pageOf<T>(items: T[], total: number, page: number, pageSize: number) {
  return { items, total, page, page_size: pageSize, pages: pageCount(total, pageSize) };
}
