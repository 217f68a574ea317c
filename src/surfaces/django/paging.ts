// DRF's PageNumberPagination: `{count, next, previous, results}` with `?page=` and `?page_size=`
// (capped at 100); `next` and `previous` are absolute URLs on PUBLIC_URL that keep every other
// query parameter the client sent.
import type { FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import { Type } from 'typebox';

import type { Paged, PageRequest } from '../../platform/paging.ts';
import { fromPage } from '../kit/paging.ts';
import { Int, MAX_PAGE } from '../kit/schemas.ts';

export const DrfPageQuery = {
  page: Int(1, MAX_PAGE, { default: 1, description: 'Page number, from 1.' }),
  page_size: Int(1, 100, { default: 20, description: 'Items per page (at most 100).' }),
};

export const DrfPage = <T extends TSchema>(item: T) =>
  Type.Object({
    count: Type.Integer({ description: 'Items in every page together.' }),
    next: Type.Union([Type.String({ format: 'uri' }), Type.Null()], { description: 'The next page, absolute URL.' }),
    previous: Type.Union([Type.String({ format: 'uri' }), Type.Null()], {
      description: 'The previous page, absolute URL.',
    }),
    results: Type.Array(item),
  });

export interface DrfPaging {
  page: number;
  page_size: number;
}

export const pageRequest = (query: DrfPaging): PageRequest => fromPage(query.page, query.page_size);

/** A module page as DRF's page body. */
export function drfPage<T, U>(
  request: FastifyRequest,
  publicUrl: string,
  query: DrfPaging,
  page: Paged<T>,
  map: (item: T) => U,
) {
  return {
    count: page.total,
    ...pageLinks(request, publicUrl, query, page.total),
    results: page.items.map(map),
  };
}

/** A whole list cut into DRF's page body (lists the modules do not page). */
export function drfPageOf<T>(request: FastifyRequest, publicUrl: string, query: DrfPaging, all: readonly T[]) {
  const { limit, offset } = pageRequest(query);
  return {
    count: all.length,
    ...pageLinks(request, publicUrl, query, all.length),
    results: all.slice(offset, offset + limit),
  };
}

function pageLinks(request: FastifyRequest, publicUrl: string, query: DrfPaging, total: number) {
  const { limit } = pageRequest(query);
  const url = new URL(request.url, publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`);
  const base = new URL(publicUrl);
  const at = (page: number) => {
    url.searchParams.set('page', String(page));
    // DRF drops `page` from the link to the first page.
    if (page === 1) url.searchParams.delete('page');
    return `${base.origin}${base.pathname.replace(/\/$/, '')}${url.pathname}${url.search}`;
  };
  const last = Math.max(1, Math.ceil(total / limit));
  return {
    next: query.page < last ? at(query.page + 1) : null,
    previous: query.page > 1 ? at(Math.min(query.page - 1, last)) : null,
  };
}
