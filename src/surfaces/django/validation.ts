// The surface's own Ajv: DRF reports every invalid field of a body at once, so this scope
// validates with `allErrors` (the app's default stops at the first problem). Every string and
// array in 002's schemas is bounded, which keeps collecting all errors cheap.
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

// ajv-formats is CommonJS: its default export is the plugin function.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export function useAllErrorsValidation(app: FastifyInstance): void {
  const ajv = new Ajv({
    removeAdditional: false,
    coerceTypes: 'array',
    useDefaults: true,
    allErrors: true,
    addUsedSchema: false,
    strict: false,
  });
  addFormats(ajv);
  app.setValidatorCompiler(({ schema }) => ajv.compile(schema));
}
