// RFC 8288 `Link` headers for paged lists (first, prev, next, last), built from the request's
// own URL so every filter the client sent stays in each link.
import { pageCount } from './paging.ts';

export interface PageFacts {
  page: number;
  pageSize: number;
  total: number;
}

/** The Link header value for a page of `total` items, or undefined when there is one page. */
export function pageLinkHeader(baseUrl: string, requestUrl: string, facts: PageFacts): string | undefined {
  const last = Math.max(1, pageCount(facts.total, facts.pageSize));
  const url = new URL(requestUrl, baseUrl);
  url.searchParams.set('page', '1');
  // The query serialized once; each link swaps the value of its one `page` pair.
  const pairs = url.searchParams.toString().split('&');
  const pagePair = pairs.indexOf('page=1');
  const prefix = `${url.origin}${url.pathname}?`;
  const at = (page: number) => {
    pairs[pagePair] = `page=${page}`;
    return prefix + pairs.join('&');
  };
  const links = [`<${at(1)}>; rel="first"`];
  if (facts.page > 1) links.push(`<${at(Math.min(facts.page - 1, last))}>; rel="prev"`);
  if (facts.page < last) links.push(`<${at(facts.page + 1)}>; rel="next"`);
  links.push(`<${at(last)}>; rel="last"`);
  return links.join(', ');
}

/** Keyset paging's Link header: only `next`, the request's URL with the next cursor; none at the end. */
export function cursorLinkHeader(baseUrl: string, requestUrl: string, nextCursor: string | null): string | undefined {
  if (!nextCursor) return undefined;
  const url = new URL(requestUrl, baseUrl);
  url.searchParams.set('cursor', nextCursor);
  url.searchParams.delete('page');
  return `<${url.origin}${url.pathname}?${url.searchParams.toString()}>; rel="next"`;
}
