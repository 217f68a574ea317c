// 002's user profile management (category 2): `users/me/` (the account with its profile),
// `settings/`, `social/`, `skills/`, and another user's public profile. Who may see and change
// what is the profiles module's decision; "me" is always the caller.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { DEFAULT_PROFICIENCY } from '../../modules/profiles/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { Described, NoContent } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { IdParams } from './common.schemas.ts';
import { DrfPage, drfPage, DrfPageQuery, pageRequest } from './paging.ts';
import {
  profileInput,
  toMeOut,
  toPublicUserOut,
  toSettingsOut,
  toSkillOut,
  toSocialOut,
} from './serializers/profile.ts';
import {
  MeOut,
  PublicUserOut,
  ReplaceMeBody,
  ReplaceSettingsBody,
  ReplaceSocialBody,
  SettingsOut,
  SkillBody,
  SkillOut,
  SkillPatchBody,
  SocialOut,
  UpdateMeBody,
  UpdateSettingsBody,
  UpdateSocialBody,
} from './users.schemas.ts';

const FULL = 'PUT is a full update: what is not sent goes back to its default.';
const PARTIAL = 'PATCH is a partial update: only what is sent changes.';
const OWN_SKILL = "The caller's own skill; another user's answers 404.";

export function userRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity, profiles } = modules;
    const tags = ['users'];
    const me = { auth: 'user' as const };
    const meOut = async (actor: Actor) =>
      toMeOut(await identity.findUser(actor.id), await profiles.getProfile(actor, actor.id));

    app.get(
      '/users/me/',
      {
        config: me,
        schema: {
          operationId: 'djangoGetMe',
          summary: 'Get my profile',
          description:
            'The account (email, role, verification) with its profile; a profile never written reads as empty.',
          tags,
          response: { 200: Described(MeOut, 'The signed-in user with their profile.') },
        },
      },
      async (request) => meOut(actorOf(request)),
    );

    for (const method of ['put', 'patch'] as const) {
      app[method](
        '/users/me/',
        {
          config: me,
          schema: {
            operationId: method === 'put' ? 'djangoReplaceMe' : 'djangoUpdateMe',
            summary: method === 'put' ? 'Update my profile (full)' : 'Update my profile (partial)',
            description: `${method === 'put' ? 'Profile fields not sent go back to null; first and last name stay when not sent.' : PARTIAL} \`id\`, \`email\`, \`role\`, \`is_verified\` and \`avatar_url\` are read-only and ignored.`,
            tags,
            body: method === 'put' ? ReplaceMeBody : UpdateMeBody,
            response: { 200: Described(MeOut, 'The signed-in user with the stored profile.') },
          },
        },
        async (request) => {
          const actor = actorOf(request);
          const write = method === 'put' ? profiles.replaceProfile : profiles.updateProfile;
          const profile = await write(actor, actor.id, profileInput(request.body));
          return toMeOut(await identity.findUser(actor.id), profile);
        },
      );
    }

    app.get(
      '/users/me/settings/',
      {
        config: me,
        schema: {
          operationId: 'djangoGetMySettings',
          summary: 'Get my settings',
          description: 'Theme, language, notification and video preferences; never changed reads as the defaults.',
          tags,
          response: { 200: Described(SettingsOut, 'My settings.') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return toSettingsOut(await profiles.getSettings(actor, actor.id));
      },
    );

    for (const method of ['put', 'patch'] as const) {
      app[method](
        '/users/me/settings/',
        {
          config: me,
          schema: {
            operationId: method === 'put' ? 'djangoReplaceMySettings' : 'djangoUpdateMySettings',
            summary: method === 'put' ? 'Update my settings (full)' : 'Update my settings (partial)',
            description: method === 'put' ? `${FULL} Inside \`notifications\` and \`video\` too.` : PARTIAL,
            tags,
            body: method === 'put' ? ReplaceSettingsBody : UpdateSettingsBody,
            response: { 200: Described(SettingsOut, 'The stored settings.') },
          },
        },
        async (request) => {
          const actor = actorOf(request);
          const write = method === 'put' ? profiles.replaceSettings : profiles.updateSettings;
          return toSettingsOut(await write(actor, actor.id, request.body));
        },
      );
    }

    app.get(
      '/users/me/social/',
      {
        config: me,
        schema: {
          operationId: 'djangoGetMySocial',
          summary: 'Get my social links',
          tags,
          response: { 200: Described(SocialOut, 'My social links (null where none).') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return toSocialOut(await profiles.getSocialLinks(actor, actor.id));
      },
    );

    for (const method of ['put', 'patch'] as const) {
      app[method](
        '/users/me/social/',
        {
          config: me,
          schema: {
            operationId: method === 'put' ? 'djangoReplaceMySocial' : 'djangoUpdateMySocial',
            summary: method === 'put' ? 'Set my social links (full)' : 'Update my social links (partial)',
            description: `${method === 'put' ? 'Links not sent are cleared.' : PARTIAL} Every link is an http(s) URL; null or "" clears one.`,
            tags,
            body: method === 'put' ? ReplaceSocialBody : UpdateSocialBody,
            response: { 200: Described(SocialOut, 'The stored social links.') },
          },
        },
        async (request) => {
          const actor = actorOf(request);
          const write = method === 'put' ? profiles.replaceSocialLinks : profiles.updateSocialLinks;
          return toSocialOut(await write(actor, actor.id, request.body));
        },
      );
    }

    app.get(
      '/users/me/skills/',
      {
        config: me,
        schema: {
          operationId: 'djangoListMySkills',
          summary: 'List my skills',
          description: 'In the order they were added.',
          tags,
          querystring: Type.Object(DrfPageQuery),
          response: { 200: Described(DrfPage(SkillOut), 'A page of skills.') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const page = await profiles.listSkills(actor, actor.id, pageRequest(request.query));
        return drfPage(request, config.publicUrl, request.query, page, toSkillOut);
      },
    );

    app.post(
      '/users/me/skills/',
      {
        config: { ...me, location: '/users/me/skills/{id}/' },
        schema: {
          operationId: 'djangoAddMySkill',
          summary: 'Add a skill',
          description:
            '`proficiency` is 1-5 or a level name (beginner, elementary, intermediate, advanced, expert), 3 when left out. A name already on the profile (whatever its case) answers 409.',
          tags,
          body: SkillBody,
          response: { 201: Described(SkillOut, 'The skill.') },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { name, proficiency } = request.body;
        const skill = await profiles.addSkill(actor, actor.id, { name, proficiency });
        return reply.status(201).send(toSkillOut(skill));
      },
    );

    app.get(
      '/users/me/skills/:id/',
      {
        config: me,
        schema: {
          operationId: 'djangoGetMySkill',
          summary: 'Get one of my skills',
          description: OWN_SKILL,
          tags,
          params: IdParams,
          response: { 200: Described(SkillOut, 'The skill.') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return toSkillOut(await profiles.getSkill(actor, actor.id, request.params.id));
      },
    );

    for (const method of ['put', 'patch'] as const) {
      app[method](
        '/users/me/skills/:id/',
        {
          config: me,
          schema: {
            operationId: method === 'put' ? 'djangoReplaceMySkill' : 'djangoUpdateMySkill',
            summary: method === 'put' ? 'Update a skill (full)' : 'Update a skill (partial)',
            description: `${OWN_SKILL} ${method === 'put' ? '`name` is required; a proficiency left out goes back to 3.' : PARTIAL}`,
            tags,
            params: IdParams,
            body: method === 'put' ? SkillBody : SkillPatchBody,
            response: { 200: Described(SkillOut, 'The skill.') },
          },
        },
        async (request) => {
          const actor = actorOf(request);
          const { name, proficiency } = request.body;
          const changes =
            method === 'put' ? { name, proficiency: proficiency ?? DEFAULT_PROFICIENCY } : { name, proficiency };
          return toSkillOut(await profiles.updateSkill(actor, actor.id, request.params.id, changes));
        },
      );
    }

    app.delete(
      '/users/me/skills/:id/',
      {
        config: me,
        schema: {
          operationId: 'djangoRemoveMySkill',
          summary: 'Remove a skill',
          description: OWN_SKILL,
          tags,
          params: IdParams,
          response: { 204: Described(NoContent, 'Removed.') },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await profiles.removeSkill(actor, actor.id, request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/users/:id/',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'djangoGetPublicUser',
          summary: "Get a user's public profile",
          description:
            'Public fields only: never email, phone, birth date, gender or settings. An instructor shows their published courses (the first 100). Anyone may read it; a deleted or blocked user answers 404.',
          tags,
          params: IdParams,
          response: { 200: Described(PublicUserOut, 'The public profile.') },
        },
      },
      async (request) => toPublicUserOut(await profiles.getPublicProfile(request.actor, request.params.id)),
    );
  };
}
