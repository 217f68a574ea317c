// What analytics needs from other modules.
import type { Actor } from '../../platform/actor.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';

export interface AnalyticsPorts {
  identity: IdentityPort;
}

/** The number of accounts (an admin's user listing, one row asked for, its total read). */
export interface IdentityPort {
  listUsers(actor: Actor, query: { role?: undefined; search?: undefined }, page: PageRequest): Promise<Paged<unknown>>;
}
