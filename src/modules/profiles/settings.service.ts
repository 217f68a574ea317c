// Settings: theme, language, notification and video preferences, with defaults for whatever the
// user never set.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { ProfileAccess } from './profile-access.ts';
import { toSettings } from './profile-view.ts';
import type { Settings, SettingsInput } from './profiles.types.ts';
import { settingsRepo } from './settings.repo.ts';
import { parseSettingsInput } from './settings-input.ts';

export function createSettingsService({
  database,
  clock,
  access,
}: {
  database: DatabaseHandle;
  clock: Clock;
  access: ProfileAccess;
}) {
  const { db } = database;

  return {
    async get(actor: Actor, userId: string): Promise<Settings> {
      const owner = await access.manageable(actor, userId);
      return toSettings(owner, await settingsRepo.find(db, owner.id));
    },

    /** Full update: whatever was not sent (nested keys too) goes back to its default. */
    async replace(actor: Actor, userId: string, input: SettingsInput): Promise<Settings> {
      const owner = await access.manageable(actor, userId);
      const write = parseSettingsInput(input, 'replace');
      return toSettings(owner, await settingsRepo.replace(db, owner.id, write, clock.now()));
    },

    /** Partial update: only the keys sent change (`{video: {autoplay: false}}` leaves the other video settings). */
    async update(actor: Actor, userId: string, input: SettingsInput): Promise<Settings> {
      const owner = await access.manageable(actor, userId);
      const write = parseSettingsInput(input, 'merge');
      return toSettings(owner, await settingsRepo.merge(db, owner.id, write, clock.now()));
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
