// Uploaded files (001's /files): stored under a generated key, typed by their bytes, hashed,
// visible to their owner (and admins) only.
import { randomUUID } from 'node:crypto';

import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { Storage } from '../../platform/storage/index.ts';
import { DOCUMENT_TYPES, sniffContentType } from './content-sniff.ts';
import { fileRepo } from './file.repo.ts';
import { emptyUpload, fileNotFound, typeNotAllowed } from './files.errors.ts';
import { canUseFile } from './files.policy.ts';
import type { FileRow } from './files.tables.ts';
import type { StoredFile, UploadFileInput } from './files.types.ts';
import { startIngest } from './ingest.ts';

export interface FileServiceDeps {
  database: DatabaseHandle;
  clock: Clock;
  storage: Storage;
  maxBytes: number;
}

export function createFileService({ database, clock, storage, maxBytes }: FileServiceDeps) {
  const { db } = database;

  async function findVisible(actor: Actor, id: string): Promise<FileRow> {
    const row = await fileRepo.findById(db, id);
    // Another user's file does not exist as far as the caller can tell.
    if (!row || !canUseFile(actor, row)) throw fileNotFound(id);
    return row;
  }

  return {
    async upload(actor: Actor, input: UploadFileInput): Promise<StoredFile> {
      const ingest = await startIngest(input.body, maxBytes);
      if (ingest.head.length === 0) throw emptyUpload();
      const sniffed = await sniffContentType(ingest.head, input.filename);
      if (!sniffed || !DOCUMENT_TYPES.has(sniffed.contentType)) {
        await ingest.discard();
        throw typeNotAllowed(sniffed?.contentType);
      }
      const key = `files/${actor.id}/${randomUUID()}.${sniffed.extension}`;
      await storage.put(key, ingest.body, { contentType: sniffed.contentType });
      try {
        const row = await fileRepo.insert(db, {
          owner_id: actor.id,
          original_name: cleanName(input.filename) || `upload.${sniffed.extension}`,
          storage_key: key,
          content_type: sniffed.contentType,
          size_bytes: ingest.size(),
          sha256: ingest.sha256(),
          purpose: input.purpose ?? 'general',
          created_at: clock.now(),
        });
        return toStoredFile(row);
      } catch (error) {
        await storage.delete(key).catch(() => undefined);
        throw error;
      }
    },

    async listMine(actor: Actor, page: PageRequest): Promise<Paged<StoredFile>> {
      const result = await fileRepo.listByOwner(db, actor.id, page);
      return { items: result.items.map(toStoredFile), total: result.total };
    },

    async get(actor: Actor, id: string): Promise<StoredFile> {
      return toStoredFile(await findVisible(actor, id));
    },

    async downloadUrl(actor: Actor, id: string): Promise<string> {
      const row = await findVisible(actor, id);
      return storage.signedDownloadUrl(row.storage_key, { filename: row.original_name, contentType: row.content_type });
    },

    /** For a module that has decided who may read the file (chat attachments: the room's members). */
    async signedUrlOf(id: string): Promise<string> {
      const row = await fileRepo.findById(db, id);
      if (!row) throw fileNotFound(id);
      return storage.signedDownloadUrl(row.storage_key, { filename: row.original_name, contentType: row.content_type });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const row = await findVisible(actor, id);
      await fileRepo.delete(db, row.id);
      await storage.delete(row.storage_key);
    },
  };
}

export type FileService = ReturnType<typeof createFileService>;

function toStoredFile(row: FileRow): StoredFile {
  return {
    ...row,
    size_bytes: Number(row.size_bytes),
    stored_name: row.storage_key.slice(row.storage_key.lastIndexOf('/') + 1),
  };
}

/** The client's file name without any path, control characters or excess length. */
export function cleanName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const printable = [...base].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('');
  return printable.trim().slice(0, 255);
}
