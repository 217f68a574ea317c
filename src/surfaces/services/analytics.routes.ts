// 003's analytics service: /api/analytics/ingest, /dashboard, /reports/dau, /reports/events.
import { createHash } from 'node:crypto';

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';

import { actorOf } from '../../http/auth.ts';
import { INGEST_LIMITS } from '../../modules/analytics/index.ts';
import { DomainError } from '../../platform/errors.ts';
import { contentDisposition } from '../../platform/storage/content-disposition.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  DashboardOut,
  DauOut,
  DauQuery,
  ExportJobBody,
  ExportJobOut,
  ExportJobParams,
  ExportOut,
  ExportQuery,
  IngestBody,
  IngestKeyHeader,
  IngestOut,
} from './analytics.schemas.ts';

/** Whose batches a rate limit counts: the user, else the API key (by its hash, never the key itself). */
function callerOf(request: FastifyRequest): string {
  if (request.actor) return request.actor.id;
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? `key:${createHash('sha256').update(apiKey).digest('hex')}` : request.ip;
}

/** "Maximum 10 MB payload size". */
const INGEST_BODY_LIMIT = 10 * 1_048_576;

export function analyticsRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { analytics } = modules;
    const tags = ['analytics'];

    app.post(
      '/api/analytics/ingest',
      {
        bodyLimit: INGEST_BODY_LIMIT,
        config: {
          // A user's access token, or a service's API key (checked by the module).
          auth: 'optional',
          rateLimit: {
            max: config.rateLimit.ingestPerMinute,
            timeWindow: 60_000,
            keyGenerator: (request: FastifyRequest) => `ingest:${callerOf(request)}`,
          },
        },
        // A batch too long is 413, as documented, before its events are checked one by one.
        preValidation: async (request) => {
          if (Array.isArray(request.body) && request.body.length > INGEST_LIMITS.maxEvents) {
            throw new DomainError(
              'payload_too_large',
              'ANALYTICS_BATCH_TOO_LARGE',
              `A batch holds at most ${INGEST_LIMITS.maxEvents} events`,
            );
          }
        },
        schema: {
          operationId: 'servicesIngestEvents',
          summary: 'Ingest a batch of events',
          description:
            'Up to 1,000 events and 10 MB per batch, 100 batches per minute per user or key. An invalid event answers 400 naming its index and field (`details: {"3.ts": ...}`); nothing of the batch is stored. With an access token, `user_id` must be the caller’s (or absent); admins may record events for anyone. A service sends `X-API-Key` with a key holding the analytics scope instead, and may record events for anyone (`user_id` absent: about no user). Neither credential: 401.',
          tags,
          headers: IngestKeyHeader,
          body: IngestBody,
          response: { 200: Described(IngestOut, 'How many events were stored') },
        },
      },
      async (request) => {
        const apiKey = request.headers['x-api-key'];
        return apiKey
          ? analytics.ingestWithApiKey(apiKey, request.body)
          : analytics.ingest(actorOf(request), request.body);
      },
    );

    app.get(
      '/api/analytics/dashboard',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'servicesGetAnalyticsDashboard',
          summary: 'Get the dashboard metrics',
          description:
            'Admins only. Past days come from the daily rollups, today (UTC) from its events as they arrive. Sessions are the events sharing a payload `session_id`.',
          tags,
          response: { 200: Described(DashboardOut, 'Key metrics') },
        },
      },
      async (request) => analytics.getDashboard(actorOf(request)),
    );

    app.get(
      '/api/analytics/reports/dau',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'servicesGetDailyActiveUsers',
          summary: 'Get the daily active users',
          description: 'Admins only. Users with at least one event on the UTC day.',
          tags,
          querystring: DauQuery,
          response: { 200: Described(DauOut, 'The day’s active users') },
        },
      },
      async (request) => analytics.getDailyActiveUsers(actorOf(request), request.query.date),
    );

    app.get(
      '/api/analytics/reports/events',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'servicesExportEvents',
          summary: 'Export events as CSV or XLSX',
          description:
            'Admins only. The events matching the filters (dates are UTC days, both inclusive), oldest first, streamed as they are read. Cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) get a leading apostrophe in CSV and are plain strings in XLSX. Any other `format` answers 400.',
          tags,
          querystring: ExportQuery,
          response: { 200: ExportOut },
        },
      },
      async (request, reply) => {
        const file = analytics.exportEvents(actorOf(request), request.query);
        // A stream bypasses the serializer; the schema documents the file for OpenAPI.
        return reply
          .type(file.contentType)
          .header('content-disposition', contentDisposition(file.filename))
          .send(file.stream as unknown as string);
      },
    );

    app.post(
      '/api/analytics/reports/events/exports',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'servicesRequestEventExport',
          summary: 'Export events in the background',
          description:
            'Admins only. The same filters and file as `GET /api/analytics/reports/events`, written by a background job for exports too long to download at once. Answers 202 with the export; read it for its progress and, once completed, a signed download link.',
          tags,
          body: ExportJobBody,
          response: { 202: Described(ExportJobOut, 'The export, queued.') },
        },
      },
      async (request, reply) =>
        reply.status(202).send(await analytics.requestEventExport(actorOf(request), request.body)),
    );

    app.get(
      '/api/analytics/reports/events/exports/:export_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'servicesGetEventExport',
          summary: 'Get a background export',
          description: 'Admins only. Its status and progress, and a fresh signed download link once completed.',
          tags,
          params: ExportJobParams,
          response: { 200: Described(ExportJobOut, 'The export.') },
        },
      },
      async (request) => analytics.getEventExport(actorOf(request), request.params.export_id),
    );
  };
}
