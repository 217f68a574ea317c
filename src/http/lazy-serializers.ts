// Response serializers compiled on a route's first answer with that status, not at start-up.
//
// Fastify compiles a fast-json-stringify serializer for every declared response of every route
// when the app starts: five surfaces declare thousands, each with an Ajv instance and generated
// code of its own, held for the life of the process although a given process answers few of
// them. Compiling on first use keeps the same serializer (same compiler, same options and shared
// schemas) and costs a few milliseconds once per route and status.
import type { SerializerFactory } from '@fastify/fast-json-stringify-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

export function lazySerializerFactory(): SerializerFactory {
  const eager = SerializerSelector();
  return (externalSchemas, options) => {
    const compile = eager(externalSchemas, options);
    return (route) => {
      let serialize: ((document: unknown) => string) | undefined;
      return (document) => (serialize ??= compile(route))(document);
    };
  };
}
