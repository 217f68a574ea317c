// Server-Sent Events answers (text/event-stream) for routes that stream, such as an assistant's
// answer token by token. The route checks and stores what it must first (failures there are
// ordinary error answers); once the stream is open the status is sent, so a later failure
// travels as an `error` event. A client that goes away aborts the producer through its signal.
import { PassThrough } from 'node:stream';

import type { FastifyReply } from 'fastify';

export type SendEvent = (event: string, data: unknown) => void;

/** The OpenAPI description of a streamed 200 answer. */
export const EventStreamResponse = (description: string) => ({
  description,
  content: { 'text/event-stream': { schema: { type: 'string', description: 'Server-Sent Events' } } },
});

export function sendEventStream(
  reply: FastifyReply,
  produce: (send: SendEvent, signal: AbortSignal) => Promise<void>,
  errorEvent: (error: unknown) => unknown,
): FastifyReply {
  const stream = new PassThrough();
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!stream.writableEnded) controller.abort();
  });
  const send: SendEvent = (event, data) => {
    if (!stream.writableEnded) stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  produce(send, controller.signal)
    .catch((error: unknown) => {
      if (!controller.signal.aborted) send('error', errorEvent(error));
    })
    .finally(() => stream.end());
  return reply
    .status(200)
    .header('content-type', 'text/event-stream; charset=utf-8')
    .header('cache-control', 'no-cache, no-transform')
    .header('x-accel-buffering', 'no')
    .send(stream);
}
