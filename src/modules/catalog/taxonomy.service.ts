// Categories (a tree with course counts) and tags (unique names, usage counts, attach/detach).
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation, mapDbError } from '../../platform/db/errors.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { conflict, forbidden, invalid } from '../../platform/errors.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import { categoryCycle, categoryNotFound, courseNotFound, tagNotFound } from './catalog.errors.ts';
import { canCreateTag, canDeleteTag, canManageCategories } from './catalog.policy.ts';
import type { Category, Course, Tag } from './catalog.types.ts';
import { courseRepo } from './course.repo.ts';
import type { CourseService } from './course.service.ts';
import type { CourseAccess } from './course-access.ts';
import { slugify } from './slug.ts';
import { categoryRepo, tagRepo } from './taxonomy.repo.ts';

export interface TaxonomyDeps {
  database: DatabaseHandle;
  clock: Clock;
  access: CourseAccess;
  courses: Pick<CourseService, 'list' | 'findVisible'>;
}

export interface CategoryInput {
  name?: string;
  slug?: string;
  description?: string;
  parent_id?: string | null;
}

const requireAdmin = (actor: Actor) => {
  if (!canManageCategories(actor)) throw forbidden('Only admins manage categories');
};

export function createTaxonomyService({ database, clock, access, courses }: TaxonomyDeps) {
  const { db } = database;

  async function getCategory(ref: string): Promise<Category> {
    const row = await categoryRepo.resolve(db, ref);
    const category = row && (await categoryRepo.tree(db)).find((c) => c.id === row.id);
    if (!category) throw categoryNotFound(ref);
    return category;
  }

  function translate(error: unknown, name?: string, slug?: string): unknown {
    if (isUniqueViolation(error, 'categories_slug_key'))
      return conflict('CATALOG_CATEGORY_SLUG_TAKEN', `The category slug "${slug ?? ''}" is already used`);
    if (isUniqueViolation(error, 'categories_name_unique'))
      return conflict('CATALOG_CATEGORY_NAME_TAKEN', `A category named "${name ?? ''}" already exists`);
    return mapDbError(error, { notFound: 'Parent category not found' });
  }

  return {
    /** Every category, depth-first, with its depth and published-course counts. */
    listCategories: (): Promise<Category[]> => categoryRepo.tree(db),

    getCategory,

    /** The category, its direct children, and a page of its published courses (sub-categories included). */
    async getCategoryWithCourses(
      actor: Actor | null,
      ref: string,
      page: PageRequest,
    ): Promise<{ category: Category; children: Category[]; courses: Paged<Course> }> {
      const category = await getCategory(ref);
      const children = (await categoryRepo.tree(db)).filter((c) => c.parent_id === category.id);
      const listed = await courses.list(actor, { category: category.id, status: 'published' }, page);
      return { category, children, courses: listed };
    },

    async createCategory(actor: Actor, input: CategoryInput & { name: string }): Promise<Category> {
      requireAdmin(actor);
      const slug = slugify(input.slug ?? input.name);
      const row = await database
        .transaction(async (tx) => {
          if (input.parent_id && !(await categoryRepo.resolve(tx, input.parent_id)))
            throw categoryNotFound(input.parent_id);
          return categoryRepo.insert(tx, {
            name: input.name.trim(),
            slug,
            parent_id: input.parent_id ?? null,
            description: input.description ?? '',
          });
        })
        .catch((error: unknown) => {
          throw translate(error, input.name, slug);
        });
      return getCategory(row.id);
    },

    async updateCategory(actor: Actor, id: string, input: CategoryInput): Promise<Category> {
      requireAdmin(actor);
      const slug = input.slug !== undefined ? slugify(input.slug) : undefined;
      await database
        .transaction(async (tx) => {
          const current = await categoryRepo.resolve(tx, id);
          if (!current) throw categoryNotFound(id);
          if (input.parent_id) {
            if (!(await categoryRepo.resolve(tx, input.parent_id))) throw categoryNotFound(input.parent_id);
            if ((await categoryRepo.ancestorIds(tx, input.parent_id)).includes(current.id)) throw categoryCycle();
          }
          if (input.name !== undefined && !input.name.trim()) throw invalid('Name must not be empty', 'name');
          await categoryRepo.update(
            tx,
            current.id,
            {
              ...(input.name !== undefined ? { name: input.name.trim() } : {}),
              ...(slug !== undefined ? { slug } : {}),
              ...(input.description !== undefined ? { description: input.description } : {}),
              ...(input.parent_id !== undefined ? { parent_id: input.parent_id } : {}),
            },
            clock.now(),
          );
        })
        .catch((error: unknown) => {
          throw translate(error, input.name, slug);
        });
      return getCategory(id);
    },

    /** Its courses become uncategorised and its children move up to the top level. */
    async deleteCategory(actor: Actor, id: string): Promise<void> {
      requireAdmin(actor);
      const row = await categoryRepo.resolve(db, id);
      if (!row || !(await categoryRepo.delete(db, row.id))) throw categoryNotFound(id);
    },

    listTags: (search?: string): Promise<Tag[]> => tagRepo.list(db, search),

    async createTag(actor: Actor, name: string): Promise<Tag> {
      if (!canCreateTag(actor)) throw forbidden('Only instructors and admins create tags');
      const clean = name.trim();
      if (!clean) throw invalid('Name must not be empty', 'name');
      const existing = (await tagRepo.list(db)).find((t) => t.name.toLowerCase() === clean.toLowerCase());
      if (existing) throw conflict('CATALOG_TAG_EXISTS', `A tag named "${clean}" already exists`);
      const [tag] = await tagRepo.ensure(db, [clean]);
      return (await tagRepo.findById(db, tag!.id))!;
    },

    async deleteTag(actor: Actor, id: string): Promise<void> {
      if (!canDeleteTag(actor)) throw forbidden('Only admins delete tags');
      if (!(await tagRepo.delete(db, id))) throw tagNotFound(id);
    },

    async listCourseTags(actor: Actor | null, courseId: string): Promise<Tag[]> {
      const course = await courses.findVisible(actor, courseId);
      const all = await tagRepo.list(db);
      return all.filter((t) => course.tags.some((name) => name.toLowerCase() === t.name.toLowerCase()));
    },

    /** Attaches a tag by name (created when new) or id. */
    async attachTag(actor: Actor, courseId: string, ref: { name?: string; tagId?: string }): Promise<Tag> {
      const tagId = await database.transaction(async (tx) => {
        if (!(await courseRepo.lock(tx, courseId))) throw courseNotFound(courseId);
        await access.assertStaff(tx, actor, courseId);
        let id = ref.tagId;
        if (id) {
          if (!(await tagRepo.findById(tx, id))) throw tagNotFound(id);
        } else {
          const name = ref.name?.trim();
          if (!name) throw invalid('Give a tag name or tag_id', 'name');
          id = (await tagRepo.ensure(tx, [name]))[0]!.id;
        }
        await tagRepo.attach(tx, courseId, [id]);
        await courseRepo.update(tx, courseId, {}, clock.now());
        return id;
      });
      return (await tagRepo.findById(db, tagId))!;
    },

    async detachTag(actor: Actor, courseId: string, tagId: string): Promise<void> {
      await database.transaction(async (tx) => {
        if (!(await courseRepo.lock(tx, courseId))) throw courseNotFound(courseId);
        await access.assertStaff(tx, actor, courseId);
        if (!(await tagRepo.detach(tx, courseId, tagId))) throw tagNotFound(tagId);
        await courseRepo.update(tx, courseId, {}, clock.now());
      });
    },
  };
}
