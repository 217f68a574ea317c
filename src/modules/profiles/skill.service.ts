// Skills: a user's list of named skills with a proficiency, unique by name whatever its case.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation, mapDbError } from '../../platform/db/errors.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { ProfileAccess } from './profile-access.ts';
import { duplicateSkill, skillNotFound, tooManySkills } from './profiles.errors.ts';
import type { Skill, SkillChanges, SkillInput } from './profiles.types.ts';
import { MAX_SKILLS } from './profiles.types.ts';
import { SKILL_NAME_KEY, skillRepo } from './skill.repo.ts';
import { parseSkillChanges, parseSkillInput } from './skill-input.ts';

export function createSkillService({
  database,
  clock,
  access,
}: {
  database: DatabaseHandle;
  clock: Clock;
  access: ProfileAccess;
}) {
  const { db } = database;

  /** A taken name answers 409 naming it; other database failures as usual. */
  function translate(error: unknown, name: string | undefined): unknown {
    if (name !== undefined && isUniqueViolation(error, SKILL_NAME_KEY)) return duplicateSkill(name);
    return mapDbError(error);
  }

  return {
    async list(actor: Actor, userId: string, page: PageRequest): Promise<Paged<Skill>> {
      const owner = await access.manageable(actor, userId);
      return skillRepo.list(db, owner.id, page);
    },

    async get(actor: Actor, userId: string, skillId: string): Promise<Skill> {
      const owner = await access.manageable(actor, userId);
      const skill = await skillRepo.findOwned(db, owner.id, skillId);
      if (!skill) throw skillNotFound(skillId);
      return skill;
    },

    async add(actor: Actor, userId: string, input: SkillInput): Promise<Skill> {
      const owner = await access.manageable(actor, userId);
      const values = parseSkillInput(input);
      try {
        return await database.transaction(async (tx) => {
          if ((await skillRepo.count(tx, owner.id)) >= MAX_SKILLS) throw tooManySkills(MAX_SKILLS);
          return skillRepo.insert(tx, owner.id, values, clock.now());
        });
      } catch (error) {
        throw translate(error, values.name);
      }
    },

    async update(actor: Actor, userId: string, skillId: string, input: SkillChanges): Promise<Skill> {
      const owner = await access.manageable(actor, userId);
      const changes = parseSkillChanges(input);
      let updated: Skill | undefined;
      try {
        updated = await skillRepo.update(db, owner.id, skillId, changes, clock.now());
      } catch (error) {
        throw translate(error, changes.name);
      }
      if (!updated) throw skillNotFound(skillId);
      return updated;
    },

    async remove(actor: Actor, userId: string, skillId: string): Promise<void> {
      const owner = await access.manageable(actor, userId);
      if (!(await skillRepo.remove(db, owner.id, skillId))) throw skillNotFound(skillId);
    },
  };
}

export type SkillService = ReturnType<typeof createSkillService>;
