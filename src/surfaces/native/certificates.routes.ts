// 001's certificate endpoints, plus revoke (admin) and the public verification page the PDF's QR
// code points to (JSON, or HTML when the browser asks for it).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import type { Certificate, CertificateVerification } from '../../modules/learning/index.ts';
import { fromPage } from '../kit/paging.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  CertificateOut,
  CertificateParams,
  GenerateCertificateBody,
  RevokeCertificateBody,
  VerificationOut,
  VerifyParams,
} from './certificates.schemas.ts';
import { Detail, Page, PageQuery, ValidationDetail } from './common.schemas.ts';
import { prefersHtml, toCertificateOut, toVerificationPage } from './serializers/certificate.ts';
import { pageOf } from './serializers/page.ts';

export function certificateRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { learning } = modules;
    const secured = { tags: ['certificates'] };
    const toOut = (certificate: Certificate) => toCertificateOut(certificate, learning.certificateVerificationUrl);

    app.post(
      '/certificates/generate',
      {
        config: { auth: 'user', location: '/certificates/{id}' },
        schema: {
          ...secured,
          body: GenerateCertificateBody,
          response: { 200: CertificateOut, 201: CertificateOut },
        },
      },
      async (request, reply) => {
        const { certificate, created } = await learning.generateCertificate(
          actorOf(request),
          request.body.enrollment_id,
        );
        return reply.status(created ? 201 : 200).send(toOut(certificate));
      },
    );

    app.get(
      '/certificates/my-certificates',
      {
        config: { auth: 'user' },
        schema: { ...secured, querystring: PageQuery, response: { 200: Page(CertificateOut) } },
      },
      async (request) => {
        const { page, page_size } = request.query;
        const result = await learning.listMyCertificates(actorOf(request), fromPage(page, page_size));
        return pageOf(result.items.map(toOut), result.total, page, page_size);
      },
    );

    app.get(
      '/certificates/:certificate_id',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: CertificateParams, response: { 200: CertificateOut } },
      },
      async (request) => toOut(await learning.getCertificate(actorOf(request), request.params.certificate_id)),
    );

    app.get(
      '/certificates/:certificate_id/download',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: CertificateParams, response: { 302: Type.Null() } },
      },
      async (request, reply) =>
        reply.redirect(await learning.certificateDownloadUrl(actorOf(request), request.params.certificate_id), 302),
    );

    app.post(
      '/certificates/:certificate_id/revoke',
      {
        config: { auth: ['admin'] },
        schema: {
          ...secured,
          params: CertificateParams,
          body: RevokeCertificateBody,
          response: { 200: CertificateOut },
        },
      },
      async (request) =>
        toOut(await learning.revokeCertificate(actorOf(request), request.params.certificate_id, request.body.reason)),
    );

    app.get(
      '/certificates/verify/:code',
      {
        config: { auth: 'public' },
        schema: {
          tags: ['certificates'],
          params: VerifyParams,
          response: { 200: VerificationOut, 404: Detail, 422: ValidationDetail, 429: Detail },
        },
      },
      async (request, reply) => {
        const verification = await learning.verifyCertificate(request.params.code);
        if (prefersHtml(request.headers.accept)) {
          // A string payload with an HTML type bypasses the JSON serializer; the schema describes the JSON variant.
          return reply
            .type('text/html; charset=utf-8')
            .send(toVerificationPage(verification) as unknown as CertificateVerification);
        }
        return verification;
      },
    );
  };
}
