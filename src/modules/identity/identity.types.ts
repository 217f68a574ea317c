import type { Role } from '../../platform/actor.ts';
export type { Actor, Role } from '../../platform/actor.ts';
export { ROLES } from '../../platform/actor.ts';

/** A user as every surface may show it: no hashes, secrets or counters. */
export interface User {
  id: string;
  email: string | null;
  phone: string | null;
  role: Role;
  first_name: string;
  last_name: string;
  full_name: string;
  is_active: boolean;
  email_verified_at: Date | null;
  phone_verified_at: Date | null;
  mfa_enabled: boolean;
  last_login_at: Date | null;
  avatar_url: string | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * What other modules may know about a user: names for display (course owners, certificates),
 * the role and whether the account may act. No credentials, counters or contact details but
 * the email, which certificates fall back to when a user has no name.
 */
export interface UserSummary {
  id: string;
  full_name: string;
  first_name: string;
  last_name: string;
  email: string | null;
  role: Role;
  avatar_url: string | null;
  /** False for blocked and deleted accounts. */
  is_active: boolean;
}

/** Which users a neighbour lists (002's instructors): always within `ids`. */
export interface UserSummaryFilter {
  ids: readonly string[];
  roles?: readonly Role[] | undefined;
  /** Blocked and deleted accounts left out. */
  activeOnly?: boolean | undefined;
  /** Case-insensitive substring of the full name. */
  search?: string | undefined;
}

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  /** Lifetime of the access token in seconds. */
  expires_in: number;
  /** Lifetime of the refresh token in seconds. */
  refresh_expires_in: number;
  user_id: string;
}

export interface ClientInfo {
  ip?: string | undefined;
  userAgent?: string | undefined;
}

export interface NameInput {
  first_name?: string | undefined;
  last_name?: string | undefined;
  full_name?: string | undefined;
}
