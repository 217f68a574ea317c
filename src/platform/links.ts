// Every public address Lectern hands out (in mails, JSON answers, signed URLs) comes from here,
// so no module writes `/api/v1/...` itself and a path changes in one place.
export interface Links {
  /** An address of this API: PUBLIC_URL + path (+ query). */
  api(path: string, query?: Record<string, string>): string;
  /** A page meant for a person (mail links): the configured frontend, else Lectern's own page. */
  page(path: string, query?: Record<string, string>): string;
  verifyEmail(token: string, email?: string): string;
  resetPassword(token: string): string;
  confirmEmailChange(token: string): string;
  certificateVerification(code: string): string;
  /** The stable address of an avatar (it redirects to a fresh signed link). */
  avatar(assetId: string): string;
  hlsPlaylist(assetId: string): string;
}

/** Where the local storage adapter's signed links point (a platform route). */
export const STORAGE_OBJECTS_PATH = '/api/v1/storage/objects/';
/** Where tus resumable uploads live (a platform route; the upload id follows). */
export const TUS_UPLOADS_PATH = '/api/v1/uploads/tus';

export function createLinks(settings: { publicUrl: string; appUrl?: string | undefined }): Links {
  const withQuery = (base: string, query?: Record<string, string>) =>
    query && Object.keys(query).length > 0 ? `${base}?${new URLSearchParams(query).toString()}` : base;
  const api = (path: string, query?: Record<string, string>) => withQuery(`${settings.publicUrl}${path}`, query);
  const page = (path: string, query?: Record<string, string>) =>
    withQuery(`${settings.appUrl ?? settings.publicUrl}${path}`, query);
  return {
    api,
    page,
    verifyEmail: (token, email) => page('/verify-email', email ? { token, email } : { token }),
    resetPassword: (token) => page('/reset-password', { token }),
    confirmEmailChange: (token) => page('/confirm-email-change', { token }),
    certificateVerification: (code) => api(`/api/v1/certificates/verify/${encodeURIComponent(code)}`),
    avatar: (assetId) => api(`/api/v1/avatars/${assetId}`),
    hlsPlaylist: (assetId) => api(`/api/v1/media-assets/${assetId}/hls.m3u8`),
  };
}
