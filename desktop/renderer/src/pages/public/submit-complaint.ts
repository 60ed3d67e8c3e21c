// Files a complaint: JSON without a photo, multipart (form fields plus "photo") with one, as the server
// takes both. The photo is prepared like a school's evidence (large ones shrunk, non-images refused).
import { api, ApiError } from '../../api/client';
import type { ComplaintCategory, ComplaintFiled } from '../../api/types';
import { preparePhoto } from '../school/prepare-photo';

export interface ComplaintInput {
  schoolId: string;
  category: ComplaintCategory;
  text: string;
  contact?: string | undefined;
  photo?: File | undefined;
}

export async function submitComplaint(input: ComplaintInput): Promise<ComplaintFiled> {
  const fields = {
    schoolId: input.schoolId,
    category: input.category,
    text: input.text,
    ...(input.contact ? { contact: input.contact } : {}),
  };
  if (!input.photo) return api.post<ComplaintFiled>('/api/public/complaints', fields);

  const photo = await preparePhoto(input.photo);
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('photo', photo.blob, photo.fileName);
  let response: Response;
  try {
    response = await fetch('/api/public/complaints', { method: 'POST', credentials: 'same-origin', body: form });
  } catch (error) {
    throw new ApiError(0, 'network', (error as Error).message);
  }
  const body = (await response.json().catch(() => undefined)) as
    (ComplaintFiled & { error?: { code?: string; message?: string; details?: unknown } }) | undefined;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'http_error',
      body?.error?.message ?? response.statusText,
      body?.error?.details,
    );
  }
  return body as ComplaintFiled;
}
