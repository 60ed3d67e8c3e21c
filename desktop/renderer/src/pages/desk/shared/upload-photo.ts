// A photo attached to a new task or notice is uploaded first (at the operator's own node, so the task's
// receivers see it through the task) and then named by id in the dispatch.
import { api } from '../../../api/client';
import type { Attachment } from '../../../api/types';

export async function uploadPhotos(file: File | null): Promise<string[]> {
  if (!file) return [];
  const stored = await api.upload<Attachment>('/api/attachments', file, file.name, { purpose: 'evidence' });
  return [stored.id];
}
