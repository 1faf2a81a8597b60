/**
 * The one way the web app talks to the server: JSON over fetch, the CSRF header on every unsafe
 * request, and every failure turned into an ApiError carrying the server's error body.
 */

import { noteSessionEndsIn, SESSION_ENDS_HEADER } from './session-clock';

export const API_PREFIX = '/api/v1';

/**
 * One field the server refused, with its path relative to the body (e.g. `phone`), the English
 * words, and for Kindred's own words a stable code and its numbers (said in the reader's language
 * by the web, ADR 0051).
 */
export interface FieldError {
  path: string;
  message: string;
  code?: string;
  values?: Record<string, number>;
}

/** The server's error body, as mapped in one place on the server. */
export interface ErrorBody {
  error: string;
  message: string;
  reason?: string;
  fields?: FieldError[];
  requestId?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly reason: string | undefined;
  readonly fields: FieldError[];
  readonly requestId: string | undefined;
  /** The whole error body, for refusals that carry more than a message (e.g. likely duplicates). */
  readonly body: Readonly<Record<string, unknown>>;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.error;
    this.reason = body.reason;
    // The server names fields by where they were found (`body.phone`); forms know them as `phone`.
    this.fields = (body.fields ?? []).map((f) => ({ ...f, path: f.path.replace(/^(body|query|params)\.?/, '') }));
    this.requestId = body.requestId;
    this.body = { ...body };
  }

  /** True when the caller is not signed in (or the session ended). */
  get isUnauthenticated(): boolean {
    return this.status === 401;
  }
}

/** A status 0 error: the request never got an answer. */
export const NETWORK_ERROR: ErrorBody = {
  error: 'network',
  message: 'Could not reach Kindred. Check your connection and try again.',
};

let csrfToken: string | null = null;

/** Remembers the session's CSRF token (from sign-in or GET /me) for unsafe requests. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return (await requestWithHeaders<T>(method, path, body)).data;
}

async function requestWithHeaders<T>(
  method: Method,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<{ data: T; headers: Headers }> {
  // A file (a recording, ADR 0056) goes as it is, streamed by the browser; anything else as JSON.
  const file = typeof Blob !== 'undefined' && body instanceof Blob ? body : null;
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['content-type'] = file ? file.type || 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(API_PREFIX + path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: file ?? JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR);
  }
  // Every signed-in answer says how long the session lasts if left idle (ADR 0035).
  const endsIn = res.headers.get(SESSION_ENDS_HEADER);
  if (endsIn) noteSessionEndsIn(Number(endsIn));
  const text = await res.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) throw new ApiError(res.status, asErrorBody(parsed, res.status));
  return { data: parsed as T, headers: res.headers };
}

/** One page of a paged list (issue #12): the rows, and the cursor of the next page (null on the last). */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function asErrorBody(value: unknown, status: number): ErrorBody {
  if (value && typeof value === 'object' && 'message' in value && typeof value.message === 'string') {
    return value as ErrorBody;
  }
  return { error: 'http_' + status, message: `Something went wrong (status ${status}). Try again.` };
}

/** Builds a query string from the defined values, e.g. `?status=active&limit=50`. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const api = {
  get: <T>(path: string): Promise<T> => request<T>('GET', path),
  /** A paged list: the rows, with the next page's cursor from the `X-Next-Cursor` header. */
  getPage: async <T>(path: string, before?: string | null): Promise<ListPage<T>> => {
    const sep = path.includes('?') ? '&' : '?';
    const { data, headers } = await requestWithHeaders<T[]>(
      'GET',
      before ? `${path}${sep}before=${encodeURIComponent(before)}` : path,
    );
    return { items: data, nextCursor: headers.get('x-next-cursor') };
  },
  post: <T>(path: string, body: unknown = {}): Promise<T> => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown): Promise<T> => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown): Promise<T> => request<T>('PATCH', path, body),
  delete: <T>(path: string): Promise<T> => request<T>('DELETE', path),
  /** A file as the request's body, with the headers the route reads (e.g. the file's name). */
  upload: async <T>(path: string, file: Blob, headers: Record<string, string> = {}): Promise<T> =>
    (await requestWithHeaders<T>('POST', path, file, headers)).data,
};
