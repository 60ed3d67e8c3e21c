// Transport for reading settings in force at your node and (city administrators) changing them there.
// Writes carry the version read, so two administrators editing at once do not silently overwrite each other.
import { z } from 'zod';
import { runInTransaction } from '../db/unit-of-work';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { requireScopedActor } from '../policy/policy';
import { schoolCalendarRoutes } from './calendar-routes';
import { effectiveSettings } from './queries';
import { SETTINGS, SETTING_KEYS } from './registry';
import { settingVersionsAt, writeSetting } from './setting-version';

/** The version of the setting kept at your own node (null when it keeps none): send it back with a change. */
const Version = z.string().nullable();

const SettingList = z.object({
  items: z.array(
    z.object({
      key: z.enum(SETTING_KEYS),
      value: z.unknown(),
      definedAt: z.string().nullable(),
      description: z.string(),
      version: Version,
    }),
  ),
});

export function settingsRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/settings',
      summary: 'Settings in force at your node, and the node that set each',
      tags: ['settings'],
      action: 'settings.read',
      node: 'actor',
      response: SettingList,
      handler: async ({ ctx, actor }) => {
        const node = requireScopedActor(actor).node;
        const [settings, versions] = await Promise.all([effectiveSettings(ctx.db, node.path), settingVersionsAt(ctx.db, node.id)]);
        return { items: settings.map((setting) => ({ ...setting, version: versions.get(setting.key) ?? null })) };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/settings/:key',
      summary: 'Set a setting at your node (it applies to everything beneath it)',
      tags: ['settings'],
      action: 'settings.manage',
      node: 'actor',
      params: z.strictObject({ key: z.enum(SETTING_KEYS) }),
      body: z.strictObject({ value: z.unknown(), version: Version }),
      errors: [409],
      response: z.object({ key: z.enum(SETTING_KEYS), value: z.unknown(), version: z.string() }),
      handler: async ({ ctx, actor, caller, params, body }) => {
        const value: unknown = SETTINGS[params.key].schema.parse(body.value);
        const node = requireScopedActor(actor).node;
        const version = await runInTransaction(ctx, caller, async (uow) => {
          const userId = actor.kind === 'user' ? actor.id : null;
          const what = `The setting ${params.key}`;
          const written = await writeSetting(uow.trx, { nodeId: node.id, key: params.key, value, userId, expected: body.version, what });
          uow.audit({ action: 'settings.update', targetType: 'setting', targetId: params.key, scopePath: node.path, details: { value } });
          uow.emit({
            type: 'settings.updated',
            subject: { type: 'setting', id: params.key },
            scopePaths: [node.path],
            // A setting applies to everything beneath the node: tell them too.
            downTo: [node.path],
            payload: { key: params.key, value },
          });
          return written;
        });
        // This process's cache at once; the others when the event reaches them.
        ctx.settings.clear();
        return { key: params.key, value, version };
      },
    }),
    ...schoolCalendarRoutes(),
  ];
}
