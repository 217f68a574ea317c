import type { ColumnType, Generated, Selectable } from 'kysely';

import type { Role } from './identity.types.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface UsersTable {
  id: Generated<string>;
  email: string | null;
  phone: string | null;
  password_hash: string | null;
  role: ColumnType<Role, Role | undefined, Role>;
  first_name: Generated<string>;
  last_name: Generated<string>;
  full_name: Generated<string>;
  is_active: Generated<boolean>;
  email_verified_at: NullableTimestamp;
  phone_verified_at: NullableTimestamp;
  mfa_enabled: Generated<boolean>;
  mfa_secret_encrypted: string | null;
  mfa_recovery_code_hashes: ColumnType<string[], string | undefined, string>;
  google_id: string | null;
  failed_login_count: Generated<number>;
  locked_until: NullableTimestamp;
  last_login_at: NullableTimestamp;
  /** Set by the files module when an avatar upload has been checked (migration 0021). */
  avatar_url: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set when an admin deleted the account: the row stays, anonymised (see admin.service.ts). */
  deleted_at: NullableTimestamp;
  /** The last TOTP time step accepted, so a code cannot be replayed within its window. */
  mfa_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type TokenPurpose = 'email_verification' | 'password_reset' | 'email_change';

/** One-time tokens sent by mail; only their SHA-256 digest is stored. */
export interface IdentityTokensTable {
  id: Generated<string>;
  user_id: string;
  purpose: TokenPurpose;
  token_hash: string;
  new_email: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export type SmsPurpose = 'login' | 'phone_change';

export interface SmsCodesTable {
  id: Generated<string>;
  phone: string;
  purpose: SmsPurpose;
  user_id: string | null;
  code_hash: string;
  attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface AuthIpFailuresTable {
  ip: string;
  failed_count: number;
  window_started_at: Timestamp;
  locked_until: NullableTimestamp;
}

export interface SessionsTable {
  id: Generated<string>;
  user_id: string;
  remember_me: Generated<boolean>;
  user_agent: string | null;
  ip: string | null;
  created_at: Generated<Date>;
  last_used_at: Generated<Date>;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface RefreshTokensTable {
  id: Generated<string>;
  session_id: string;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

/** A device (digest of address + user agent) an account signed in from: see client-device.ts. */
export interface IdentityLoginDevicesTable {
  user_id: string;
  fingerprint: string;
  first_seen_at: Timestamp;
}

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;

declare module '../../platform/db/database.ts' {
  interface Database {
    users: UsersTable;
    sessions: SessionsTable;
    refresh_tokens: RefreshTokensTable;
    identity_tokens: IdentityTokensTable;
    sms_codes: SmsCodesTable;
    auth_ip_failures: AuthIpFailuresTable;
    identity_login_devices: IdentityLoginDevicesTable;
  }
}
