// The Kysely database type. Each module adds its tables by augmenting `Database` in its own
// `<module>.tables.ts`, so no shared file lists every table.
import type { Kysely, Transaction } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** What a repository method runs on: the root handle or the caller's transaction. */
export type Executor = Db | Tx;
