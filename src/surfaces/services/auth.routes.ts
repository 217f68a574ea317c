// 003's auth service at /api/auth: phone and email sign-up and sign-in, password reset, token
// refresh and logout, email and phone changes. Errors answer `{code, message}` (errors.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { Described, NoContent } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  EmailBody,
  EmailChanged,
  LoginBody,
  Message,
  PhoneBody,
  PhoneChanged,
  PhoneUpdateVerifyBody,
  PhoneVerifyBody,
  RefreshBody,
  RegisterBody,
  ResetConfirmBody,
  TokenBody,
  Tokens,
} from './auth.schemas.ts';
import { authRateLimit, clientOf } from './limits.ts';
import { toTokensOut } from './serializers/tokens.ts';

/** 003 asks for a special character on top of the platform's password rules. */
const POLICY = 'strict' as const;
const SENT_IF_EXISTS = 'If an account exists for this address, a mail is on its way';

export function authRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity } = modules;
    const open = { auth: 'public' as const, rateLimit: authRateLimit(config) };
    const signedIn = { auth: 'user' as const, rateLimit: authRateLimit(config) };
    const tags = ['auth'];
    const TokensOut = Described(Tokens, 'A new access and refresh token pair');

    app.post(
      '/api/auth/phone/send-code',
      {
        config: open,
        schema: {
          operationId: 'servicesSendPhoneCode',
          summary: 'Send a sign-in code by SMS',
          description: 'Sends a six-digit code to the number, whether or not it has an account; one per minute.',
          tags,
          body: PhoneBody,
          response: { 200: Described(Message, 'Code sent') },
        },
      },
      async (request) => {
        await identity.sendPhoneLoginCode(request.body.phone, clientOf(request));
        return { message: 'Verification code sent' };
      },
    );

    app.post(
      '/api/auth/phone/verify',
      {
        config: open,
        schema: {
          operationId: 'servicesVerifyPhoneCode',
          summary: 'Sign in (or sign up) with an SMS code',
          description:
            'Signs in the owner of the number, or creates an account for it (with the optional email and password).',
          tags,
          body: PhoneVerifyBody,
          response: { 200: TokensOut },
        },
      },
      async (request) => {
        const { phone, code, email, password, remember_me } = request.body;
        const pair = await identity.loginWithPhoneCode(
          { phone, code, email, password, rememberMe: remember_me, passwordPolicy: POLICY },
          clientOf(request),
        );
        return toTokensOut(pair);
      },
    );

    app.post(
      '/api/auth/email/register',
      {
        config: open,
        schema: {
          operationId: 'servicesRegisterEmail',
          summary: 'Register with email and password',
          description: 'Creates the account and mails a verification link; sign in after verifying (or at once).',
          tags,
          body: RegisterBody,
          response: { 200: Described(Message, 'Verification email sent') },
        },
      },
      async (request) => {
        const { email, password } = request.body;
        await identity.signUp({ email, password, passwordPolicy: POLICY });
        return { message: 'Verification email sent' };
      },
    );

    app.post(
      '/api/auth/email/verify',
      {
        config: open,
        schema: {
          operationId: 'servicesVerifyEmail',
          summary: 'Verify an email address',
          description: 'Spends the token of the verification mail, marks the address verified and signs in.',
          tags,
          body: TokenBody,
          response: { 200: TokensOut },
        },
      },
      async (request) => toTokensOut(await identity.verifyEmailAndSignIn(request.body.token, clientOf(request))),
    );

    app.post(
      '/api/auth/login',
      {
        config: open,
        schema: {
          operationId: 'servicesLogin',
          summary: 'Sign in with email and password',
          tags,
          body: LoginBody,
          response: { 200: TokensOut },
        },
      },
      async (request) => {
        const { email, password, remember_me, mfa_code } = request.body;
        const input = { email, password, rememberMe: remember_me };
        const pair = mfa_code
          ? await identity.loginWithMfa({ ...input, mfaCode: mfa_code }, clientOf(request))
          : await identity.login(input, clientOf(request));
        return toTokensOut(pair);
      },
    );

    app.post(
      '/api/auth/password/reset/request',
      {
        config: open,
        schema: {
          operationId: 'servicesRequestPasswordReset',
          summary: 'Mail a password reset link',
          description: 'Answers 200 whether or not the address has an account.',
          tags,
          body: EmailBody,
          response: { 200: Described(Message, 'Reset mail sent if the account exists') },
        },
      },
      async (request) => {
        await identity.requestPasswordReset(request.body.email);
        return { message: SENT_IF_EXISTS };
      },
    );

    app.post(
      '/api/auth/password/reset/confirm',
      {
        config: open,
        schema: {
          operationId: 'servicesConfirmPasswordReset',
          summary: 'Set a new password with a reset token',
          description: 'Also lifts an account lock and signs every session of the account out.',
          tags,
          body: ResetConfirmBody,
          response: { 200: Described(Message, 'Password updated') },
        },
      },
      async (request) => {
        const { token, new_password } = request.body;
        await identity.confirmPasswordReset(token, new_password, clientOf(request), POLICY);
        return { message: 'Password updated successfully' };
      },
    );

    app.post(
      '/api/auth/refresh',
      {
        config: open,
        schema: {
          operationId: 'servicesRefreshToken',
          summary: 'Exchange a refresh token for a new pair',
          description: 'Refresh tokens rotate: the one sent is spent, and using it again ends the session.',
          tags,
          body: RefreshBody,
          response: { 200: TokensOut },
        },
      },
      async (request) => toTokensOut(await identity.refresh(request.body.refresh_token, clientOf(request))),
    );

    app.post(
      '/api/auth/logout',
      {
        config: open,
        schema: {
          operationId: 'servicesLogout',
          summary: 'Log out',
          description:
            'Ends the session of the refresh token: it and the session’s access tokens stop working. Logging out again is not an error.',
          tags,
          body: RefreshBody,
          response: { 204: Described(NoContent, 'Logged out') },
        },
      },
      async (request, reply) => {
        await identity.logoutByRefreshToken(request.body.refresh_token);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/auth/email/update/request',
      {
        config: signedIn,
        schema: {
          operationId: 'servicesRequestEmailUpdate',
          summary: 'Request an email change',
          description: 'Mails a confirmation link to the new address; the change happens when it is confirmed.',
          tags,
          body: EmailBody,
          response: { 200: Described(Message, 'Confirmation mail sent') },
        },
      },
      async (request) => {
        await identity.requestEmailChange(actorOf(request), request.body.email);
        return { message: 'Confirm the change with the link sent to the new address' };
      },
    );

    app.post(
      '/api/auth/email/update/confirm',
      {
        config: open,
        schema: {
          operationId: 'servicesConfirmEmailUpdate',
          summary: 'Confirm an email change',
          tags,
          body: TokenBody,
          response: { 200: Described(EmailChanged, 'Email updated') },
        },
      },
      async (request) => {
        const user = await identity.confirmEmailChange(request.body.token, clientOf(request));
        return { message: 'Email updated successfully', email: user.email ?? '' };
      },
    );

    app.post(
      '/api/auth/phone/update/send-code',
      {
        config: signedIn,
        schema: {
          operationId: 'servicesSendPhoneUpdateCode',
          summary: 'Send a code to a new phone number',
          tags,
          body: PhoneBody,
          response: { 200: Described(Message, 'Code sent') },
        },
      },
      async (request) => {
        await identity.sendPhoneChangeCode(actorOf(request), request.body.phone, clientOf(request));
        return { message: 'Verification code sent' };
      },
    );

    app.post(
      '/api/auth/phone/update/verify',
      {
        config: signedIn,
        schema: {
          operationId: 'servicesVerifyPhoneUpdate',
          summary: 'Confirm a new phone number with its code',
          tags,
          body: PhoneUpdateVerifyBody,
          response: { 200: Described(PhoneChanged, 'Phone number updated') },
        },
      },
      async (request) => {
        const { phone, code } = request.body;
        const user = await identity.confirmPhoneChange(actorOf(request), phone, code, clientOf(request));
        return { message: 'Phone number updated successfully', phone: user.phone ?? phone };
      },
    );
  };
}
