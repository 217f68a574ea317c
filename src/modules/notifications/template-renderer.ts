// Renders templates with LiquidJS: an interpreter (no code generation, so a template cannot run
// code), own properties only, no file system (includes resolve against an empty in-memory map),
// and limits on parse size, render time and memory so an admin's override cannot stall a worker.
// HTML parts escape every output; subjects and text parts are plain text and are not escaped.
import { Liquid } from 'liquidjs';

import { invalidTemplate } from './notifications.errors.ts';
import type { Rendered, TemplateContent } from './notifications.types.ts';

const LIMITS = { parseLimit: 100_000, renderLimit: 1_000, memoryLimit: 10_000_000 };
const COMMON = { templates: {}, ownPropertyOnly: true, strictFilters: true, cache: 200, ...LIMITS } as const;

const html = new Liquid({ ...COMMON, outputEscape: 'escape' });
const plain = new Liquid({ ...COMMON });

export interface TemplateRenderer {
  render(content: TemplateContent, data: Record<string, unknown>): Promise<Rendered>;
  /** Throws NOTIFY_INVALID_TEMPLATE when a part does not parse (before an override is saved). */
  check(content: TemplateContent): void;
}

export function createTemplateRenderer(globals: Record<string, unknown>): TemplateRenderer {
  return {
    async render(content, data) {
      const scope = { ...globals, ...data };
      try {
        const [subject, text, body] = await Promise.all([
          content.subject === null ? null : plain.parseAndRender(content.subject, scope),
          plain.parseAndRender(content.text, scope),
          content.html === null ? null : html.parseAndRender(content.html, scope),
        ]);
        // A subject is one line: a value with a line break must not add mail headers.
        return { subject: subject === null ? null : subject.replace(/[\r\n]+/g, ' ').trim(), text, html: body };
      } catch (error) {
        throw invalidTemplate(error instanceof Error ? error.message.split('\n')[0]! : String(error));
      }
    },
    check(content) {
      try {
        if (content.subject !== null) plain.parse(content.subject);
        plain.parse(content.text);
        if (content.html !== null) html.parse(content.html);
      } catch (error) {
        throw invalidTemplate(error instanceof Error ? error.message.split('\n')[0]! : String(error));
      }
    },
  };
}
