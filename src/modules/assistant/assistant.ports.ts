// What the assistant needs from other modules: the catalogue, as anyone may read it.
import type { Actor } from '../../platform/actor.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { Course, CourseLevel } from '../catalog/index.ts';

export interface AssistantPorts {
  catalog: CatalogPort;
}

/** Published courses only: the assistant always reads as an anonymous visitor. */
export interface CatalogPort {
  listCourses(
    actor: Actor | null,
    query: { search?: string; level?: CourseLevel; sort?: 'relevance' | 'newest' },
    page: PageRequest,
  ): Promise<Paged<Course>>;
  getCourse(actor: Actor | null, ref: string): Promise<Course>;
}
