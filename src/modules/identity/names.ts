import type { NameInput } from './identity.types.ts';

/**
 * One canonical name: writing first/last recomputes full_name; writing full_name alone splits it
 * at the first space.
 */
export function resolveNames(current: { first_name: string; last_name: string }, input: NameInput) {
  if (input.first_name !== undefined || input.last_name !== undefined) {
    const first = (input.first_name ?? current.first_name).trim();
    const last = (input.last_name ?? current.last_name).trim();
    return { first_name: first, last_name: last, full_name: [first, last].filter(Boolean).join(' ') };
  }
  if (input.full_name !== undefined) {
    const full = input.full_name.trim().replace(/\s+/g, ' ');
    const space = full.indexOf(' ');
    return space === -1
      ? { first_name: full, last_name: '', full_name: full }
      : { first_name: full.slice(0, space), last_name: full.slice(space + 1), full_name: full };
  }
  return undefined;
}
