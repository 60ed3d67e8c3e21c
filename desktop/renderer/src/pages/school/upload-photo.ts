// Uploads one photo to /api/attachments with progress. fetch() cannot report upload progress, so this is
// XMLHttpRequest; failures become the same ApiError the rest of the renderer reads.
import { ApiError } from '../../api/client';
import type { Attachment } from '../../api/types';

export interface UploadHandle {
  done: Promise<Attachment>;
  abort(): void;
}

function errorOf(xhr: XMLHttpRequest): ApiError {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { code?: string; message?: string; details?: unknown } };
    return new ApiError(xhr.status, body.error?.code ?? 'http_error', body.error?.message ?? xhr.statusText, body.error?.details);
  } catch {
    return new ApiError(xhr.status, 'http_error', xhr.statusText || `HTTP ${xhr.status}`);
  }
}

export function uploadPhoto(photo: Blob, fileName: string, onProgress: (ratio: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Attachment>((resolve, reject) => {
    xhr.open('POST', '/api/attachments?purpose=evidence');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201 || xhr.status === 200) resolve(JSON.parse(xhr.responseText) as Attachment);
      else {
        if (xhr.status === 401) window.dispatchEvent(new CustomEvent('cc:unauthenticated'));
        reject(errorOf(xhr));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'aborted'));
    const form = new FormData();
    form.append('file', photo, fileName);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
