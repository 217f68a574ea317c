// The files module's domain errors, with stable codes.
import { DomainError } from '../../platform/errors.ts';

export const fileNotFound = (id: string) => new DomainError('not_found', 'FILES_NOT_FOUND', `File ${id} not found`);
export const assetNotFound = (id: string) =>
  new DomainError('not_found', 'MEDIA_ASSET_NOT_FOUND', `Media asset ${id} not found`);
export const emptyUpload = () =>
  new DomainError('validation', 'FILES_EMPTY', 'The uploaded file is empty', {
    details: [{ field: 'file', message: 'The uploaded file is empty' }],
  });
export const typeNotAllowed = (type: string | undefined) =>
  new DomainError(
    'unsupported_media_type',
    'FILES_TYPE_NOT_ALLOWED',
    type ? `Files of type ${type} are not accepted` : 'This kind of file is not accepted',
  );
export const sizeOutOfRange = (field: string, min: number, max: number) =>
  new DomainError('validation', 'FILES_SIZE_OUT_OF_RANGE', `${field} must be between ${min} and ${max} bytes`, {
    details: [{ field, message: `must be between ${min} and ${max} bytes` }],
  });
export const declaredTypeNotAllowed = (field: string, type: string) =>
  new DomainError('validation', 'FILES_TYPE_NOT_ALLOWED', `Content type ${type} is not accepted`, {
    details: [{ field, message: `content type ${type} is not accepted` }],
  });
export const uploadNotReceived = (id: string) =>
  new DomainError('conflict', 'MEDIA_UPLOAD_MISSING', `Nothing has been uploaded for media asset ${id} yet`);
export const uploadExpired = (id: string) =>
  new DomainError('expired', 'MEDIA_UPLOAD_EXPIRED', `The upload window of media asset ${id} has closed`);
