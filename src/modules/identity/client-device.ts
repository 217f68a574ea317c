// A sign-in's device: the client's address and user agent as stored (the agent cut to 500
// characters), and their digest, which tells an account's devices apart (login-device.repo.ts).
import { sha256Hex } from '../../platform/crypto.ts';
import type { ClientInfo } from './identity.types.ts';

export interface ClientDevice {
  ip: string | null;
  userAgent: string | null;
  fingerprint: string;
}

export function deviceOf(client: ClientInfo | undefined): ClientDevice {
  const ip = client?.ip ?? null;
  const userAgent = client?.userAgent?.slice(0, 500) ?? null;
  return { ip, userAgent, fingerprint: sha256Hex(`${ip ?? ''}\n${userAgent ?? ''}`) };
}
