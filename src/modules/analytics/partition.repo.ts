// The event store's monthly partitions: `analytics_events_pYYYYMM`, covering [first of the month,
// first of the next) in UTC. DDL cannot take bind parameters, so names and bounds are built here
// from integers only, never from input.
import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';

const NAME = /^analytics_events_p(\d{4})(\d{2})$/;

/** A month as (year, month 1-12). */
export interface Month {
  year: number;
  month: number;
}

export const monthOf = (date: Date): Month => ({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 });
export const addMonths = ({ year, month }: Month, n: number): Month => {
  const index = year * 12 + (month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
};
export const monthStart = ({ year, month }: Month) => new Date(Date.UTC(year, month - 1, 1));
export const partitionName = ({ year, month }: Month) =>
  `analytics_events_p${String(year).padStart(4, '0')}${String(month).padStart(2, '0')}`;

export const partitionRepo = {
  /** Creates the month's partition unless it exists (a concurrent creator winning is fine). */
  async create(db: Executor, month: Month): Promise<void> {
    const from = monthStart(month).toISOString();
    const to = monthStart(addMonths(month, 1)).toISOString();
    await sql
      .raw(
        `create table if not exists ${partitionName(month)} partition of analytics_events for values from ('${from}') to ('${to}')`,
      )
      .execute(db);
  },

  async exists(db: Executor, month: Month): Promise<boolean> {
    const { rows } = await sql<{
      found: string | null;
    }>`select to_regclass(${partitionName(month)})::text as found`.execute(db);
    return Boolean(rows[0]?.found);
  },

  /** Every month that has a partition. */
  async list(db: Executor): Promise<Month[]> {
    const { rows } = await sql<{ name: string }>`
      select child.relname as name
      from pg_inherits i
      join pg_class parent on parent.oid = i.inhparent
      join pg_class child on child.oid = i.inhrelid
      where parent.relname = 'analytics_events'`.execute(db);
    return rows.flatMap(({ name }) => {
      const match = NAME.exec(name);
      return match ? [{ year: Number(match[1]), month: Number(match[2]) }] : [];
    });
  },

  async drop(db: Executor, month: Month): Promise<void> {
    await sql.raw(`drop table if exists ${partitionName(month)}`).execute(db);
  },
};
