// The usage text of `lectern admin`, apart so `lectern help` prints it without loading the app.
import { passwordProblem } from '../modules/identity/password-rules.ts';

export const ADMIN_USAGE = `lectern admin <action>
  create <email> [--password P] [--name "Full Name"]   create an admin (or promote an existing account)
  promote <email> [--role instructor|admin]           raise a role (default admin)
  demote <email> [--role student|instructor]          lower a role (default student)
  reset-password <email> [--password P]               set a password, end every session
  list [--role R] [--search TEXT] [--limit N]         list accounts, newest first`;

/** A password given on the command line breaks a rule: said before anything is loaded. */
export function adminArgsProblem(options: Record<string, string | undefined>): string | undefined {
  return options.password === undefined ? undefined : passwordProblem(options.password);
}
