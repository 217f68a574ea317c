// Every setting Lectern reads is documented: in `.env.example` (which a newcomer copies to
// `.env`) and in the README's configuration table. The settings are found by watching which
// environment variables loadConfig reads, so a new one cannot slip by undocumented.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';

import { loadConfig } from '../../src/config.ts';

function settingsRead(): string[] {
  const read = new Set<string>();
  const env = new Proxy({ DATA_DIR: join(tmpdir(), 'lectern-settings-test') } as Record<string, string | undefined>, {
    get(target, key) {
      if (typeof key === 'string') read.add(key);
      return target[key as string];
    },
  });
  loadConfig(env);
  return [...read].sort();
}

const repoFile = (name: string) => readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8');

it('.env.example and the README name every setting loadConfig reads', () => {
  const settings = settingsRead();
  assert.ok(settings.length > 40, `found ${settings.length} settings`);
  const example = repoFile('.env.example');
  const readme = repoFile('README.md');
  const missingInExample = settings.filter((name) => !new RegExp(`^# ${name}=`, 'm').test(example));
  const missingInReadme = settings.filter((name) => !readme.includes(`\`${name}\``));
  assert.deepEqual(missingInExample, [], 'settings missing from .env.example');
  assert.deepEqual(missingInReadme, [], "settings missing from the README's configuration table");
});
