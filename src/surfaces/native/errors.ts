// 001's error format (FastAPI): {"detail": "..."} and, for validation, 422 with
// {"detail": [{"loc": [...], "msg": "...", "type": "..."}]}.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

import { prepareErrorReply } from '../../http/errors.ts';

export function nativeErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const normalized = prepareErrorReply(error, request, reply);
  if (normalized.status === 401) reply.header('www-authenticate', 'Bearer');
  if (normalized.problems) {
    reply.status(422);
    return reply.send({ detail: normalized.problems });
  }
  const fieldDetails = normalized.kind === 'validation' ? normalized.details.filter((d) => d.field) : [];
  if (fieldDetails.length > 0) {
    reply.status(422);
    return reply.send({
      detail: fieldDetails.map((d) => ({
        loc: ['body', ...String(d.field).split('.')],
        msg: d.message,
        type: 'value_error',
      })),
    });
  }
  return reply.send({ detail: normalized.message });
}
