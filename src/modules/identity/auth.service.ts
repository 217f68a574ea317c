// Sign-up and sign-in with email and password.
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import type { MailSender } from '../../platform/mail/index.ts';
import { accountBlocked, accountLocked, emailTaken, invalidCredentials, mfaRequired } from './identity.errors.ts';
import type { ClientInfo, NameInput, Role, TokenPair } from './identity.types.ts';
import { resolveNames } from './names.ts';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './password.ts';
import type { SessionService } from './session.service.ts';
import { userRepo } from './user.repo.ts';
import { welcomeMail } from './identity.mails.ts';

export interface LockoutSettings {
  threshold: number;
  minutes: number;
}

export interface AuthDeps {
  database: DatabaseHandle;
  clock: Clock;
  sessions: SessionService;
  mail: MailSender;
  lockout: LockoutSettings;
  publicUrl: string;
}

export interface RegisterInput extends NameInput {
  email: string;
  password: string;
  role?: Role;
  rememberMe?: boolean;
}

export function createAuthService({ database, clock, sessions, mail, lockout, publicUrl }: AuthDeps) {
  return {
    async register(input: RegisterInput, client: ClientInfo = {}): Promise<TokenPair> {
      assertPasswordPolicy(input.password);
      const passwordHash = await hashPassword(input.password);
      const names = resolveNames({ first_name: '', last_name: '' }, input) ?? { first_name: '', last_name: '', full_name: '' };
      const email = input.email.trim().toLowerCase();
      try {
        return await database.transaction(async (tx) => {
          const user = await userRepo.insert(tx, { email, password_hash: passwordHash, role: input.role ?? 'student', ...names });
          await mail.send(welcomeMail({ to: email, name: user.full_name, publicUrl }), tx);
          return sessions.open(tx, user, { rememberMe: input.rememberMe, client });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw emailTaken();
        throw error;
      }
    },

    async login(input: { email: string; password: string; rememberMe?: boolean }, client: ClientInfo = {}): Promise<TokenPair> {
      const now = clock.now();
      const user = await userRepo.findCredentialsByEmail(database.db, input.email.trim());
      // A locked account is refused before the password is checked, and failures during the
      // lock do not extend it: an attacker cannot keep a victim locked out beyond one window.
      if (user?.locked_until && user.locked_until > now) {
        throw accountLocked(Math.ceil((user.locked_until.getTime() - now.getTime()) / 1000));
      }
      const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
      if (!user || !passwordOk) {
        if (user) {
          const lockUntil = new Date(now.getTime() + lockout.minutes * 60_000);
          await userRepo.recordFailedLogin(database.db, user.id, lockout.threshold, lockUntil);
        }
        throw invalidCredentials();
      }
      if (!user.is_active) throw accountBlocked();
      if (user.mfa_enabled) throw mfaRequired();
      return database.transaction(async (tx) => {
        await userRepo.recordSuccessfulLogin(tx, user.id, now);
        return sessions.open(tx, user, { rememberMe: input.rememberMe, client });
      });
    },

    /** Creates the bootstrap admin on first start; does nothing when the email already exists. */
    async ensureAdmin(email: string, password: string): Promise<boolean> {
      const existing = await userRepo.findCredentialsByEmail(database.db, email);
      if (existing) return false;
      assertPasswordPolicy(password, 'ADMIN_PASSWORD');
      const passwordHash = await hashPassword(password);
      try {
        await userRepo.insert(database.db, {
          email: email.trim().toLowerCase(),
          password_hash: passwordHash,
          role: 'admin',
          first_name: 'Admin',
          last_name: '',
          full_name: 'Admin',
          email_verified_at: clock.now(),
        });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false; // another process created it first
        throw error;
      }
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
