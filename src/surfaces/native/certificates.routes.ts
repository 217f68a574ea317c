// 001's certificate endpoints, plus revoke (admin) and the public verification page the PDF's QR
// code points to (JSON, or HTML when the browser asks for it).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import type { Certificate, CertificateVerification } from '../../modules/learning/index.ts';
import { fromPage } from '../kit/paging.ts';
import { Described, Redirect } from '../kit/schemas.ts';
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
          operationId: 'generateCertificate',
          summary: 'Issue the certificate of a completed enrolment',
          description:
            "For the enrolment's student or an admin, once the enrolment is completed (409 before) and if the course awards a certificate (409 otherwise). Issued once: asking again answers 200 with the same certificate. The PDF is rendered in the background (`pdf_ready`).",
          ...secured,
          body: GenerateCertificateBody,
          response: {
            200: Described(CertificateOut, 'The certificate issued earlier.'),
            201: Described(CertificateOut, 'The certificate is issued.'),
          },
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
        schema: {
          operationId: 'listMyCertificates',
          summary: 'List my certificates',
          ...secured,
          querystring: PageQuery,
          response: { 200: Described(Page(CertificateOut), "A page of the caller's certificates.") },
        },
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
        schema: {
          operationId: 'getCertificate',
          summary: 'Get a certificate',
          description: "Its holder, the course's staff and admins; 404 for anyone else.",
          ...secured,
          params: CertificateParams,
          response: { 200: Described(CertificateOut, 'The certificate.') },
        },
      },
      async (request) => toOut(await learning.getCertificate(actorOf(request), request.params.certificate_id)),
    );

    app.get(
      '/certificates/:certificate_id/download',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'downloadCertificate',
          summary: "Download a certificate's PDF",
          description:
            'Redirects to a signed link of the PDF, valid five minutes. 409 while the PDF is still being rendered.',
          ...secured,
          params: CertificateParams,
          response: { 302: Redirect('To the PDF.') },
        },
      },
      async (request, reply) =>
        reply.redirect(await learning.certificateDownloadUrl(actorOf(request), request.params.certificate_id), 302),
    );

    app.post(
      '/certificates/:certificate_id/revoke',
      {
        config: { auth: ['admin'] },
        schema: {
          operationId: 'revokeCertificate',
          summary: 'Revoke a certificate',
          description: 'Public verification then reports it revoked, with the date; 409 when already revoked.',
          ...secured,
          params: CertificateParams,
          body: RevokeCertificateBody,
          response: { 200: Described(CertificateOut, 'The revoked certificate.') },
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
          operationId: 'verifyCertificate',
          summary: 'Verify a certificate',
          description:
            'The public check behind the QR code on the PDF: holder, course, issue date, and whether it is valid or revoked. A browser (asking for `text/html` before JSON) gets a small HTML page instead.',
          tags: ['certificates'],
          params: VerifyParams,
          response: {
            200: {
              description: 'The certificate is known.',
              content: {
                'application/json': { schema: VerificationOut },
                'text/html': { schema: Type.String({ description: 'A page showing the same facts.' }) },
              },
            },
            404: Detail,
            422: ValidationDetail,
            429: Detail,
          },
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
