// Profile and social-link writes checked and normalised: the account's names apart from the
// profile's own fields.
import type { Problems, WriteMode } from './input-rules.ts';
import {
  charLength,
  collectProblems,
  optionalChoice,
  optionalDate,
  optionalHttpUrl,
  optionalInteger,
  optionalText,
  valuesToWrite,
} from './input-rules.ts';
import type {
  ExperienceId,
  ProfileFields,
  ProfileInput,
  SocialLinksInput,
  SocialLinkValues,
} from './profiles.types.ts';
import { EXPERIENCE_LEVELS, GENDERS, SOCIAL_NETWORKS } from './profiles.types.ts';

export interface ProfileWrite {
  /** Only the names that were sent; a full update leaves the others as they are. */
  names: { first_name?: string; last_name?: string };
  fields: Partial<ProfileFields>;
}

export const EARLIEST_BIRTH_DATE = '1900-01-01';

/** Text limits of 003's validation rules (bio and location are 002's; our limits). */
const MAX = { nickname: 50, bio: 2000, location: 255, country: 100, city: 100, company: 150, position: 150 };
const MAX_NAME = 100;

/** Checks every field (throwing all problems together) and returns what to write. */
export function parseProfileInput(input: ProfileInput, mode: WriteMode, today: string): ProfileWrite {
  const problems = collectProblems();
  const names = parseNames(problems, input);
  const parsed: { [K in keyof ProfileFields]: ProfileFields[K] | undefined } = {
    nickname: optionalText(problems, 'nickname', input.nickname, MAX.nickname),
    bio: optionalText(problems, 'bio', input.bio, MAX.bio),
    location: optionalText(problems, 'location', input.location, MAX.location),
    birth_date: optionalDate(problems, 'birth_date', input.birth_date, { min: EARLIEST_BIRTH_DATE, max: today }),
    gender: optionalChoice(problems, 'gender', input.gender, GENDERS),
    country: optionalText(problems, 'country', input.country, MAX.country),
    city: optionalText(problems, 'city', input.city, MAX.city),
    company: optionalText(problems, 'company', input.company, MAX.company),
    position: optionalText(problems, 'position', input.position, MAX.position),
    experience_id: optionalInteger(problems, 'experience_id', input.experience_id, 1, EXPERIENCE_LEVELS.length) as
      ExperienceId | null | undefined,
  };
  problems.check();
  return { names, fields: valuesToWrite<ProfileFields>(parsed, mode) };
}

function parseNames(problems: Problems, input: ProfileInput): ProfileWrite['names'] {
  const names: ProfileWrite['names'] = {};
  if (input.first_name !== undefined) {
    const first = typeof input.first_name === 'string' ? input.first_name.trim() : undefined;
    if (first === undefined) problems.add('first_name', 'must be a string');
    else if (first === '') problems.add('first_name', 'may not be blank');
    else if (charLength(first) > MAX_NAME) problems.add('first_name', `must be at most ${MAX_NAME} characters`);
    else names.first_name = first;
  }
  if (input.last_name !== undefined) {
    const last =
      input.last_name === null ? '' : typeof input.last_name === 'string' ? input.last_name.trim() : undefined;
    if (last === undefined) problems.add('last_name', 'must be a string');
    else if (charLength(last) > MAX_NAME) problems.add('last_name', `must be at most ${MAX_NAME} characters`);
    else names.last_name = last;
  }
  return names;
}

/** Links as http(s) URLs; with `replace`, links not sent are cleared. */
export function parseSocialLinksInput(input: SocialLinksInput, mode: WriteMode): Partial<SocialLinkValues> {
  const problems = collectProblems();
  const parsed = {} as { [K in keyof SocialLinkValues]: string | null | undefined };
  for (const network of SOCIAL_NETWORKS) parsed[network] = optionalHttpUrl(problems, network, input[network]);
  problems.check();
  return valuesToWrite<SocialLinkValues>(parsed, mode);
}
