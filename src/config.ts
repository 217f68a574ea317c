// Every setting of the operating contract (ARCHITECTURE.md), read from the environment once,
// validated, with embedded defaults. A bad value stops start-up with the full list of problems.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { passwordProblem } from './modules/identity/password-rules.ts';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  publicUrl: string;
  /** The frontend's address for links meant for a person (APP_URL); unset: Lectern's built-in pages. */
  appUrl: string | undefined;
  logLevel: string;
  database: { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string; poolSize: number };
  redisUrl: string | undefined;
  /** Prefix of every Redis key Lectern writes (rate limits, pub/sub channels, presence). */
  redisKeyPrefix: string;
  jwt: { secret: string; issuer: string; audience: string; accessTtlSeconds: number };
  refresh: { ttlDays: number; rememberMeTtlDays: number; reuseGraceSeconds: number };
  admin: { email: string; password: string } | undefined;
  mail: { kind: 'smtp'; url: string; from: string } | { kind: 'outbox'; from: string };
  sms: { kind: 'webhook'; url: string } | { kind: 'outbox' };
  vapid: { publicKey: string; privateKey: string; subject: string } | undefined;
  storage:
    | { kind: 'local'; dir: string }
    | {
        kind: 's3';
        endpoint: string | undefined;
        bucket: string;
        region: string;
        accessKeyId: string;
        secretAccessKey: string;
      };
  llm: { kind: 'openai'; baseUrl: string; apiKey: string; model: string } | { kind: 'advisor' };
  /** The AI course advisor: provider deadline, history sent as context, per-user daily quota. */
  assistant: { timeoutMs: number; historyMessages: number; dailyMessages: number };
  google: { clientId: string | undefined; jwksUrl: string };
  corsOrigins: string[];
  ffmpegPath: string | undefined;
  http: {
    bodyLimitBytes: number;
    /** Time to receive a whole request (headers and body): slow senders are cut off with 408. */
    requestTimeoutMs: number;
    /** Time to receive a request's headers. */
    headersTimeoutMs: number;
    connectionTimeoutMs: number;
    trustProxy: boolean;
  };
  uploads: { maxBytes: number };
  /** Lesson media: largest accepted upload, tus staging directory, optional HLS renditions. */
  media: { maxBytes: number; tusDir: string; hls: boolean };
  /** Vimeo as the resumable-upload provider when a token is set; else Lectern's own tus endpoint. */
  vimeo: { accessToken: string; apiUrl: string } | undefined;
  rateLimit: {
    authPerMinute: number;
    /** 401 answers to requests that presented credentials, per address; then such requests answer 429. */
    failedAuthPerMinute: number;
    apiPerHour: number;
    chatPerMinute: number;
    ingestPerMinute: number;
    /** Upload links handed out per user and hour (003's "file uploads: 10 per hour per user"). */
    uploadsPerHour: number;
    /** Contract 004's surface (/v1): requests per minute per IP. */
    envelopePerMinute: number;
  };
  lockout: { threshold: number; minutes: number; ipThreshold: number };
  /** Key material for encrypting MFA secrets at rest (MFA_ENCRYPTION_KEY, else generated in DATA_DIR). */
  mfa: { encryptionKey: string };
  /**
   * inProcess: `lectern serve` runs the job workers too; withJobs: how many of `--workers`'s
   * processes do (the others only send jobs), since every job-running process polls every queue.
   */
  worker: { inProcess: boolean; withJobs: number };
  /** HTTP processes of `lectern serve` (WORKERS, `--workers`): a count, or `auto` for the available parallelism. */
  workers: number | 'auto';
  /** Analytics events are dropped (a monthly partition at a time) once older than this. */
  analytics: { retentionDays: number };
  /** Chat sockets: heartbeat period (also how often expired/revoked sessions are closed) and the send buffer bound. */
  chat: { heartbeatSeconds: number; sendBufferBytes: number };
  /** Outgoing webhooks: attempts per delivery (backoff from the first delay, doubling), and failed deliveries in a row before an endpoint is disabled. */
  webhooks: { maxAttempts: number; retryDelaySeconds: number; disableAfterFailures: number };
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

/** Parses and validates the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = createReader(env, problems);

  const port = read.int('PORT', 8000, 0, 65535);
  const dataDir = resolve(read.str('DATA_DIR') ?? './data');
  const databaseUrl = read.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = read.url('REDIS_URL', ['redis:', 'rediss:']);
  const smtpUrl = read.url('SMTP_URL', ['smtp:', 'smtps:']);
  const smsUrl = read.url('SMS_WEBHOOK_URL', ['http:', 'https:']);
  const publicUrl = (read.url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/$/, '');
  const appUrl = read.url('APP_URL', ['http:', 'https:'])?.replace(/\/$/, '');
  const adminEmail = read.str('ADMIN_EMAIL');
  const adminPassword = read.str('ADMIN_PASSWORD');
  if (Boolean(adminEmail) !== Boolean(adminPassword))
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  if (adminEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail))
    problems.push(`ADMIN_EMAIL must be an email address (got "${adminEmail}")`);
  const adminPasswordProblem = adminPassword === undefined ? undefined : passwordProblem(adminPassword);
  if (adminPasswordProblem) problems.push(`ADMIN_PASSWORD: ${adminPasswordProblem}`);
  const jwtSecret = read.str('JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  const mfaKey = read.str('MFA_ENCRYPTION_KEY');
  if (mfaKey !== undefined && mfaKey.length < 32) problems.push('MFA_ENCRYPTION_KEY must be at least 32 characters');

  const s3Bucket = read.str('S3_BUCKET');
  const s3 = {
    endpoint: read.url('S3_ENDPOINT', ['http:', 'https:']),
    region: read.str('S3_REGION') ?? 'us-east-1',
    accessKeyId: read.str('S3_ACCESS_KEY_ID'),
    secretAccessKey: read.str('S3_SECRET_ACCESS_KEY'),
  };
  if (s3Bucket && (!s3.accessKeyId || !s3.secretAccessKey)) {
    problems.push('S3_BUCKET needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
  }
  const openaiBase = read.url('OPENAI_BASE_URL', ['http:', 'https:']);
  const openaiKey = read.str('OPENAI_API_KEY');
  // A key alone means OpenAI's own API; a base URL needs a key (any value for a server that checks none).
  if (openaiBase && !openaiKey)
    problems.push('OPENAI_BASE_URL needs OPENAI_API_KEY (any value if the server needs none)');
  const vapidPublic = read.str('VAPID_PUBLIC_KEY');
  const vimeoToken = read.str('VIMEO_ACCESS_TOKEN');
  if (vimeoToken !== undefined && /\s/.test(vimeoToken))
    problems.push('VIMEO_ACCESS_TOKEN must not contain whitespace');
  const vimeoApiUrl = (read.url('VIMEO_API_URL', ['http:', 'https:']) ?? 'https://api.vimeo.com').replace(/\/$/, '');
  const vapidPrivate = read.str('VAPID_PRIVATE_KEY');
  problems.push(...vapidProblems(vapidPublic, vapidPrivate, read.str('VAPID_SUBJECT')));

  const config: Config = {
    host: read.str('HOST') ?? '0.0.0.0',
    port,
    dataDir,
    publicUrl,
    appUrl,
    logLevel: read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    database: databaseUrl
      ? { kind: 'postgres', url: databaseUrl, poolSize: read.int('DATABASE_POOL_SIZE', 10, 1, 200) }
      : { kind: 'pglite', dir: join(dataDir, 'pglite') },
    redisUrl,
    redisKeyPrefix: read.str('REDIS_KEY_PREFIX') ?? 'lectern:',
    jwt: {
      secret: jwtSecret ?? '',
      issuer: 'lectern',
      audience: 'lectern-api',
      accessTtlSeconds: read.int('ACCESS_TOKEN_TTL_SECONDS', 900, 60, 86400),
    },
    refresh: {
      ttlDays: read.int('REFRESH_TOKEN_TTL_DAYS', 7, 1, 365),
      rememberMeTtlDays: read.int('REMEMBER_ME_TTL_DAYS', 30, 1, 365),
      reuseGraceSeconds: read.int('REFRESH_REUSE_GRACE_SECONDS', 5, 0, 60),
    },
    admin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined,
    mail: smtpUrl
      ? { kind: 'smtp', url: smtpUrl, from: read.str('MAIL_FROM') ?? 'Lectern <no-reply@lectern.local>' }
      : { kind: 'outbox', from: read.str('MAIL_FROM') ?? 'Lectern <no-reply@lectern.local>' },
    sms: smsUrl ? { kind: 'webhook', url: smsUrl } : { kind: 'outbox' },
    vapid:
      vapidPublic && vapidPrivate
        ? {
            publicKey: vapidPublic,
            privateKey: vapidPrivate,
            subject: read.str('VAPID_SUBJECT') ?? 'mailto:admin@lectern.local',
          }
        : undefined,
    storage:
      s3Bucket && s3.accessKeyId && s3.secretAccessKey
        ? {
            kind: 's3',
            bucket: s3Bucket,
            endpoint: s3.endpoint,
            region: s3.region,
            accessKeyId: s3.accessKeyId,
            secretAccessKey: s3.secretAccessKey,
          }
        : { kind: 'local', dir: join(dataDir, 'files') },
    llm: openaiKey
      ? {
          kind: 'openai',
          baseUrl: (openaiBase ?? 'https://api.openai.com/v1').replace(/\/$/, ''),
          apiKey: openaiKey,
          model: read.str('OPENAI_MODEL') ?? 'gpt-4o-mini',
        }
      : { kind: 'advisor' },
    assistant: {
      timeoutMs: read.int('OPENAI_TIMEOUT_MS', 30_000, 100, 300_000),
      historyMessages: read.int('ASSISTANT_HISTORY_MESSAGES', 20, 0, 200),
      dailyMessages: read.int('ASSISTANT_DAILY_MESSAGES', 200, 1, 1_000_000),
    },
    google: {
      clientId: read.str('GOOGLE_CLIENT_ID'),
      jwksUrl: read.url('GOOGLE_JWKS_URL', ['http:', 'https:']) ?? 'https://www.googleapis.com/oauth2/v3/certs',
    },
    corsOrigins: (read.str('CORS_ORIGINS') ?? 'http://localhost:5173')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    ffmpegPath: read.str('FFMPEG_PATH'),
    http: {
      bodyLimitBytes: read.int('BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
      requestTimeoutMs: read.int('REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000),
      headersTimeoutMs: read.int('HEADERS_TIMEOUT_MS', 10_000, 500, 600_000),
      connectionTimeoutMs: read.int('CONNECTION_TIMEOUT_MS', 60_000, 1000, 600_000),
      trustProxy: read.bool('TRUST_PROXY', false),
    },
    uploads: { maxBytes: read.int('UPLOAD_MAX_BYTES', 50 * 1_048_576, 1024, 10 * 1024 * 1_048_576) },
    media: {
      maxBytes: read.int('MEDIA_MAX_BYTES', 5 * 1024 * 1_048_576, 1024, 100 * 1024 * 1_048_576),
      tusDir: join(dataDir, 'tus'),
      hls: read.bool('MEDIA_HLS', false),
    },
    vimeo: vimeoToken ? { accessToken: vimeoToken, apiUrl: vimeoApiUrl } : undefined,
    rateLimit: {
      authPerMinute: read.int('RATE_LIMIT_AUTH_PER_MINUTE', 10, 1, 1_000_000),
      failedAuthPerMinute: read.int('RATE_LIMIT_FAILED_AUTH_PER_MINUTE', 20, 1, 1_000_000),
      apiPerHour: read.int('RATE_LIMIT_API_PER_HOUR', 1000, 1, 100_000_000),
      chatPerMinute: read.int('RATE_LIMIT_CHAT_PER_MINUTE', 20, 1, 1_000_000),
      ingestPerMinute: read.int('RATE_LIMIT_INGEST_PER_MINUTE', 100, 1, 1_000_000),
      uploadsPerHour: read.int('RATE_LIMIT_UPLOADS_PER_HOUR', 10, 1, 1_000_000),
      envelopePerMinute: read.int('RATE_LIMIT_ENVELOPE_PER_MINUTE', 100, 1, 1_000_000),
    },
    lockout: {
      threshold: read.int('LOCKOUT_THRESHOLD', 5, 1, 1000),
      minutes: read.int('LOCKOUT_MINUTES', 15, 1, 1440),
      ipThreshold: read.int('LOCKOUT_IP_THRESHOLD', 50, 1, 100_000),
    },
    mfa: { encryptionKey: read.str('MFA_ENCRYPTION_KEY') ?? '' },
    worker: { inProcess: read.bool('WORKER_IN_PROCESS', true), withJobs: read.int('WORKERS_WITH_JOBS', 1, 1, 256) },
    workers: readWorkers(read.str('WORKERS'), problems),
    analytics: { retentionDays: read.int('ANALYTICS_RETENTION_DAYS', 730, 31, 36_500) },
    chat: {
      heartbeatSeconds: read.int('CHAT_HEARTBEAT_SECONDS', 30, 1, 3600),
      sendBufferBytes: read.int('CHAT_SEND_BUFFER_BYTES', 1_048_576, 1024, 1024 * 1_048_576),
    },
    webhooks: {
      maxAttempts: read.int('WEBHOOK_MAX_ATTEMPTS', 8, 1, 50),
      retryDelaySeconds: read.int('WEBHOOK_RETRY_DELAY_SECONDS', 30, 1, 3600),
      disableAfterFailures: read.int('WEBHOOK_DISABLE_AFTER_FAILURES', 5, 1, 1000),
    },
  };

  if (problems.length > 0) throw new ConfigError(problems);
  if (!config.jwt.secret) config.jwt.secret = loadOrCreateSecret(dataDir, 'jwt-secret');
  if (!config.mfa.encryptionKey) config.mfa.encryptionKey = loadOrCreateSecret(dataDir, 'mfa-encryption-key');
  return config;
}

/** Reads a secret kept in DATA_DIR, creating it (mode 0600) on first use. */
export function loadOrCreateSecret(dataDir: string, name: string): string {
  const dir = join(dataDir, 'secrets');
  const file = join(dir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}

function createReader(env: Env, problems: string[]) {
  const str = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  return {
    str,
    int(name: string, fallback: number, min: number, max: number): number {
      const raw = str(name);
      if (raw === undefined) return fallback;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < min || value > max) {
        problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
        return fallback;
      }
      return value;
    },
    bool(name: string, fallback: boolean): boolean {
      const raw = str(name)?.toLowerCase();
      if (raw === undefined) return fallback;
      if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
      if (['0', 'false', 'no', 'off'].includes(raw)) return false;
      problems.push(`${name} must be true or false (got "${raw}")`);
      return fallback;
    },
    oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
      const raw = str(name);
      if (raw === undefined) return fallback;
      if ((allowed as readonly string[]).includes(raw)) return raw as T;
      problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    },
    url(name: string, protocols: string[]): string | undefined {
      const raw = str(name);
      if (raw === undefined) return undefined;
      try {
        const parsed = new URL(raw);
        if (protocols.includes(parsed.protocol)) return raw;
      } catch {
        // reported below
      }
      problems.push(`${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
      return undefined;
    },
  };
}

/** WORKERS (or `--workers`, which main.ts passes as WORKERS): `auto` or a process count. */
function readWorkers(raw: string | undefined, problems: string[]): number | 'auto' {
  if (raw === undefined) return 1;
  if (raw === 'auto') return 'auto';
  const value = Number(raw);
  if (Number.isInteger(value) && value >= 1 && value <= 256) return value;
  problems.push(`WORKERS (--workers) must be auto or an integer between 1 and 256 (got "${raw}")`);
  return 1;
}

/** VAPID keys as `npx web-push generate-vapid-keys` prints them: base64url P-256 public (65 bytes) and private (32 bytes). */
function vapidProblems(publicKey: string | undefined, privateKey: string | undefined, subject: string | undefined) {
  const problems: string[] = [];
  if ((publicKey === undefined) !== (privateKey === undefined))
    problems.push('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together');
  const bytes = (value: string) => (/^[A-Za-z0-9_-]+$/.test(value) ? Buffer.from(value, 'base64url').length : -1);
  if (publicKey !== undefined && bytes(publicKey) !== 65)
    problems.push('VAPID_PUBLIC_KEY must be a base64url P-256 public key (65 bytes)');
  if (privateKey !== undefined && bytes(privateKey) !== 32)
    problems.push('VAPID_PRIVATE_KEY must be a base64url P-256 private key (32 bytes)');
  if (subject !== undefined && !/^(mailto:\S+|https:\/\/\S+)$/.test(subject))
    problems.push('VAPID_SUBJECT must be a mailto: address or an https:// URL');
  return problems;
}
