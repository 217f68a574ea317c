// What profiles needs from other modules, narrowed to the calls it makes. Methods that run inside
// a profiles transaction take it.
import type { Actor, Role } from '../../platform/actor.ts';
import type { Tx } from '../../platform/db/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { Course, CourseStatus } from '../catalog/index.ts';

export interface ProfilesPorts {
  identity: IdentityPort;
  catalog: CatalogPort;
}

/** The account a profile belongs to, as identity shows it. */
export interface ProfileOwner {
  id: string;
  role: Role;
  first_name: string;
  last_name: string;
  full_name: string;
  avatar_url: string | null;
  /** False while an admin has blocked the account. */
  is_active: boolean;
  created_at: Date;
}

/** Names and avatar are identity's canonical fields: read and written through it. */
export interface IdentityPort {
  /** A live account (blocked ones included); throws not found for unknown and deleted ones. */
  findUser(userId: string): Promise<ProfileOwner>;
  /** Writes first/last name (full_name follows) inside the caller's transaction. */
  renameUser(
    tx: Tx,
    userId: string,
    names: { first_name?: string | undefined; last_name?: string | undefined },
  ): Promise<ProfileOwner>;
}

/** An instructor's published courses, as anyone may list them. */
export interface CatalogPort {
  listCourses(
    actor: Actor | null,
    query: { instructorId: string; status: CourseStatus },
    page: PageRequest,
  ): Promise<Paged<Course>>;
}
