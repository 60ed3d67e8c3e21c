// The HTTP client: same-origin JSON under /api with the session cookie. Every failure becomes an ApiError
// carrying the server's { error: { code, message, details } } so views can show what went wrong.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | boolean | null | undefined | readonly (string | number)[]>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value as (string | number)[]) params.append(key, String(item));
    else params.set(key, String(value as string | number | boolean));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function parse<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? response.statusText, error?.details);
  }
  return body as T;
}

async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, 'network', (error as Error).message);
  }
  if (response.status === 401) window.dispatchEvent(new CustomEvent('cc:unauthenticated'));
  return parse<T>(response);
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body ?? {}, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** Uploads one file as multipart field "file". */
  async upload<T>(path: string, file: Blob, fileName: string, query?: Query): Promise<T> {
    const form = new FormData();
    form.append('file', file, fileName);
    let response: Response;
    try {
      response = await fetch(withQuery(path, query), { method: 'POST', credentials: 'same-origin', body: form });
    } catch (error) {
      throw new ApiError(0, 'network', (error as Error).message);
    }
    return parse<T>(response);
  },
};

/** A fresh key for a POST that must not be applied twice when retried. */
export const idempotencyKey = (): string => crypto.randomUUID();
