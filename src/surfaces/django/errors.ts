// 002's error format, Django REST Framework's: `{"detail": "..."}` for 401/403/404/405/429 and
// the other refusals, and 400 with `{field: [messages]}` for invalid input — every invalid field
// at once, cross-field problems under `non_field_errors`. DRF has no 422: validation is 400.
import { Type } from 'typebox';

import type { FieldProblem, NormalizedError } from '../../http/errors.ts';
import type { ErrorRenderer } from '../kit/surface.ts';

export const Detail = Type.Object({ detail: Type.String() }, { description: 'DRF error: `{"detail": "..."}`.' });
export const FieldErrors = Type.Record(Type.String(), Type.Union([Type.Array(Type.String()), Type.String()]), {
  description:
    'DRF validation error: each invalid field with its list of messages; cross-field problems under `non_field_errors`; a malformed body as `detail`.',
});

export const djangoErrorSchemas = {
  400: FieldErrors,
  401: Detail,
  403: Detail,
  404: Detail,
  405: Detail,
  409: Detail,
  413: Detail,
  415: Detail,
  423: Detail,
  429: Detail,
};

/** DRF's own wording where Lectern's generic messages stand in for it. */
const DRF_MESSAGES: Record<string, string> = {
  'Not authenticated': 'Authentication credentials were not provided.',
  'Not authorized to perform this action': 'You do not have permission to perform this action.',
};

export const renderDjangoError: ErrorRenderer = (normalized, request, reply) => {
  if (normalized.status === 401) reply.header('www-authenticate', 'Bearer realm="api"');
  if (normalized.problems) return fieldErrors(normalized.problems);
  if (normalized.kind === 'validation' || normalized.code === 'IDENTITY_EMAIL_TAKEN') {
    if (normalized.code === 'MALFORMED_JSON') return { detail: `JSON parse error - ${normalized.message}` };
    // A reused Idempotency-Key is 422 on every surface (the header's draft), not a field error.
    reply.status(normalized.code === 'IDEMPOTENCY_KEY_REUSED' ? 422 : 400);
    const dict: Record<string, string[]> = {};
    for (const { field, message } of normalized.details) {
      const key = field || 'non_field_errors';
      (dict[key] ??= []).push(message);
    }
    if (normalized.code === 'IDENTITY_EMAIL_TAKEN' && Object.keys(dict).length === 0) {
      dict['email'] = ['A user with this email already exists.'];
    }
    if (Object.keys(dict).length === 0) dict['non_field_errors'] = [normalized.message];
    return dict;
  }
  // A spent or expired token in a body (verification, reset) is invalid input to DRF.
  if (normalized.kind === 'expired') reply.status(400);
  if (normalized.kind === 'method_not_allowed') return { detail: `Method "${request.method}" not allowed.` };
  if (normalized.code === 'ROUTE_NOT_FOUND') return { detail: 'Not found.' };
  return { detail: DRF_MESSAGES[normalized.message] ?? normalized.message };
};

/** Schema failures as DRF's dict: `{"email": ["This field is required."]}`. */
function fieldErrors(problems: readonly FieldProblem[]): Record<string, string[]> {
  const dict: Record<string, string[]> = {};
  for (const problem of problems) {
    const key = problem.loc.slice(1).join('.') || 'non_field_errors';
    (dict[key] ??= []).push(drfMessage(problem));
  }
  return dict;
}

function drfMessage(problem: FieldProblem): string {
  if (problem.type === 'value_error.required') return 'This field is required.';
  if (problem.type === 'value_error.type') return `Invalid value: ${problem.msg}.`;
  if (problem.type === 'value_error.uuid') return 'Must be a valid UUID.';
  if (problem.type === 'value_error.email') return 'Enter a valid email address.';
  if (problem.type === 'value_error.uri') return 'Enter a valid URL.';
  if (problem.type === 'value_error.date-time') return 'Datetime has wrong format.';
  if (problem.type === 'value_error.date') return 'Date has wrong format. Use YYYY-MM-DD.';
  const text = problem.msg.charAt(0).toUpperCase() + problem.msg.slice(1);
  return text.endsWith('.') ? text : `${text}.`;
}

export type { NormalizedError };
