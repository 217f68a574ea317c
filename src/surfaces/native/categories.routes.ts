// Categories (a tree with course counts) and instructors' public profiles.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import { Described, NoContent } from '../kit/schemas.ts';
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

    app.get(
      '/categories',
      {
        config: { auth: 'public' },
        schema: {
          operationId: 'listCategories',
          summary: 'List categories',
          description:
            'Every category depth-first (parent before children) with its `depth`; `course_count` counts its own published courses, `total_course_count` those of its sub-categories too.',
          tags,
          response: {
            200: Described(Type.Object({ items: Type.Array(CategoryOut) }), 'The category tree, flattened.'),
          },
        },
      },
      async () => ({ items: await catalog.listCategories() }),
    );

    app.get(
      '/categories/:category',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'getCategory',
          summary: 'Get a category with its courses',
          description:
            'By id or slug: the category, its direct children, and a page of the published courses in it or its sub-categories.',
          tags,
          params: CategoryParams,
          querystring: PageQuery,
          response: { 200: Described(CategoryDetailOut, 'The category with a page of its courses.') },
        },
      },
      async (request) => {
        const { page, page_size } = request.query;
        const result = await catalog.getCategoryWithCourses(
          request.actor,
          request.params.category,
          fromPage(page, page_size),
        );
        return toCategoryDetailOut(result, page, page_size);
      },
    );

    app.post(
      '/categories',
      {
        config: { auth: ['admin'] },
        schema: {
          operationId: 'createCategory',
          summary: 'Create a category',
          description: 'The slug comes from the name unless given; names and slugs are unique (409).',
          tags,
          body: CreateCategoryBody,
          response: { 201: Described(CategoryOut, 'The category is created.') },
        },
      },
      async (request, reply) => reply.status(201).send(await catalog.createCategory(actorOf(request), request.body)),
    );

    app.patch(
      '/categories/:category',
      {
        config: { auth: ['admin'] },
        schema: {
          operationId: 'updateCategory',
          summary: 'Update a category',
          description:
            'By id or slug. A `parent_id` that would make the category its own ancestor answers 422; names and slugs stay unique (409).',
          tags,
          params: CategoryParams,
          body: UpdateCategoryBody,
          response: { 200: Described(CategoryOut, 'The updated category.') },
        },
      },
      async (request) => catalog.updateCategory(actorOf(request), request.params.category, request.body),
    );

    app.delete(
      '/categories/:category',
      {
        config: { auth: ['admin'] },
        schema: {
          operationId: 'deleteCategory',
          summary: 'Delete a category',
          description: 'By id or slug. Its courses become uncategorised and its children move up to the top level.',
          tags,
          params: CategoryParams,
          response: { 204: Described(NoContent, 'The category is deleted.') },
        },
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
          operationId: 'listInstructors',
          summary: 'List instructors',
          description: 'Active instructors with at least one published course; `q` searches their names.',
          tags: ['instructors'],
          querystring: InstructorQuery,
          response: { 200: Described(Page(InstructorSummaryOut), 'A page of instructors.') },
        },
      },
      async (request) => {
        const { page, page_size, q } = request.query;
        const result = await catalog.listInstructors({ search: q }, fromPage(page, page_size));
        return pageOf(result.items, result.total, page, page_size);
      },
    );

    app.get(
      '/instructors/:instructor_id',
      {
        config: { auth: 'public' },
        schema: {
          operationId: 'getInstructor',
          summary: "Get an instructor's profile",
          description: 'With their published courses; 404 for anyone who is not an active instructor.',
          tags: ['instructors'],
          params: Type.Object({ instructor_id: Uuid }),
          response: { 200: Described(InstructorProfileOut, 'The instructor and their courses.') },
        },
      },
      async (request) => toInstructorProfileOut(await catalog.getInstructor(request.params.instructor_id)),
    );
  };
}
