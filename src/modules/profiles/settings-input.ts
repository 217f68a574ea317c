// Settings: the defaults, a settings write checked and normalised, and stored (sparse) settings
// filled in with the defaults.
import type { Problems, WriteMode } from './input-rules.ts';
import { boolean, choice, collectProblems, isRecord } from './input-rules.ts';
import type {
  NotificationSettings,
  SettingsInput,
  SettingValues,
  Theme,
  VideoQuality,
  VideoSettings,
} from './profiles.types.ts';
import { NOTIFICATION_PREFERENCES, PLAYBACK_SPEED, THEMES, VIDEO_QUALITIES } from './profiles.types.ts';

/** What a user who never changed a setting gets. */
export const DEFAULT_SETTINGS: Readonly<SettingValues> = Object.freeze({
  theme: 'system',
  language: 'en',
  notifications: Object.freeze({
    email: true,
    push: true,
    sms: false,
    course_updates: true,
    assignment_reminders: true,
    messages: true,
    marketing: false,
  }),
  video: Object.freeze({ playback_speed: 1, autoplay: true, quality: 'auto', captions: false }),
});

/**
 * What a write stores. Settings are kept sparse: `null` top-level values and missing keys mean
 * "the default". A full update (`replace`) stores exactly what was sent; a partial one (`merge`)
 * leaves `undefined` columns alone and merges the nested keys into the stored ones.
 */
export interface SettingsWrite {
  theme: Theme | null | undefined;
  language: string | null | undefined;
  notifications: Partial<NotificationSettings>;
  video: Partial<VideoSettings>;
}

const MAX_LANGUAGE_LENGTH = 35;
const VIDEO_KEYS = ['playback_speed', 'autoplay', 'quality', 'captions'] as const;

export function parseSettingsInput(input: SettingsInput, mode: WriteMode): SettingsWrite {
  const problems = collectProblems();
  const theme = input.theme === undefined ? undefined : choice(problems, 'theme', input.theme, THEMES);
  const language = input.language === undefined ? undefined : languageTag(problems, input.language);
  const notifications = parseNotifications(problems, input.notifications);
  const video = parseVideo(problems, input.video);
  problems.check();
  const unset = mode === 'replace' ? null : undefined;
  return { theme: theme ?? unset, language: language ?? unset, notifications, video };
}

/** Stored settings with the defaults filled in (also for a user who has no settings row). */
export function withDefaults(
  stored:
    | {
        theme: Theme | null;
        language: string | null;
        notifications: Partial<NotificationSettings>;
        video: Partial<VideoSettings>;
      }
    | undefined,
): SettingValues {
  return {
    theme: stored?.theme ?? DEFAULT_SETTINGS.theme,
    language: stored?.language ?? DEFAULT_SETTINGS.language,
    notifications: { ...DEFAULT_SETTINGS.notifications, ...pick(stored?.notifications, NOTIFICATION_PREFERENCES) },
    video: { ...DEFAULT_SETTINGS.video, ...pick(stored?.video, VIDEO_KEYS) },
  };
}

/** A BCP 47 tag in canonical form (`EN-us` → `en-US`). */
function languageTag(problems: Problems, value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_LANGUAGE_LENGTH)
    return problems.add('language', 'must be a language tag such as en or pt-BR');
  try {
    const [canonical] = Intl.getCanonicalLocales(value.trim());
    if (canonical) return canonical;
  } catch {
    // RangeError: not a well-formed tag.
  }
  return problems.add('language', 'must be a language tag such as en or pt-BR');
}

function parseNotifications(problems: Problems, value: unknown): Partial<NotificationSettings> {
  if (value === undefined) return {};
  if (!isRecord(value)) return problems.add('notifications', 'must be an object') ?? {};
  const parsed: Partial<NotificationSettings> = {};
  for (const key of NOTIFICATION_PREFERENCES) {
    const flag = boolean(problems, `notifications.${key}`, value[key]);
    if (flag !== undefined) parsed[key] = flag;
  }
  return parsed;
}

function parseVideo(problems: Problems, value: unknown): Partial<VideoSettings> {
  if (value === undefined) return {};
  if (!isRecord(value)) return problems.add('video', 'must be an object') ?? {};
  const parsed: Partial<VideoSettings> = {};
  const speed = value['playback_speed'];
  if (speed !== undefined) {
    if (
      typeof speed !== 'number' ||
      !Number.isFinite(speed) ||
      speed < PLAYBACK_SPEED.min ||
      speed > PLAYBACK_SPEED.max
    )
      problems.add('video.playback_speed', `must be a number from ${PLAYBACK_SPEED.min} to ${PLAYBACK_SPEED.max}`);
    else parsed.playback_speed = Math.round(speed * 100) / 100;
  }
  if (value['quality'] !== undefined) {
    const quality = choice<VideoQuality>(problems, 'video.quality', value['quality'], VIDEO_QUALITIES);
    if (quality) parsed.quality = quality;
  }
  for (const key of ['autoplay', 'captions'] as const) {
    const flag = boolean(problems, `video.${key}`, value[key]);
    if (flag !== undefined) parsed[key] = flag;
  }
  return parsed;
}

/** The known keys of a stored group (a key dropped from the code later is ignored, not shown). */
function pick<T extends object>(stored: Partial<T> | undefined, keys: readonly (keyof T)[]): Partial<T> {
  const picked: Partial<T> = {};
  if (stored) for (const key of keys) if (stored[key] !== undefined) picked[key] = stored[key];
  return picked;
}
