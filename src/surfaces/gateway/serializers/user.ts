// 000's users: the core's `instructor` is 000's `teacher`; `is_verified` and `last_login` are 000's names.
import type { Role, User } from '../../../modules/identity/index.ts';
import type { Paged } from '../../../platform/paging.ts';
import { pageCount } from '../../kit/paging.ts';

export type GatewayRoleName = 'student' | 'teacher' | 'admin';

export const toGatewayRole = (role: Role): GatewayRoleName => (role === 'instructor' ? 'teacher' : role);
export const fromGatewayRole = (role: GatewayRoleName): Role => (role === 'teacher' ? 'instructor' : role);

/** The user of profile and admin answers. */
export function toGatewayUser(user: User) {
  return {
    id: user.id,
    email: user.email,
    first_name: user.first_name,
    last_name: user.last_name,
    role: toGatewayRole(user.role),
    is_active: user.is_active,
    is_verified: user.email_verified_at !== null,
    last_login: user.last_login_at,
    created_at: user.created_at,
  };
}

/** The user inside login answers. */
export function toLoginUser(user: User) {
  return {
    id: user.id,
    email: user.email,
    role: toGatewayRole(user.role),
    first_name: user.first_name,
    last_name: user.last_name,
  };
}

/** 000's admin user list: `users`, `page` and `pages` beside the total. */
export function toGatewayUserList(result: Paged<User>, page: number, limit: number) {
  return { users: result.items.map(toGatewayUser), total: result.total, page, pages: pageCount(result.total, limit) };
}
