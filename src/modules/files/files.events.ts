// Events the files module publishes, inside the transaction of the change they report.
import type { MediaPurpose } from './files.tables.ts';

declare module '../../platform/events/index.ts' {
  interface EventMap {
    /** A media asset's bytes were checked (and processed) and it can be served. */
    'files.media.ready': MediaReady;
    /** A media asset was refused or could not be processed; `reason` says why, for its uploader. */
    'files.media.failed': MediaFailed;
  }
}

interface MediaFacts {
  asset_id: string;
  owner_id: string;
  purpose: MediaPurpose;
  lesson_id: string | null;
  course_id: string | null;
}

export interface MediaReady extends MediaFacts {
  content_type: string;
  duration_seconds: number | null;
}

export interface MediaFailed extends MediaFacts {
  reason: string;
}
