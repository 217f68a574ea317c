// Skills: a name (unique per user whatever its case) and a proficiency 1-5, accepted as a number
// or as a level name.
import type { Problems } from './input-rules.ts';
import { charLength, collectProblems } from './input-rules.ts';
import type { ProficiencyLevel, SkillChanges, SkillInput } from './profiles.types.ts';
import { PROFICIENCY_LEVELS } from './profiles.types.ts';

/** Proficiency of a skill added without one: the middle of the scale. */
export const DEFAULT_PROFICIENCY = 3;
const MAX_NAME = 100;

/** The level name of a stored proficiency (1 → beginner … 5 → expert). */
export function proficiencyLevel(proficiency: number): ProficiencyLevel {
  return PROFICIENCY_LEVELS[Math.min(Math.max(proficiency, 1), PROFICIENCY_LEVELS.length) - 1]!;
}

export function parseSkillInput(input: SkillInput): { name: string; proficiency: number } {
  const problems = collectProblems();
  const name = skillName(problems, input.name);
  const proficiency =
    input.proficiency === undefined ? DEFAULT_PROFICIENCY : parseProficiency(problems, input.proficiency);
  problems.check();
  return { name: name!, proficiency: proficiency! };
}

export function parseSkillChanges(input: SkillChanges): { name?: string; proficiency?: number } {
  const problems = collectProblems();
  const name = input.name === undefined ? undefined : skillName(problems, input.name);
  const proficiency = input.proficiency === undefined ? undefined : parseProficiency(problems, input.proficiency);
  problems.check();
  return { ...(name !== undefined ? { name } : {}), ...(proficiency !== undefined ? { proficiency } : {}) };
}

/** Trimmed, inner runs of whitespace as one space: "Machine  learning" and "machine learning" are one skill. */
function skillName(problems: Problems, value: unknown): string | undefined {
  if (typeof value !== 'string') return problems.add('name', 'must be a string');
  const name = value.trim().replace(/\s+/g, ' ');
  if (name === '') return problems.add('name', 'may not be blank');
  if (charLength(name) > MAX_NAME) return problems.add('name', `must be at most ${MAX_NAME} characters`);
  return name;
}

/** 1-5, a numeric string of it (form posts), or a level name in any case. */
function parseProficiency(problems: Problems, value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= PROFICIENCY_LEVELS.length)
    return value;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    const byName = (PROFICIENCY_LEVELS as readonly string[]).indexOf(text);
    if (byName >= 0) return byName + 1;
    if (/^[1-5]$/.test(text)) return Number(text);
  }
  return problems.add('proficiency', `must be 1-5 or one of: ${PROFICIENCY_LEVELS.join(', ')}`);
}
