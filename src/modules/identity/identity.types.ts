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
