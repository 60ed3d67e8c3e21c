// Snapshots taken from the wall's tiles: kept by the server as attachments (POST /api/cameras/:id/snapshots),
// listed newest first for this session, each viewable and downloadable through /api/attachments/:id.
import { useState } from 'react';
import { api } from '../../api/client';
import type { CapturedSnapshot } from '../../api/types';
import type { WallCamera } from './wall-state';

export interface TakenSnapshot extends CapturedSnapshot {
  camera: Pick<WallCamera, 'id' | 'name'>;
}

export interface Snapshots {
  list: TakenSnapshot[];
  taking: boolean;
  error: string | null;
  take: (camera: WallCamera) => Promise<void>;
  dismiss: () => void;
}

const KEEP = 12;

export function useSnapshots(): Snapshots {
  const [list, setList] = useState<TakenSnapshot[]>([]);
  const [taking, setTaking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return {
    list,
    taking,
    error,
    take: async (camera) => {
      setTaking(true);
      setError(null);
      try {
        const shot = await api.post<CapturedSnapshot>(`/api/cameras/${camera.id}/snapshots`);
        setList((previous) => [{ ...shot, camera: { id: camera.id, name: camera.name } }, ...previous].slice(0, KEEP));
      } catch (failure) {
        setError((failure as Error).message);
      } finally {
        setTaking(false);
      }
    },
    dismiss: () => {
      setList([]);
      setError(null);
    },
  };
}
