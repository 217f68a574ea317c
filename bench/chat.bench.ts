// Chat over WebSocket, Lectern against a hand-written `ws` broadcast server (baseline), each in a
// child process of its own while this process runs the clients:
//   1. broadcast latency: BENCH_SOCKETS sockets in one room, one message at a time, time from
//      send to each socket's receipt (p50/p99 over every delivery);
//   2. sustained messages/s: BENCH_MESSAGES messages from BENCH_SENDERS of those sockets (a socket's
//      frames are handled in order, one at a time) with at most BENCH_WINDOW in flight; every
//      socket must receive every one (0 lost; Lectern's stored count is checked too);
//   3. idle memory: BENCH_IDLE_SOCKETS more sockets (Lectern: 100 per room), server RSS per socket.
// Lectern stores each message in PostgreSQL before fanning it out, and uses Redis pub/sub when
// REDIS_URL is set. Prints both servers' numbers and Lectern/baseline ratios.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';
import WebSocket from 'ws';

import { sparePort } from '../test/faults/servers.ts';
import { PG_URL, reportSummary } from './harness.ts';

const SOCKETS = Number(process.env['BENCH_SOCKETS'] ?? 1_000);
const LATENCY_MESSAGES = Number(process.env['BENCH_LATENCY_MESSAGES'] ?? 50);
const MESSAGES = Number(process.env['BENCH_MESSAGES'] ?? 2_000);
const WINDOW = Number(process.env['BENCH_WINDOW'] ?? 20);
const SENDERS = Number(process.env['BENCH_SENDERS'] ?? 10);
const IDLE = Number(process.env['BENCH_IDLE_SOCKETS'] ?? 10_000);
const USERS = 20;
const PER_ROOM = 100;
const PASSWORD = 'Bench-Chat-Pass-2026';

interface Server {
  http: string;
  ws: string;
  child: ChildProcess;
  /** The WebSocket URL of a socket of user `i` in `room` (the baseline ignores both). */
  socketUrl(user: number, room: string): string;
  rss(): number;
  stop(): Promise<void>;
}

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitReady(child: ChildProcess, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error('server exited');
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error('server did not start');
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
}

async function startBaseline(): Promise<Server> {
  const port = await sparePort();
  const child = spawn(process.execPath, ['bench/chat-baseline.server.ts'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let ready = false;
  child.stdout?.on('data', (chunk: Buffer) => (ready ||= String(chunk).includes('ready')));
  await waitReady(child, async () => ready);
  const ws = `ws://127.0.0.1:${port}`;
  return { http: '', ws, child, socketUrl: () => ws, rss: () => rssOf(child.pid!), stop: () => stop(child) };
}

async function startLectern(
  databaseUrl: string,
  dataDir: string,
): Promise<Server & { tokens: string[]; ids: string[] }> {
  const port = await sparePort();
  const child = spawn(process.execPath, ['src/main.ts', 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_KEY_PREFIX: `lectern-bench-${randomBytes(4).toString('hex')}:`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ACCESS_TOKEN_TTL_SECONDS: '86400',
      RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
      RATE_LIMIT_API_PER_HOUR: '100000000',
      RATE_LIMIT_CHAT_PER_MINUTE: '1000000',
      CHAT_SEND_BUFFER_BYTES: String(64 * 1_048_576),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const http = `http://127.0.0.1:${port}`;
  await waitReady(child, async () => (await fetch(`${http}/api/v1/ready`)).ok);
  const tokens: string[] = [];
  const ids: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const email = `bench-chat-${i}-${randomBytes(3).toString('hex')}@example.test`;
    const registered = await fetch(`${http}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD, full_name: `Bench User ${i}` }),
    });
    const token = ((await registered.json()) as { access_token: string }).access_token;
    const me = await fetch(`${http}/api/v1/users/me`, { headers: { authorization: `Bearer ${token}` } });
    tokens.push(token);
    ids.push(((await me.json()) as { id: string }).id);
  }
  const ws = `ws://127.0.0.1:${port}`;
  return {
    http,
    ws,
    child,
    tokens,
    ids,
    socketUrl: (user, room) => `${ws}/ws?token=${tokens[user % USERS]}&roomId=${room}`,
    rss: () => rssOf(child.pid!),
    stop: () => stop(child),
  };
}

async function createRoom(server: { http: string; tokens: string[]; ids: string[] }, name: string): Promise<string> {
  const response = await fetch(`${server.http}/api/v1/chat/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.tokens[0]}` },
    body: JSON.stringify({ name, member_ids: server.ids.slice(1) }),
  });
  if (response.status !== 201) throw new Error(`room: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** Opens `count` sockets, `parallel` at a time. */
async function openSockets(count: number, url: (i: number) => string, parallel = 50): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let start = 0; start < count; start += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - start) }, (_, k) => {
      const ws = new WebSocket(url(start + k));
      sockets.push(ws);
      return new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
    });
    await Promise.all(batch);
  }
  return sockets;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

interface Result {
  p50: number;
  p99: number;
  perSecond: number;
  lost: number;
  rssPerSocket: number;
}

/** Runs the three measurements against one server. */
async function run(server: Server, room: string, idleRooms: string[], stored?: () => Promise<number>): Promise<Result> {
  const sockets = await openSockets(SOCKETS, (i) => server.socketUrl(i, room));
  await sleep(2_000); // let join announcements drain
  const sender = sockets[0]!;

  // 1. Latency: one message at a time, each awaited on every socket.
  const latencies: number[] = [];
  let expect = '';
  let sentAt = 0;
  let got = 0;
  let wake: () => void = () => undefined;
  const onLatency = (data: WebSocket.RawData) => {
    const frame = JSON.parse(String(data)) as { type?: string; content?: string };
    if (frame.type !== 'message' || frame.content !== expect) return;
    latencies.push(performance.now() - sentAt);
    if (++got === sockets.length) wake();
  };
  for (const ws of sockets) ws.on('message', onLatency);
  for (let i = 0; i < LATENCY_MESSAGES; i++) {
    expect = `latency ${i}`;
    got = 0;
    const all = new Promise<void>((resolve) => (wake = resolve));
    sentAt = performance.now();
    sender.send(JSON.stringify({ type: 'message', content: expect }));
    await all;
  }
  for (const ws of sockets) ws.off('message', onLatency);
  latencies.sort((a, b) => a - b);

  // 2. Sustained: MESSAGES messages, at most WINDOW not yet seen by socket 0 at once.
  const received = new Array<number>(sockets.length).fill(0);
  let acked = 0;
  let ackWake: () => void = () => undefined;
  sockets.forEach((ws, i) =>
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type?: string; content?: string };
      if (frame.type !== 'message' || !frame.content?.startsWith('load ')) return;
      received[i]!++;
      if (i === 0) {
        acked++;
        ackWake();
      }
    }),
  );
  const started = performance.now();
  for (let i = 0; i < MESSAGES; i++) {
    while (i - acked >= WINDOW) await new Promise<void>((resolve) => (ackWake = resolve));
    sockets[i % Math.min(SENDERS, sockets.length)]!.send(JSON.stringify({ type: 'message', content: `load ${i}` }));
  }
  const deadline = Date.now() + 120_000;
  while (received.some((n) => n < MESSAGES) && Date.now() < deadline) await sleep(20);
  const seconds = (performance.now() - started) / 1000;
  const lost = received.reduce((sum, n) => sum + (MESSAGES - n), 0);
  if (stored) {
    const count = await stored();
    console.log(`  stored load messages: ${count} of ${MESSAGES}`);
  }
  for (const ws of sockets) ws.terminate();
  await sleep(2_000);

  // 3. Idle sockets: server RSS before and after.
  const before = server.rss();
  const idle = await openSockets(IDLE, (i) => server.socketUrl(i, idleRooms[Math.floor(i / PER_ROOM)] ?? room));
  await sleep(3_000);
  const after = server.rss();
  for (const ws of idle) ws.terminate();

  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    perSecond: MESSAGES / seconds,
    lost,
    rssPerSocket: (after - before) / IDLE,
  };
}

const admin = new pg.Client({ connectionString: PG_URL });
await admin.connect();
const dbName = `lectern_bench_chat_${process.pid}`;
await admin.query(`drop database if exists ${dbName} with (force)`);
await admin.query(`create database ${dbName}`);
const dbUrl = new URL(PG_URL);
dbUrl.pathname = `/${dbName}`;
const dataDir = mkdtempSync(join(tmpdir(), 'lectern-bench-chat-'));

console.log(
  `chat bench: ${SOCKETS} sockets, ${LATENCY_MESSAGES} latency messages, ${MESSAGES} sustained (window ${WINDOW}), ${IDLE} idle sockets; redis: ${process.env['REDIS_URL'] ? 'yes' : 'no'}`,
);
const results: Record<string, Result> = {};
const baseline = await startBaseline();
try {
  results['baseline ws'] = await run(baseline, '', []);
} finally {
  await baseline.stop();
}
const lectern = await startLectern(dbUrl.toString(), dataDir);
try {
  const room = await createRoom(lectern, 'Bench room');
  const idleRooms: string[] = [];
  for (let i = 0; i < Math.ceil(IDLE / PER_ROOM); i++) idleRooms.push(await createRoom(lectern, `Idle ${i}`));
  const db = new pg.Client({ connectionString: dbUrl.toString() });
  await db.connect();
  const stored = async () =>
    Number(
      (
        await db.query<{ n: string }>(
          `select count(*) as n from chat_messages where room_id = $1 and content like 'load %'`,
          [room],
        )
      ).rows[0]?.n,
    );
  results['lectern'] = await run(lectern, room, idleRooms, stored);
  await db.end();
} finally {
  await lectern.stop();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}

console.table(
  Object.entries(results).map(([target, r]) => ({
    target,
    'p50 ms': r.p50.toFixed(2),
    'p99 ms': r.p99.toFixed(2),
    'msgs/s': Math.round(r.perSecond),
    lost: r.lost,
    'KiB/idle socket': (r.rssPerSocket / 1024).toFixed(1),
  })),
);
const l = results['lectern']!;
const b = results['baseline ws']!;
console.log(
  `lectern/baseline: p99 ${(l.p99 / b.p99).toFixed(2)}x, msgs/s ${(l.perSecond / b.perSecond).toFixed(3)}, memory per idle socket ${(l.rssPerSocket / b.rssPerSocket).toFixed(2)}x`,
);
reportSummary({
  workload: `chat, ${SOCKETS} sockets in one room, ${l.lost} lost (p99 = broadcast latency)`,
  lectern: Math.round(l.perSecond),
  baseline: Math.round(b.perSecond),
  unit: 'msgs/s',
  ratio: l.perSecond / b.perSecond,
  p99Ms: Number(l.p99.toFixed(2)),
  goal: 'p99 < 50 ms, 0 lost',
});
// Memory: lower is better, so this ratio reads the other way round (Lectern's RSS over the baseline's).
const mib = (r: Result) => Number(((r.rssPerSocket * IDLE) / 1_048_576).toFixed(1));
reportSummary({
  workload: `chat, ${IDLE} idle sockets' memory`,
  lectern: mib(l),
  baseline: mib(b),
  unit: 'MiB',
  ratio: l.rssPerSocket / b.rssPerSocket,
  goal: '< 200 MiB for 10,000',
});
