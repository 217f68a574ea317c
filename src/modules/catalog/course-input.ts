// Normalises course input shared by create and update (every surface reaches these rules).
import { invalid } from '../../platform/errors.ts';
import type { CourseInput } from './catalog.types.ts';
import { COURSE_LEVELS } from './catalog.types.ts';
import type { CourseChanges } from './course.repo.ts';

const PRICE = /^\d{1,10}(\.\d{1,2})?$/;
const CURRENCY = /^[A-Z]{3}$/;

export function normalisePrice(price: string | number): string {
  const text = typeof price === 'number' ? String(price) : price.trim();
  if (typeof price === 'number' && (!Number.isFinite(price) || price < 0))
    throw invalid('Price must be a positive number', 'price');
  if (!PRICE.test(text)) throw invalid('Price must be a positive number with at most two decimals', 'price');
  return Number(text).toFixed(2);
}

/** The plain columns of a course input (category, tags, status and slug are handled by the service). */
export function courseColumns(input: CourseInput): CourseChanges {
  const out: CourseChanges = {};
  if (input.title !== undefined) {
    const title = input.title.trim();
    if (!title) throw invalid('Title must not be empty', 'title');
    out.title = title;
  }
  if (input.code !== undefined) out.code = input.code === null || input.code.trim() === '' ? null : input.code.trim();
  if (input.description !== undefined) out.description = input.description;
  if (input.level !== undefined) {
    if (!COURSE_LEVELS.includes(input.level))
      throw invalid(`Level must be one of ${COURSE_LEVELS.join(', ')}`, 'level');
    out.level = input.level;
  }
  if (input.price !== undefined) out.price = normalisePrice(input.price);
  if (input.currency !== undefined) {
    const currency = input.currency.toUpperCase();
    if (!CURRENCY.test(currency)) throw invalid('Currency must be a three-letter ISO 4217 code', 'currency');
    out.currency = currency;
  }
  if (input.thumbnail_url !== undefined) out.thumbnail_url = input.thumbnail_url;
  if (input.estimated_duration_minutes !== undefined)
    out.estimated_duration_minutes = nonNegative(input.estimated_duration_minutes, 'estimated_duration_minutes');
  if (input.session_duration_minutes !== undefined)
    out.session_duration_minutes = nonNegative(input.session_duration_minutes, 'session_duration_minutes');
  if (input.max_students !== undefined) {
    if (input.max_students !== null && (!Number.isInteger(input.max_students) || input.max_students < 1))
      throw invalid('max_students must be at least 1', 'max_students');
    out.max_students = input.max_students;
  }
  if (input.schedule !== undefined) {
    const slots = input.schedule.map((slot) => slot.trim()).filter(Boolean);
    out.schedule = JSON.stringify(slots);
  }
  if (input.has_certificate !== undefined) out.has_certificate = input.has_certificate;
  return out;
}

function nonNegative(value: number | null, field: string): number | null {
  if (value === null) return null;
  if (!Number.isInteger(value) || value < 0) throw invalid(`${field} must be a non-negative integer`, field);
  return value;
}
