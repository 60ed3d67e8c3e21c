// A city administrator edits a camera: name, area, public flag, codec and (write-only) stream addresses.
import type { DomainContext } from '../../context';
import { runInTransaction } from '../../db/unit-of-work';
import { conflict, notFound } from '../../errors';
import type { Caller } from '../../policy/actor';

export interface CameraUpdate {
  version: number;
  name?: string | undefined;
  area?: string | undefined;
  isPublic?: boolean | undefined;
  codec?: string | undefined;
  connected?: boolean | undefined;
  streamUrl?: string | undefined;
  substreamUrl?: string | null | undefined;
}

const VISIBLE = { name: 'name', area: 'area', isPublic: 'is_public', codec: 'codec', connected: 'ingest' } as const;
const SECRET = { streamUrl: 'stream_url', substreamUrl: 'substream_url' } as const;

export async function updateCamera(ctx: DomainContext, caller: Caller, cameraId: string, input: CameraUpdate): Promise<number> {
  return runInTransaction(ctx, caller, async (uow) => {
    const current = (await uow.trx('cameras').where({ id: cameraId }).forUpdate().first('version', 'scope_path')) as
      { version: number; scope_path: string } | undefined;
    if (!current) throw notFound('camera');
    if (current.version !== input.version) {
      throw conflict('stale_version', 'The camera was changed by someone else; reload and try again', { version: current.version });
    }
    const changes: Record<string, unknown> = {};
    const visible: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(VISIBLE)) {
      const value = input[field as keyof typeof VISIBLE];
      if (value === undefined) continue;
      changes[column] = value;
      visible[field] = value;
    }
    const secretFields: string[] = [];
    for (const [field, column] of Object.entries(SECRET)) {
      const value = input[field as keyof typeof SECRET];
      if (value === undefined) continue;
      changes[column] = value;
      secretFields.push(field);
    }
    const version = current.version + 1;
    await uow
      .trx('cameras')
      .where({ id: cameraId })
      .update({ ...changes, version, updated_at: ctx.now() });
    // Events and audit name which secret fields changed, never their values.
    uow.emit({
      type: 'camera.updated',
      subject: { type: 'camera', id: cameraId },
      scopePaths: [current.scope_path],
      payload: { changes: visible, streamChanged: secretFields.length > 0, version },
    });
    uow.audit({
      action: 'camera.update',
      targetType: 'camera',
      targetId: cameraId,
      scopePath: current.scope_path,
      details: { ...visible, secretFields },
    });
    return version;
  });
}
