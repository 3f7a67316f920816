/** The one way the web app talks to the server: JSON, the session cookie, CSRF header, language, errors. */
export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public field?: string,
    /** The whole error body, for answers that carry more than the message (an import's row errors). */
    public data?: unknown,
  ) {
    super(message);
  }
}

let csrfToken = '';
export const setCsrfToken = (t: string) => {
  csrfToken = t;
};
export const currentLang = () => (localStorage.getItem('zl_lang') === 'en' ? 'en' : 'zh-CN');

type TOpts = { idempotencyKey?: string; signal?: AbortSignal };

async function request<T>(method: string, path: string, body?: unknown, opts: TOpts = {}): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': currentLang() };
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'include',
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    signal: opts.signal,
  });
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, data.code ?? 'error', data.message ?? res.statusText, data.field, data);
  return data as T;
}

export const api = {
  get: <T>(path: string, opts?: TOpts) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: TOpts) => request<T>('POST', path, body ?? {}, opts),
  put: <T>(path: string, body?: unknown, opts?: TOpts) => request<T>('PUT', path, body ?? {}, opts),
  del: <T>(path: string) => request<T>('DELETE', path),
  /** A POST whose answer is a file (a PDF of several rating-code sheets). */
  postBlob: async (path: string, body: unknown): Promise<Blob> => {
    const res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': currentLang(), 'x-csrf-token': csrfToken },
      credentials: 'include',
      body: JSON.stringify(body),
    });
    if (!res.ok) {
      const data = await res.json().catch(() => ({}));
      throw new ApiError(res.status, data.code ?? 'error', data.message ?? res.statusText, data.field, data);
    }
    return res.blob();
  },
  upload: <T>(path: string, file: Blob, name = 'photo.jpg') => {
    const fd = new FormData();
    fd.append('file', file, name);
    return request<T>('POST', path, fd);
  },
};

/** A query string from an object, skipping empty values. */
export function qs(params: Record<string, unknown>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
