// 004's success envelope, {success: true, data}, as a schema and as a value.
import type { TSchema } from 'typebox';
import { Type } from 'typebox';

export const Envelope = <T extends TSchema>(data: T) => Type.Object({ success: Type.Literal(true), data });

export const ok = <T>(data: T) => ({ success: true as const, data });

/** A success without data (004's delete answers `{success, message}`). */
export const SuccessMessage = Type.Object({ success: Type.Literal(true), message: Type.String() });
