// 003's profile service: /api/profile (the caller's own profile) and the avatar upload.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { uploadRateLimit } from './limits.ts';
import { AvatarPresignBody, AvatarPresignOut, ProfileOut, UpdateProfileBody } from './profile.schemas.ts';
import { toAvatarPresignOut, toProfileInput, toProfileOut } from './serializers/profile.ts';

export function profileRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { profiles, files } = modules;
    const tags = ['profile'];

    app.get(
      '/api/profile',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'servicesGetProfile',
          summary: 'Get the caller’s profile',
          tags,
          response: { 200: Described(ProfileOut, 'The profile') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return toProfileOut(await profiles.getProfile(actor, actor.id));
      },
    );

    app.put(
      '/api/profile',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'servicesUpdateProfile',
          summary: 'Update the caller’s profile',
          description: 'Only the fields sent change; null clears an optional one.',
          tags,
          body: UpdateProfileBody,
          response: { 200: Described(ProfileOut, 'The updated profile') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return toProfileOut(await profiles.updateProfile(actor, actor.id, toProfileInput(request.body)));
      },
    );

    app.post(
      '/api/profile/avatar/presign',
      {
        config: { auth: 'user', rateLimit: uploadRateLimit(config) },
        schema: {
          operationId: 'servicesPresignAvatar',
          summary: 'Get a presigned URL to upload an avatar',
          description:
            'JPEG, PNG or WebP of 1 KB to 5 MB. PUT the image to `upload_url` with its Content-Type; once checked and re-encoded it becomes the profile’s `avatar_url`. 10 links per user and hour.',
          tags,
          body: AvatarPresignBody,
          response: { 200: Described(AvatarPresignOut, 'Where and how to upload') },
        },
      },
      async (request) => toAvatarPresignOut(await files.presignAvatar(actorOf(request), request.body)),
    );
  };
}
