// The signed-in user's profile, settings, social links and skills (/users/me/...), and anyone's
// public profile (/users/{user_id}/profile). Who may see what is the profiles module's decision.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import { Described, NoContent } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { Page } from './common.schemas.ts';
import {
  CreateSkillBody,
  ProfileOut,
  PublicProfileOut,
  ReplaceProfileBody,
  ReplaceSocialLinksBody,
  SettingsOut,
  SkillListQuery,
  SkillOut,
  SkillParams,
  SocialLinksOut,
  UpdateProfileBody,
  UpdateSettingsBody,
  UpdateSkillBody,
  UpdateSocialLinksBody,
  UserParams,
} from './profiles.schemas.ts';
import { pageOf } from './serializers/page.ts';
import { profileOut, publicProfileOut, settingsOut, skillOut, socialLinksOut } from './serializers/profile.ts';

export function profileRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { profiles } = modules;
    const me = { auth: 'user' as const };
    const tags = ['profiles'];

    app.get(
      '/users/me/profile',
      {
        config: me,
        schema: {
          operationId: 'getMyProfile',
          summary: 'Read my profile',
          description: 'A profile never written reads as empty fields; names and avatar are the account’s.',
          tags,
          response: { 200: Described(ProfileOut, 'My profile') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return profileOut(await profiles.getProfile(actor, actor.id));
      },
    );
    app.put(
      '/users/me/profile',
      {
        config: me,
        schema: {
          operationId: 'replaceMyProfile',
          summary: 'Replace my profile',
          tags,
          body: ReplaceProfileBody,
          response: { 200: Described(ProfileOut, 'The profile as stored') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return profileOut(await profiles.replaceProfile(actor, actor.id, request.body));
      },
    );
    app.patch(
      '/users/me/profile',
      {
        config: me,
        schema: {
          operationId: 'updateMyProfile',
          summary: 'Update part of my profile',
          tags,
          body: UpdateProfileBody,
          response: { 200: Described(ProfileOut, 'The profile as stored') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return profileOut(await profiles.updateProfile(actor, actor.id, request.body));
      },
    );

    app.get(
      '/users/me/settings',
      {
        config: me,
        schema: {
          operationId: 'getMySettings',
          summary: 'Read my settings',
          description: 'Settings never changed read as their defaults.',
          tags,
          response: { 200: Described(SettingsOut, 'My settings') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return settingsOut(await profiles.getSettings(actor, actor.id));
      },
    );
    app.patch(
      '/users/me/settings',
      {
        config: me,
        schema: {
          operationId: 'updateMySettings',
          summary: 'Update part of my settings',
          tags,
          body: UpdateSettingsBody,
          response: { 200: Described(SettingsOut, 'The settings as stored') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return settingsOut(await profiles.updateSettings(actor, actor.id, request.body));
      },
    );

    app.get(
      '/users/me/social-links',
      {
        config: me,
        schema: {
          operationId: 'getMySocialLinks',
          summary: 'Read my social links',
          tags,
          response: { 200: Described(SocialLinksOut, 'My social links (null where none)') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return socialLinksOut(await profiles.getSocialLinks(actor, actor.id));
      },
    );
    app.put(
      '/users/me/social-links',
      {
        config: me,
        schema: {
          operationId: 'replaceMySocialLinks',
          summary: 'Replace my social links',
          tags,
          body: ReplaceSocialLinksBody,
          response: { 200: Described(SocialLinksOut, 'The social links as stored') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return socialLinksOut(await profiles.replaceSocialLinks(actor, actor.id, request.body));
      },
    );
    app.patch(
      '/users/me/social-links',
      {
        config: me,
        schema: {
          operationId: 'updateMySocialLinks',
          summary: 'Update some of my social links',
          tags,
          body: UpdateSocialLinksBody,
          response: { 200: Described(SocialLinksOut, 'The social links as stored') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return socialLinksOut(await profiles.updateSocialLinks(actor, actor.id, request.body));
      },
    );

    app.get(
      '/users/me/skills',
      {
        config: me,
        schema: {
          operationId: 'listMySkills',
          summary: 'List my skills',
          description: 'In the order they were added.',
          tags,
          querystring: SkillListQuery,
          response: { 200: Described(Page(SkillOut), 'A page of my skills') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { page, page_size } = request.query;
        const result = await profiles.listSkills(actor, actor.id, fromPage(page, page_size));
        return pageOf(result.items.map(skillOut), result.total, page, page_size);
      },
    );
    app.post(
      '/users/me/skills',
      {
        config: me,
        schema: {
          operationId: 'addMySkill',
          summary: 'Add a skill',
          description: 'A name already on the profile (whatever its case) answers 409.',
          tags,
          body: CreateSkillBody,
          response: { 201: Described(SkillOut, 'The skill added') },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        return reply.status(201).send(skillOut(await profiles.addSkill(actor, actor.id, request.body)));
      },
    );
    app.get(
      '/users/me/skills/:skill_id',
      {
        config: me,
        schema: {
          operationId: 'getMySkill',
          summary: 'Read one of my skills',
          tags,
          params: SkillParams,
          response: { 200: Described(SkillOut, 'The skill') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return skillOut(await profiles.getSkill(actor, actor.id, request.params.skill_id));
      },
    );
    app.patch(
      '/users/me/skills/:skill_id',
      {
        config: me,
        schema: {
          operationId: 'updateMySkill',
          summary: 'Rename a skill or change its proficiency',
          tags,
          params: SkillParams,
          body: UpdateSkillBody,
          response: { 200: Described(SkillOut, 'The skill as stored') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return skillOut(await profiles.updateSkill(actor, actor.id, request.params.skill_id, request.body));
      },
    );
    app.delete(
      '/users/me/skills/:skill_id',
      {
        config: me,
        schema: {
          operationId: 'deleteMySkill',
          summary: 'Remove a skill',
          tags,
          params: SkillParams,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await profiles.removeSkill(actor, actor.id, request.params.skill_id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/users/:user_id/profile',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'getPublicProfile',
          summary: 'Read a user’s public profile',
          description:
            'Anyone may read it, without a token too. Only public fields: never email, phone, birth date, gender or settings. Instructors’ profiles list their published courses. Blocked and deleted accounts answer 404.',
          tags,
          params: UserParams,
          response: { 200: Described(PublicProfileOut, 'The public profile') },
        },
      },
      async (request) => publicProfileOut(await profiles.getPublicProfile(request.actor, request.params.user_id)),
    );
  };
}
