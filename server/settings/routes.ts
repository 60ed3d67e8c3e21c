// Transport for reading settings in force at your node and (city administrators) changing them there.
import { z } from 'zod';
import { runInTransaction } from '../db/unit-of-work';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { requireScopedActor } from '../policy/policy';
import { schoolCalendarRoutes } from './calendar-routes';
import { effectiveSettings } from './queries';
import { SETTINGS, SETTING_KEYS } from './registry';

const SettingList = z.object({
  items: z.array(z.object({ key: z.enum(SETTING_KEYS), value: z.unknown(), definedAt: z.string().nullable(), description: z.string() })),
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
      handler: async ({ ctx, actor }) => ({ items: await effectiveSettings(ctx.db, requireScopedActor(actor).node.path) }),
    }),
    defineRoute({
      method: 'put',
      path: '/api/settings/:key',
      summary: 'Set a setting at your node (it applies to everything beneath it)',
      tags: ['settings'],
      action: 'settings.manage',
      node: 'actor',
      params: z.strictObject({ key: z.enum(SETTING_KEYS) }),
      body: z.strictObject({ value: z.unknown() }),
      response: z.object({ key: z.enum(SETTING_KEYS), value: z.unknown() }),
      handler: async ({ ctx, actor, caller, params, body }) => {
        const value: unknown = SETTINGS[params.key].schema.parse(body.value);
        const node = requireScopedActor(actor).node;
        await runInTransaction(ctx, caller, async (uow) => {
          await uow.trx.raw(
            `INSERT INTO jurisdiction_settings (jurisdiction_id, key, value, updated_at, updated_by) VALUES (?, ?, ?::jsonb, now(), ?)
             ON CONFLICT (jurisdiction_id, key) DO UPDATE SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by`,
            [node.id, params.key, JSON.stringify(value), actor.kind === 'user' ? actor.id : null],
          );
          uow.audit({ action: 'settings.update', targetType: 'setting', targetId: params.key, scopePath: node.path, details: { value } });
          uow.emit({
            type: 'settings.updated',
            subject: { type: 'setting', id: params.key },
            scopePaths: [node.path],
            // A setting applies to everything beneath the node: tell them too.
            downTo: [node.path],
            payload: { key: params.key, value },
          });
        });
        // This process's cache at once; the others when the event reaches them.
        ctx.settings.clear();
        return { key: params.key, value };
      },
    }),
    ...schoolCalendarRoutes(),
  ];
}
