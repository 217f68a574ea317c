// The media worker's binaries: FFMPEG_PATH, else the system's, else the ones shipped in npm
// packages, so a machine without ffmpeg still processes video.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

import { createFfmpeg, resolveFfmpeg } from '../../src/modules/files/ffmpeg.ts';
import { makeMedia } from '../files/support.ts';

const dir = mkdtempSync(join(tmpdir(), 'lectern-ffmpeg-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const video = join(dir, 'clip.mp4');
writeFileSync(video, makeMedia('mp4'));

describe('ffmpeg binaries', () => {
  it('uses the system ffmpeg when it is on PATH, else the npm-shipped one', () => {
    const onPath = spawnSync('ffmpeg', ['-version']).status === 0;
    const binaries = resolveFfmpeg(undefined);
    if (onPath) assert.deepEqual(binaries, { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' });
    else assert.match(binaries.ffmpeg, /@ffmpeg-installer/);
  });

  it('falls back to the npm-shipped binaries on a machine without ffmpeg, and they work', async () => {
    const path = process.env['PATH'];
    process.env['PATH'] = '/nonexistent';
    try {
      const ffmpeg = createFfmpeg(undefined);
      const probe = await ffmpeg.probe(video);
      const binaries = ffmpeg.binaries();
      assert.match(binaries.ffmpeg, /@ffmpeg-installer/);
      assert.match(binaries.ffprobe, /@ffprobe-installer/);
      assert.equal(probe.width, 320);
      assert.equal(probe.height, 240);
      assert.ok(Math.abs((probe.durationSeconds ?? 0) - 2) < 0.5);
      await ffmpeg.thumbnail(video, join(dir, 'thumb.jpg'), 1);
    } finally {
      process.env['PATH'] = path;
    }
  });

  it('rejects a file that is not media, without retrying it', async () => {
    const junk = join(dir, 'junk.mp4');
    writeFileSync(junk, 'plain text');
    await assert.rejects(createFfmpeg(undefined).probe(junk), { name: 'Error', message: /not a readable media file/ });
  });
});
