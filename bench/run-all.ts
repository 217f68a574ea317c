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

const table = [
  ['workload', 'Lectern', 'baseline', 'ratio', 'p99 ms', 'goal'],
  ...rows.map((row) => [
    row.workload,
    `${row.lectern} ${row.unit}`,
    `${row.baseline} ${row.unit}`,
    row.ratio.toFixed(3),
    row.p99Ms === undefined ? '—' : String(row.p99Ms),
    row.goal,
  ]),
  ...failed.map((name) => [`${name}: FAILED`, '—', '—', '—', '—', '—']),
];
console.log('\nSummary (ratio = Lectern / baseline in the same run)');
printAligned(table);
if (failed.length) process.exitCode = 1;

/** Plain aligned columns (console.table would quote every string and add an index column). */
function printAligned(lines: string[][]): void {
  const widths = lines[0]!.map((_, column) => Math.max(...lines.map((line) => line[column]!.length)));
  const format = (line: string[]) =>
    line
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  console.log(format(lines[0]!));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines.slice(1)) console.log(format(line));
}
