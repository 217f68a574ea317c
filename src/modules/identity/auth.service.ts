// Sign-up and sign-in with email and password (and the TOTP second factor).
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/index.ts';
import type { EventPublisher } from '../../platform/events/index.ts';
import { deviceOf } from './client-device.ts';
import {
  accountBlocked,
  emailTaken,
  invalidCredentials,
  invalidMfaCode,
  mfaRequired,
  wrongLoginDoor,
} from './identity.errors.ts';
import type { IdentityMails } from './identity.mails.ts';
import { canUseLoginDoor } from './identity.policy.ts';
import type { UserRow } from './identity.tables.ts';
import type { ClientInfo, NameInput, Role, TokenPair } from './identity.types.ts';
import type { LockoutService } from './lockout.service.ts';
import type { MfaService } from './mfa.service.ts';
import { resolveNames } from './names.ts';
import type { PasswordPolicy } from './password.ts';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './password.ts';
import type { SessionService } from './session.service.ts';
import { userRepo } from './user.repo.ts';
import type { VerificationService } from './verification.service.ts';

export type { LockoutSettings } from './lockout.service.ts';

export interface AuthDeps {
  database: DatabaseHandle;
  clock: Clock;
  events: EventPublisher;
  sessions: SessionService;
  mail: IdentityMails;
  lockout: LockoutService;
  mfa: MfaService;
  verification: VerificationService;
}

export interface RegisterInput extends NameInput {
  email: string;
  password: string;
  role?: Role;
  rememberMe?: boolean;
  /** The surface's password rules (003 asks for a special character); `standard` by default. */
  passwordPolicy?: PasswordPolicy;
}

/** A password that matched an active account, and whether it signed in from this device before. */
interface CheckedLogin {
  user: UserRow;
  deviceKnown: boolean;
}

export interface LoginInput {
  email: string;
  password: string;
  rememberMe?: boolean | undefined;
}

export function createAuthService({ database, events, sessions, mail, lockout, mfa, verification }: AuthDeps) {
  /** Creates the account and mails the welcome with its verification link, in one transaction. */
  async function createAccount<T>(
    input: RegisterInput,
    then: (tx: Tx, user: { id: string; role: Role; email: string | null }) => Promise<T>,
  ): Promise<T> {
    assertPasswordPolicy(input.password, 'password', input.passwordPolicy);
    const passwordHash = await hashPassword(input.password);
    const names = resolveNames({ first_name: '', last_name: '' }, input) ?? {
      first_name: '',
      last_name: '',
      full_name: '',
    };
    const email = input.email.trim().toLowerCase();
    try {
      return await database.transaction(async (tx) => {
        const user = await userRepo.insert(tx, {
          email,
          password_hash: passwordHash,
          role: input.role ?? 'student',
          ...names,
        });
        await events.publish(tx, 'identity.user.registered', { user_id: user.id, role: user.role, method: 'password' });
        const verifyUrl = await verification.verificationLink(tx, { id: user.id, email });
        await mail.welcome(tx, { to: email, name: user.full_name, verifyUrl });
        return then(tx, user);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
  }

  /**
   * Checks email + password with lockout: a locked account or address is refused before the
   * password is checked, and failures during a lock are not counted, so a lock always ends on time.
   */
  async function checkPassword(input: LoginInput, client: ClientInfo): Promise<CheckedLogin> {
    // The address's lock, the account and whether it knows this device come in one statement; the
    // address is checked first.
    const { user, ipLockedUntil, deviceKnown } = await userRepo.findLoginCredentials(
      database.db,
      input.email.trim(),
      client.ip ?? null,
      deviceOf(client).fingerprint,
    );
    lockout.assertIpUnlocked(ipLockedUntil);
    if (user) lockout.assertAccountUnlocked(user);
    const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
    if (!user || !passwordOk) {
      await lockout.recordFailure({ ip: client.ip, userId: user?.id });
      throw invalidCredentials();
    }
    if (!user.is_active) throw accountBlocked();
    return { user, deviceKnown };
  }

  function openSession({ user, deviceKnown }: CheckedLogin, input: LoginInput, client: ClientInfo): Promise<TokenPair> {
    return sessions.signInAtOnce(user, { method: 'password', rememberMe: input.rememberMe, client, deviceKnown });
  }

  return {
    /** 001's sign-up: the account and its first session. */
    async register(input: RegisterInput, client: ClientInfo = {}): Promise<TokenPair> {
      return createAccount(input, (tx, user) => sessions.open(tx, user, { rememberMe: input.rememberMe, client }));
    },

    /** 000's sign-up: the account only; the client signs in separately. */
    async signUp(input: RegisterInput): Promise<{ user_id: string; verification_required: boolean }> {
      return createAccount(input, async (_tx, user) => ({ user_id: user.id, verification_required: true }));
    },

    async login(input: LoginInput, client: ClientInfo = {}): Promise<TokenPair> {
      const checked = await checkPassword(input, client);
      if (checked.user.mfa_enabled) throw mfaRequired();
      return openSession(checked, input, client);
    },

    /**
     * A sign-in reserved to some roles (004's instructor and student logins): the right password
     * of an account of another role is refused before any session opens, and is not a failure.
     */
    async loginAs(input: LoginInput, roles: readonly Role[], client: ClientInfo = {}): Promise<TokenPair> {
      const checked = await checkPassword(input, client);
      const { user } = checked;
      if (!canUseLoginDoor(user.role, roles)) throw wrongLoginDoor(user.role);
      if (user.mfa_enabled) throw mfaRequired();
      return openSession(checked, input, client);
    },

    /** Password plus a TOTP or recovery code; a wrong code counts like a wrong password. */
    async loginWithMfa(input: LoginInput & { mfaCode: string }, client: ClientInfo = {}): Promise<TokenPair> {
      const checked = await checkPassword(input, client);
      const { user } = checked;
      if (user.mfa_enabled) {
        if (!(await mfa.checkLoginCode(user, input.mfaCode))) {
          await lockout.recordFailure({ ip: client.ip, userId: user.id });
          throw invalidMfaCode();
        }
      }
      return openSession(checked, input, client);
    },

    /** Creates the bootstrap admin on first start; does nothing when the email already exists. */
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
