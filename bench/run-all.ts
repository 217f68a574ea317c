// `npm run bench`: every bench in bench/ in turn, each in a child process of its own (so one
// bench's servers, pools and memory cannot skew the next), then one summary table built from the
// rows each bench appends to BENCH_SUMMARY_FILE. BENCH_ONLY=users-me,catalog picks benches.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { SummaryRow } from './harness.ts';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.slice(0, -'.bench.ts'.length))
  .sort();
const only = process.env['BENCH_ONLY']
  ?.split(',')
  .map((name) => name.trim())
  .filter(Boolean);
const unknown = only?.filter((name) => !available.includes(name)) ?? [];
if (unknown.length) {
  console.error(`unknown bench(es): ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
const selected = only ?? available;

const tempDir = mkdtempSync(join(tmpdir(), 'lectern-bench-summary-'));
const summaryFile = join(tempDir, 'rows.jsonl');
const failed: string[] = [];
for (const name of selected) {
  console.log(`\n=== bench/${name}.bench.ts`);
  const child = spawnSync(process.execPath, [join(benchDir, `${name}.bench.ts`)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_SUMMARY_FILE: summaryFile },
  });
  if (child.status !== 0) failed.push(`${name} (${child.signal ?? `exit ${child.status}`})`);
}

const rows: SummaryRow[] = existsSync(summaryFile)
  ? readFileSync(summaryFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as SummaryRow)
  : [];
rmSync(tempDir, { recursive: true, force: true });

console.log('\nSummary (ratio = Lectern / baseline in the same run)');
console.table(
  rows.map((row) => ({
    workload: row.workload,
    Lectern: `${row.lectern} ${row.unit}`,
    baseline: `${row.baseline} ${row.unit}`,
    ratio: row.ratio.toFixed(3),
    'p99 ms': row.p99Ms ?? '—',
    goal: row.goal,
  })),
);
if (failed.length) {
  console.log(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
