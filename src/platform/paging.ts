// One paging type for every module: limit/offset in, items/total out. Each surface converts its
// own contract's parameters (page/page_size, limit/offset, page/limit) once, in the surface kit.
export interface PageRequest {
  limit: number;
  offset: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

/** Largest page any surface hands to a module. */
export const MAX_PAGE_SIZE = 100;
