// 001's error format (FastAPI): {"detail": "..."} and, for validation, 422 with
// {"detail": [{"loc": [...], "msg": "...", "type": "..."}]}.
import { Type } from 'typebox';

import type { ErrorRenderer } from '../kit/surface.ts';

export const Detail = Type.Object({ detail: Type.String() });
export const ValidationDetail = Type.Object({
  detail: Type.Array(
    Type.Object({
      loc: Type.Array(Type.Union([Type.String(), Type.Number()])),
      msg: Type.String(),
      type: Type.String(),
    }),
  ),
});

/** The error responses of every native route, as documented by 001. */
export const nativeErrorSchemas = {
  400: Detail,
  401: Detail,
  403: Detail,
  404: Detail,
  409: Detail,
  422: ValidationDetail,
  429: Detail,
};

export const renderNativeError: ErrorRenderer = (normalized, _request, reply) => {
  if (normalized.status === 401) reply.header('www-authenticate', 'Bearer');
  if (normalized.problems) {
    reply.status(422);
    return { detail: normalized.problems };
  }
  const fieldDetails = normalized.kind === 'validation' ? normalized.details.filter((d) => d.field) : [];
  if (fieldDetails.length > 0) {
    reply.status(422);
    return {
      detail: fieldDetails.map((d) => ({
        loc: ['body', ...String(d.field).split('.')],
        msg: d.message,
        type: 'value_error',
      })),
    };
  }
  return { detail: normalized.message };
};
