// Templates: the built-in set, admins' overrides (read, override, reset), and rendering.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle, Executor } from '../../platform/db/index.ts';
import { channelNotSupported, invalidChannel, templateNotFound } from './notifications.errors.ts';
import { assertAdmin } from './notifications.policy.ts';
import type {
  Channel,
  Rendered,
  TemplateChannelView,
  TemplateContent,
  TemplateDetail,
  TemplateSummary,
} from './notifications.types.ts';
import { CHANNELS } from './notifications.types.ts';
import { templateRepo } from './template.repo.ts';
import type { TemplateRenderer } from './template-renderer.ts';
import type { BuiltinTemplate, Category } from './templates.catalog.ts';
import { BUILTIN_BY_NAME, BUILTIN_TEMPLATES } from './templates.catalog.ts';

/** A template resolved for one channel: what to render and how preferences apply. */
export interface ResolvedTemplate {
  builtin: BuiltinTemplate;
  channel: Channel;
  category: Category | null;
  content: TemplateContent;
}

export function asChannel(channel: string): Channel {
  if (!(CHANNELS as readonly string[]).includes(channel)) throw invalidChannel(channel);
  return channel as Channel;
}

export function builtinTemplate(name: string): BuiltinTemplate {
  const builtin = BUILTIN_BY_NAME.get(name);
  if (!builtin)
    throw templateNotFound(
      name,
      BUILTIN_TEMPLATES.map((t) => t.name),
    );
  return builtin;
}

function channelVersion(builtin: BuiltinTemplate, channel: Channel) {
  const version = builtin.channels[channel];
  if (!version) throw channelNotSupported(builtin.name, channel, Object.keys(builtin.channels));
  return version;
}

export function createTemplateService({
  database,
  clock,
  renderer,
}: {
  database: DatabaseHandle;
  clock: Clock;
  renderer: TemplateRenderer;
}) {
  async function resolve(
    name: string,
    channelName: string,
    executor: Executor = database.db,
  ): Promise<ResolvedTemplate> {
    const channel = asChannel(channelName);
    const builtin = builtinTemplate(name);
    const version = channelVersion(builtin, channel);
    const override = await templateRepo.find(executor, name, channel);
    const content = override
      ? { subject: override.subject, text: override.body_text, html: override.body_html }
      : { subject: version.subject, text: version.text, html: version.html };
    return { builtin, channel, category: version.category, content };
  }

  function render(content: TemplateContent, data: Record<string, unknown>): Promise<Rendered> {
    return renderer.render(content, data);
  }

  async function get(actor: Actor, name: string): Promise<TemplateDetail> {
    assertAdmin(actor);
    const builtin = builtinTemplate(name);
    const overrides = await templateRepo.listFor(database.db, name);
    const versions: TemplateChannelView[] = (Object.keys(builtin.channels) as Channel[]).map((channel) => {
      const version = builtin.channels[channel]!;
      const override = overrides.find((o) => o.channel === channel);
      return override
        ? {
            channel,
            category: version.category,
            overridden: true,
            updated_at: override.updated_at,
            subject: override.subject,
            text: override.body_text,
            html: override.body_html,
          }
        : {
            channel,
            category: version.category,
            overridden: false,
            updated_at: null,
            subject: version.subject,
            text: version.text,
            html: version.html,
          };
    });
    return {
      name: builtin.name,
      description: builtin.description,
      group: builtin.group,
      channels: Object.keys(builtin.channels) as Channel[],
      always_sent: builtin.alwaysSent,
      variables: builtin.variables,
      versions,
    };
  }

  return {
    resolve,
    render,

    async list(actor: Actor): Promise<TemplateSummary[]> {
      assertAdmin(actor);
      const overrides = await templateRepo.listAll(database.db);
      return BUILTIN_TEMPLATES.map((builtin) => ({
        name: builtin.name,
        description: builtin.description,
        group: builtin.group,
        channels: Object.keys(builtin.channels) as Channel[],
        always_sent: builtin.alwaysSent,
        overridden: overrides.filter((o) => o.name === builtin.name).map((o) => o.channel),
      }));
    },

    get,

    async override(actor: Actor, name: string, channelName: string, content: TemplateContent): Promise<TemplateDetail> {
      assertAdmin(actor);
      const channel = asChannel(channelName);
      channelVersion(builtinTemplate(name), channel);
      // Email needs a subject and may have HTML; SMS and push have no HTML part.
      const stored: TemplateContent = {
        subject: channel === 'sms' ? null : content.subject,
        text: content.text,
        html: channel === 'email' ? content.html : null,
      };
      renderer.check(stored);
      await templateRepo.upsert(database.db, name, channel, stored, actor.id, clock.now());
      return get(actor, name);
    },

    async reset(actor: Actor, name: string, channelName: string): Promise<TemplateDetail> {
      assertAdmin(actor);
      const channel = asChannel(channelName);
      channelVersion(builtinTemplate(name), channel);
      await templateRepo.remove(database.db, name, channel);
      return get(actor, name);
    },
  };
}

export type TemplateService = ReturnType<typeof createTemplateService>;
