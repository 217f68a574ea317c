// Unique test data per call, so test files run in parallel without cleaning tables.
import { randomBytes } from 'node:crypto';

import type { FastifyInstance } from 'fastify';

import type { Role } from '../../src/modules/identity/index.ts';
import type { TestApp } from './app.ts';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  role: Role;
  auth: { authorization: string };
}

let counter = 0;
export const uniqueEmail = (label = 'user') =>
  `${label}-${process.pid}-${++counter}-${randomBytes(3).toString('hex')}@example.test`;
export const STRONG_PASSWORD = 'Lectern-Test-Pass-9';

/** Registers a user through the API; for another role, promotes it in the database (setup only). */
export async function createUser(
  lectern: TestApp,
  options: { role?: Role; fullName?: string } = {},
): Promise<TestUser> {
  const email = uniqueEmail(options.role ?? 'student');
  const register = await lectern.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email, password: STRONG_PASSWORD, full_name: options.fullName ?? 'Test User' },
  });
  if (register.statusCode !== 201) throw new Error(`register failed: ${register.statusCode} ${register.body}`);
  const me = await lectern.app.inject({
    method: 'GET',
    url: '/api/v1/users/me',
    headers: { authorization: `Bearer ${register.json().access_token}` },
  });
  const id = me.json().id as string;
  const role = options.role ?? 'student';
  if (role !== 'student') await lectern.database.db.updateTable('users').set({ role }).where('id', '=', id).execute();
  const login = await logIn(lectern.app, email, STRONG_PASSWORD);
  return {
    id,
    email,
    password: STRONG_PASSWORD,
    role,
    accessToken: login.access_token,
    refreshToken: login.refresh_token,
    auth: { authorization: `Bearer ${login.access_token}` },
  };
}

export async function logIn(app: FastifyInstance, email: string, password: string) {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  return response.json() as { access_token: string; refresh_token: string; expires_in: number };
}

/** The authorization matrix most tests need: a course owner, another instructor, an admin and two students. */
export async function createCast(lectern: TestApp, options: { studentAName?: string } = {}) {
  const [owner, otherInstructor, admin, studentA, studentB] = await Promise.all([
    createUser(lectern, { role: 'instructor' }),
    createUser(lectern, { role: 'instructor' }),
    createUser(lectern, { role: 'admin' }),
    createUser(lectern, options.studentAName ? { fullName: options.studentAName } : {}),
    createUser(lectern),
  ]);
  return { owner, otherInstructor, admin, studentA, studentB };
}
