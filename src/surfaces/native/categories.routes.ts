// Categories (a tree with course counts) and instructors' public profiles.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  CategoryDetailOut,
  CategoryOut,
  CategoryParams,
  CreateCategoryBody,
  InstructorProfileOut,
  InstructorQuery,
  InstructorSummaryOut,
  UpdateCategoryBody,
} from './catalog-extra.schemas.ts';
import { Page, PageQuery, Uuid } from './common.schemas.ts';
import { toCategoryDetailOut, toInstructorProfileOut } from './serializers/category.ts';
import { pageOf } from './serializers/page.ts';

export function categoryRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { catalog } = modules;
    const tags = ['categories'];
    const secured = { tags };

    app.get(
      '/categories',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          description: 'Every category depth-first (parent before children), with published-course counts.',
          response: { 200: Type.Object({ items: Type.Array(CategoryOut) }) },
        },
      },
      async () => ({ items: await catalog.listCategories() }),
    );

    app.get(
      '/categories/:category',
      {
        config: { auth: 'optional' },
        schema: {
          tags,
          params: CategoryParams,
          querystring: PageQuery,
          response: { 200: CategoryDetailOut },
        },
      },
      async (request) => {
        const { page, page_size } = request.query;
        const result = await catalog.getCategoryWithCourses(request.actor, request.params.category, {
          page,
          pageSize: page_size,
        });
        return toCategoryDetailOut(result, page, page_size);
      },
    );

    app.post(
      '/categories',
      {
        config: { auth: ['admin'] },
        schema: { ...secured, body: CreateCategoryBody, response: { 201: CategoryOut } },
      },
      async (request, reply) => reply.status(201).send(await catalog.createCategory(actorOf(request), request.body)),
    );

    app.patch(
      '/categories/:category',
      {
        config: { auth: ['admin'] },
        schema: {
          ...secured,
          params: CategoryParams,
          body: UpdateCategoryBody,
          response: { 200: CategoryOut },
        },
      },
      async (request) => catalog.updateCategory(actorOf(request), request.params.category, request.body),
    );

    app.delete(
      '/categories/:category',
      {
        config: { auth: ['admin'] },
        schema: { ...secured, params: CategoryParams, response: { 204: { type: 'null' } } },
      },
      async (request, reply) => {
        await catalog.deleteCategory(actorOf(request), request.params.category);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/instructors',
      {
        config: { auth: 'public' },
        schema: {
          tags: ['instructors'],
          querystring: InstructorQuery,
          response: { 200: Page(InstructorSummaryOut) },
        },
      },
      async (request) => {
        const { page, page_size, q } = request.query;
        const result = await catalog.listInstructors({ page, pageSize: page_size, ...(q ? { search: q } : {}) });
        return pageOf(result.items, result.total, page, page_size);
      },
    );

    app.get(
      '/instructors/:instructor_id',
      {
        config: { auth: 'public' },
        schema: {
          tags: ['instructors'],
          params: Type.Object({ instructor_id: Uuid }),
          response: { 200: InstructorProfileOut },
        },
      },
      async (request) => toInstructorProfileOut(await catalog.getInstructor(request.params.instructor_id)),
    );
  };
}
