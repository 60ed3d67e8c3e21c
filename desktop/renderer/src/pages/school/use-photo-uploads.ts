// The photos of one rectification: each is checked, shrunk if large, and uploaded as soon as it is chosen
// (so the submit itself is quick), with its progress, its error and a retry. Files that are not images are
// refused before upload and listed in `refusals`.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../api/types';
import { preparePhoto, looksLikeImage } from './prepare-photo';
import { photoErrorText } from './upload-errors';
import { uploadPhoto, type UploadHandle } from './upload-photo';

/** The server takes at most 12 attachments per action. */
export const MAX_PHOTOS = 12;

export type PhotoStatus = 'preparing' | 'uploading' | 'done' | 'failed';

export interface PhotoItem {
  key: string;
  name: string;
  previewUrl: string;
  status: PhotoStatus;
  /** 0..1 while uploading. */
  progress: number;
  attachment?: Attachment;
  error?: string;
}

export interface PhotoUploads {
  items: PhotoItem[];
  refusals: string[];
  add(files: readonly File[]): void;
  remove(key: string): void;
  retry(key: string): void;
  clear(): void;
  attachmentIds: string[];
  busy: boolean;
}

let counter = 0;

export function usePhotoUploads(): PhotoUploads {
  const { t } = useTranslation('school');
  const [items, setItems] = useState<PhotoItem[]>([]);
  const [refusals, setRefusals] = useState<string[]>([]);
  const files = useRef(new Map<string, File>());
  const uploads = useRef(new Map<string, UploadHandle>());
  const previews = useRef(new Set<string>());

  const patch = useCallback((key: string, change: Partial<PhotoItem>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const start = useCallback(
    (key: string, file: File) => {
      patch(key, { status: 'preparing', progress: 0, error: undefined });
      void (async () => {
        try {
          const prepared = await preparePhoto(file);
          if (!files.current.has(key)) return;
          patch(key, { status: 'uploading' });
          const handle = uploadPhoto(prepared.blob, prepared.fileName, (progress) => patch(key, { progress }));
          uploads.current.set(key, handle);
          const attachment = await handle.done;
          patch(key, { status: 'done', progress: 1, attachment });
        } catch (error) {
          if (!files.current.has(key)) return;
          patch(key, { status: 'failed', error: photoErrorText(error, file.name, t) });
        } finally {
          uploads.current.delete(key);
        }
      })();
    },
    [patch, t],
  );

  const add = useCallback(
    (chosen: readonly File[]) => {
      const refused: string[] = [];
      const fresh: PhotoItem[] = [];
      let room = MAX_PHOTOS - files.current.size;
      for (const file of chosen) {
        if (!looksLikeImage(file)) {
          refused.push(t('errors.notImage', { name: file.name }));
          continue;
        }
        if (room <= 0) {
          refused.push(t('errors.tooMany', { max: MAX_PHOTOS }));
          break;
        }
        room -= 1;
        counter += 1;
        const key = `photo-${counter}`;
        const previewUrl = URL.createObjectURL(file);
        previews.current.add(previewUrl);
        files.current.set(key, file);
        fresh.push({ key, name: file.name, previewUrl, status: 'preparing', progress: 0 });
      }
      setRefusals(refused);
      if (fresh.length === 0) return;
      setItems((current) => [...current, ...fresh]);
      for (const item of fresh) start(item.key, files.current.get(item.key)!);
    },
    [start, t],
  );

  const remove = useCallback((key: string) => {
    uploads.current.get(key)?.abort();
    files.current.delete(key);
    setItems((current) => {
      const gone = current.find((item) => item.key === key);
      if (gone) {
        URL.revokeObjectURL(gone.previewUrl);
        previews.current.delete(gone.previewUrl);
      }
      return current.filter((item) => item.key !== key);
    });
  }, []);

  const retry = useCallback(
    (key: string) => {
      const file = files.current.get(key);
      if (file) start(key, file);
    },
    [start],
  );

  const clear = useCallback(() => {
    for (const handle of uploads.current.values()) handle.abort();
    for (const url of previews.current) URL.revokeObjectURL(url);
    uploads.current.clear();
    files.current.clear();
    previews.current.clear();
    setItems([]);
    setRefusals([]);
  }, []);

  useEffect(() => {
    const owned = previews.current;
    const running = uploads.current;
    return () => {
      for (const handle of running.values()) handle.abort();
      for (const url of owned) URL.revokeObjectURL(url);
    };
  }, []);

  const attachmentIds = items.flatMap((item) => (item.attachment ? [item.attachment.id] : []));
  const busy = items.some((item) => item.status === 'preparing' || item.status === 'uploading');
  return { items, refusals, add, remove, retry, clear, attachmentIds, busy };
}
