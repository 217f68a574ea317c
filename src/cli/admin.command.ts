// `lectern admin <action>`: account chores for an operator without a frontend. Runs on the
// server with the database's credentials; passwords given with --password, else generated and
// printed once.
import { randomBytes } from 'node:crypto';

import type { Lectern } from '../app.ts';
import type { Role } from '../modules/identity/index.ts';
import { ROLES } from '../modules/identity/index.ts';
export { ADMIN_USAGE } from './admin-usage.ts';
import type { ParsedArgs } from './args.ts';
import { UsageError } from './args.ts';

export async function runAdminCommand(
  lectern: Lectern,
  args: ParsedArgs,
  print: (line: string) => void,
): Promise<void> {
  const operator = lectern.modules.identity.operator;
  const [action, email] = args.positional;
  const needEmail = (): string => {
    if (!email) throw new UsageError(`lectern admin ${action} needs an email`);
    return email;
  };

  switch (action) {
    case 'create': {
      const password = args.options.password ?? generatedPassword();
      const { user, outcome } = await operator.provision({
        email: needEmail(),
        password,
        role: 'admin',
        fullName: args.options.name,
      });
      if (outcome === 'created') {
        print(`created admin ${user.email} (${user.id})`);
        if (!args.options.password) print(`password: ${password}`);
      } else if (user.role === 'admin') {
        print(`${user.email} is already an admin; nothing changed`);
      } else {
        await operator.setRole(needEmail(), 'admin');
        print(`${user.email} existed as ${user.role}: promoted to admin (password unchanged)`);
      }
      return;
    }
    case 'promote':
    case 'demote': {
      const role = roleOption(args.options.role ?? (action === 'promote' ? 'admin' : 'student'));
      const { user, previous } = await operator.setRole(needEmail(), role);
      print(previous === role ? `${user.email} is already ${role}` : `${user.email}: ${previous} → ${role}`);
      return;
    }
    case 'reset-password': {
      const password = args.options.password ?? generatedPassword();
      const user = await operator.resetPassword(needEmail(), password);
      print(`password of ${user.email} reset; every session ended`);
      if (!args.options.password) print(`password: ${password}`);
      return;
    }
    case 'list': {
      const limit = Number(args.options.limit ?? 50);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be 1 to 1000');
      const page = await operator.listUsers(
        { role: args.options.role ? roleOption(args.options.role) : undefined, search: args.options.search },
        { limit, offset: 0 },
      );
      for (const user of page.items)
        print(
          [
            user.id,
            user.role.padEnd(10),
            user.is_active ? 'active ' : 'blocked',
            user.email ?? '-',
            user.full_name,
          ].join('  '),
        );
      print(`${page.items.length} of ${page.total} users`);
      return;
    }
    default:
      throw new UsageError(action ? `Unknown admin action "${action}"` : 'lectern admin needs an action');
  }
}

function roleOption(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  return value as Role;
}

/** Meets the password rules: upper and lower case letters and digits from 18 random bytes. */
function generatedPassword(): string {
  return `Lx${randomBytes(18).toString('base64url').replace(/[-_]/g, '')}9a`;
}
