// ffmpeg/ffprobe for the media worker: FFMPEG_PATH, else the system's binaries on PATH, else the
// ones shipped in npm packages (@ffmpeg-installer, @ffprobe-installer) so a bare machine works.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TIMEOUT_MS = 10 * 60_000;

export interface FfmpegBinaries {
  ffmpeg: string;
  ffprobe: string;
}

export interface ProbeResult {
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
  hasVideo: boolean;
  hasAudio: boolean;
}

/** Thrown when the input itself is unusable: retrying will not help. */
export class MediaRejectedError extends Error {}

export function resolveFfmpeg(configuredPath: string | undefined): FfmpegBinaries {
  if (configuredPath) {
    const sibling = join(dirname(configuredPath), 'ffprobe');
    return {
      ffmpeg: configuredPath,
      ffprobe: existsSync(sibling) ? sibling : (onPath('ffprobe') ?? packaged('@ffprobe-installer/ffprobe')),
    };
  }
  const ffmpeg = onPath('ffmpeg') ?? packaged('@ffmpeg-installer/ffmpeg');
  const ffprobe = onPath('ffprobe') ?? packaged('@ffprobe-installer/ffprobe');
  return { ffmpeg, ffprobe };
}

function onPath(binary: string): string | undefined {
  const result = spawnSync(binary, ['-version'], { stdio: 'ignore', timeout: 10_000 });
  return result.status === 0 ? binary : undefined;
}

function packaged(name: string): string {
  const require = createRequire(import.meta.url);
  return (require(name) as { path: string }).path;
}

export function createFfmpeg(configuredPath: string | undefined) {
  let binaries: FfmpegBinaries | undefined;
  const bin = () => (binaries ??= resolveFfmpeg(configuredPath));

  return {
    binaries: bin,

    async probe(file: string): Promise<ProbeResult> {
      let stdout: string;
      try {
        ({ stdout } = await run(
          bin().ffprobe,
          ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file],
          {
            timeout: TIMEOUT_MS,
            maxBuffer: 8 * 1024 * 1024,
          },
        ));
      } catch (error) {
        const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
        if (stderr) throw new MediaRejectedError(`not a readable media file: ${stderr.split('\n')[0]}`);
        throw error;
      }
      const parsed = JSON.parse(stdout) as {
        format?: { duration?: string };
        streams?: { codec_type?: string; width?: number; height?: number; duration?: string }[];
      };
      const streams = parsed.streams ?? [];
      const video = streams.find((s) => s.codec_type === 'video');
      const audio = streams.find((s) => s.codec_type === 'audio');
      if (!video && !audio) throw new MediaRejectedError('no audio or video stream found');
      const duration = Number(parsed.format?.duration ?? video?.duration ?? audio?.duration);
      return {
        durationSeconds: Number.isFinite(duration) ? duration : null,
        width: video?.width ?? null,
        height: video?.height ?? null,
        hasVideo: Boolean(video),
        hasAudio: Boolean(audio),
      };
    },

    async thumbnail(file: string, out: string, atSeconds: number): Promise<void> {
      await run(
        bin().ffmpeg,
        ['-v', 'error', '-y', '-ss', atSeconds.toFixed(2), '-i', file, '-frames:v', '1', '-vf', 'scale=320:-2', out],
        {
          timeout: TIMEOUT_MS,
        },
      );
    },

    /** One HLS rendition (H.264/AAC, at most `height` lines) as index.m3u8 + segments in `dir`. */
    async hls(file: string, dir: string, height: number, hasAudio: boolean): Promise<void> {
      await run(
        bin().ffmpeg,
        [
          '-v',
          'error',
          '-y',
          '-i',
          file,
          '-vf',
          `scale=-2:'min(${height},ih)'`,
          '-c:v',
          'libx264',
          '-preset',
          'veryfast',
          '-crf',
          '23',
          ...(hasAudio ? ['-c:a', 'aac', '-b:a', '128k'] : ['-an']),
          '-hls_time',
          '6',
          '-hls_playlist_type',
          'vod',
          '-hls_segment_filename',
          join(dir, 'segment-%04d.ts'),
          join(dir, 'index.m3u8'),
        ],
        { timeout: TIMEOUT_MS },
      );
    },
  };
}

export type Ffmpeg = ReturnType<typeof createFfmpeg>;
