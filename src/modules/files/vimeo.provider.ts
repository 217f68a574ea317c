// Vimeo as the resumable-upload provider (used only when VIMEO_ACCESS_TOKEN is set): Vimeo creates
// the video and hands out its own tus `upload_link`; transcoding happens at Vimeo, so Lectern only
// asks for the video's state. The token goes in the Authorization header and nowhere else: it is
// never part of an error message, a log line or a response.
import { DomainError, notFound } from '../../platform/errors.ts';

export interface VimeoSettings {
  accessToken: string;
  apiUrl: string;
}

export interface VimeoUpload {
  videoId: string;
  uploadLink: string;
}

/** Vimeo's `privacy.view` values a video may be set to (`password` needs a password: not offered). */
export const VIMEO_VIEW_PRIVACY = ['anybody', 'contacts', 'disable', 'nobody', 'unlisted', 'users'] as const;

export interface VimeoVideoChanges {
  name?: string | undefined;
  description?: string | undefined;
  privacy?: (typeof VIMEO_VIEW_PRIVACY)[number] | undefined;
}

export type VimeoVideoState =
  | { state: 'processing' }
  | { state: 'ready'; durationSeconds: number | null; thumbnailUrl: string | null }
  | { state: 'failed'; reason: string };

/** Longest wait for one Vimeo API call; Vimeo answers these in well under a second. */
const REQUEST_TIMEOUT_MS = 30_000;

const vimeoUnavailable = (message: string) => new DomainError('unavailable', 'MEDIA_VIMEO_UNAVAILABLE', message);

export function createVimeoProvider({ accessToken, apiUrl }: VimeoSettings) {
  async function call(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> {
    let response: Response;
    try {
      response = await fetch(`${apiUrl}${path}`, {
        method,
        headers: {
          Authorization: `bearer ${accessToken}`,
          Accept: 'application/vnd.vimeo.*+json;version=3.4',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch {
      // The fetch error says nothing useful to a client (and its cause is not passed on).
      throw vimeoUnavailable('Vimeo could not be reached; try again later');
    }
    const text = await response.text().catch(() => '');
    return { status: response.status, json: parseJson(text) };
  }

  return {
    /** Creates the Vimeo video with a tus upload of `size` bytes (Vimeo's `POST /me/videos`). */
    async createUpload(input: { name: string; description?: string; size: number }): Promise<VimeoUpload> {
      const { status, json } = await call('POST', '/me/videos', {
        upload: { approach: 'tus', size: input.size },
        name: input.name,
        ...(input.description ? { description: input.description } : {}),
      });
      if (status !== 200 && status !== 201)
        throw vimeoUnavailable(`Vimeo refused to create the upload (HTTP ${status}); try again later`);
      const answer = json as { uri?: unknown; upload?: { upload_link?: unknown } } | null;
      const videoId = typeof answer?.uri === 'string' ? /^\/videos\/(\d+)/.exec(answer.uri)?.[1] : undefined;
      const uploadLink = answer?.upload?.upload_link;
      if (!videoId || typeof uploadLink !== 'string' || !/^https?:\/\//.test(uploadLink)) {
        throw vimeoUnavailable('Vimeo answered without a video or an upload link; try again later');
      }
      return { videoId, uploadLink };
    },

    /** Changes a video's name, description or view privacy (`PATCH /videos/{id}`). */
    async updateVideo(videoId: string, changes: VimeoVideoChanges): Promise<void> {
      const { status } = await call('PATCH', `/videos/${encodeURIComponent(videoId)}`, {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        ...(changes.privacy !== undefined ? { privacy: { view: changes.privacy } } : {}),
      });
      if (status === 404) throw notFound('Vimeo video', videoId);
      if (status !== 200) throw vimeoUnavailable(`Vimeo refused to change the video (HTTP ${status}); try again later`);
    },

    /** Deletes the video at Vimeo (`DELETE /videos/{id}`); one already gone there counts as deleted. */
    async deleteVideo(videoId: string): Promise<void> {
      const { status } = await call('DELETE', `/videos/${encodeURIComponent(videoId)}`);
      if (status !== 204 && status !== 200 && status !== 404)
        throw vimeoUnavailable(`Vimeo refused to delete the video (HTTP ${status}); try again later`);
    },

    /** Where Vimeo's transcoding of a video stands (`GET /videos/{id}`). */
    async videoState(videoId: string): Promise<VimeoVideoState> {
      const { status, json } = await call(
        'GET',
        `/videos/${encodeURIComponent(videoId)}?fields=transcode.status,duration,pictures.base_link`,
      );
      if (status === 404) return { state: 'failed', reason: 'the video no longer exists on Vimeo' };
      if (status !== 200)
        throw vimeoUnavailable(`Vimeo could not report the video's state (HTTP ${status}); try again later`);
      const video = json as {
        transcode?: { status?: unknown };
        duration?: unknown;
        pictures?: { base_link?: unknown };
      } | null;
      const transcode = video?.transcode?.status;
      if (transcode === 'complete') {
        const duration = video?.duration;
        const thumbnail = video?.pictures?.base_link;
        return {
          state: 'ready',
          durationSeconds: typeof duration === 'number' && Number.isFinite(duration) && duration >= 0 ? duration : null,
          thumbnailUrl: typeof thumbnail === 'string' && /^https?:\/\//.test(thumbnail) ? thumbnail : null,
        };
      }
      if (transcode === 'error') return { state: 'failed', reason: 'Vimeo could not transcode the video' };
      return { state: 'processing' };
    },
  };
}

export type VimeoProvider = ReturnType<typeof createVimeoProvider>;

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}
