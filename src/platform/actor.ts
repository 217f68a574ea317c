// Who is calling, as every module sees it. Resolved by identity from a live session's access
// token (or, for service API keys, from the key); modules decide what the actor may do.
export type Role = 'student' | 'instructor' | 'admin';
export const ROLES: readonly Role[] = ['student', 'instructor', 'admin'];

export interface Actor {
  id: string;
  role: Role;
  sessionId: string;
}

export const isAdmin = (actor: Pick<Actor, 'role'> | null | undefined): boolean => actor?.role === 'admin';
