// The in-process pub/sub: one process, no Redis. Messages go through JSON like Redis's, so a
// listener never shares (or mutates) the publisher's object.
import type { Listener, PubSub } from './index.ts';

export function createMemoryPubSub(): PubSub {
  const channels = new Map<string, Set<Listener>>();
  return {
    kind: 'memory',
    async publish(channel, message) {
      const listeners = channels.get(channel);
      if (!listeners || listeners.size === 0) return;
      const text = JSON.stringify(message);
      // Delivered after the publisher's turn, as a network round trip would be.
      queueMicrotask(() => {
        for (const listener of [...listeners]) listener(JSON.parse(text));
      });
    },
    async subscribe(channel, listener) {
      const listeners = channels.get(channel) ?? new Set<Listener>();
      channels.set(channel, listeners);
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
        if (listeners.size === 0) channels.delete(channel);
      };
    },
    async close() {
      channels.clear();
    },
  };
}
