// Every call the console makes goes through here: the key manager's API with MOSIP's envelope, and the device
// server's admin API, each with the signed-in user's bearer token. The console has no API of its own.

/** A refusal or failure the user should read: the API's error code and message, never a stack trace. */
export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number) {
    super(message);
  }
}

export interface Credentials {
  /** The bearer token for the key manager. */
  token(): string | null;
  /** The bearer token for the device server (the same one when both trust the same identity provider). */
  deviceToken(): string | null;
  /** Called when a server says the token is no longer good (401): the console signs out. */
  expired(): void;
}

let credentials: Credentials | null = null;

export function useCredentials(c: Credentials): void {
  credentials = c;
}

const KEYMANAGER = '/v1/keymanager';

type Query = Record<string, string | number | boolean | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function headers(token: string | null, reason?: string, json = false): Headers {
  const h = new Headers({ Accept: 'application/json' });
  if (token) h.set('Authorization', `Bearer ${token}`);
  if (json) h.set('Content-Type', 'application/json');
  // The reason is the operator's words for the audit record; it travels in a header so every endpoint gets it alike.
  if (reason) h.set('X-Kavach-Reason', reason.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 200));
  return h;
}

interface MosipEnvelope<T> {
  response?: T | null;
  errors?: { errorCode: string; message: string }[] | null;
}

async function send(url: string, init: RequestInit, keyManager: boolean): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, credentials: 'omit', cache: 'no-store', redirect: 'error' });
  } catch {
    throw new ApiError('NETWORK', 'The server could not be reached.', 0);
  }
  // A refused key-manager token ends the session; the device server's refusal only asks for its own token again.
  if (response.status === 401 && keyManager) credentials?.expired();
  return response;
}

async function readMosip<T>(response: Response): Promise<T> {
  let body: MosipEnvelope<T> | null = null;
  try {
    body = (await response.json()) as MosipEnvelope<T>;
  } catch {
    throw new ApiError(`HTTP-${response.status}`, `The key manager answered ${response.status} without a readable body.`, response.status);
  }
  // MOSIP reports most refusals with HTTP 200 and an error list: the list decides, not the status.
  const error = body?.errors?.[0];
  if (error) throw new ApiError(error.errorCode, error.message, response.status);
  if (!response.ok || body?.response === undefined || body.response === null) {
    throw new ApiError(`HTTP-${response.status}`, `The key manager answered ${response.status}.`, response.status);
  }
  return body.response;
}

/** GET on the key manager's API; the envelope's response. */
export async function kmGet<T>(path: string, query?: Query): Promise<T> {
  const response = await send(withQuery(KEYMANAGER + path, query), { method: 'GET', headers: headers(credentials?.token() ?? null) }, true);
  return readMosip<T>(response);
}

/** POST/PUT on the key manager's API inside MOSIP's request envelope. */
export async function kmSend<T>(method: 'POST' | 'PUT', path: string, request: unknown, reason?: string): Promise<T> {
  const envelope = { id: 'kavach.console', version: 'v1', requesttime: new Date().toISOString(), metadata: {}, request };
  const response = await send(KEYMANAGER + path, {
    method,
    headers: headers(credentials?.token() ?? null, reason, true),
    body: JSON.stringify(envelope),
  }, true);
  return readMosip<T>(response);
}

/** GET on the key manager that answers a file (the audit export): its bytes. */
export async function kmDownload(path: string, query?: Query): Promise<Blob> {
  const response = await send(withQuery(KEYMANAGER + path, query), { method: 'GET', headers: headers(credentials?.token() ?? null) }, true);
  if (!response.ok) throw new ApiError(`HTTP-${response.status}`, `The export failed (${response.status}).`, response.status);
  return response.blob();
}

let deviceServer: string | null = null;

export function useDeviceServer(url: string | null): void {
  deviceServer = url ? url.replace(/\/+$/, '') : null;
}

export function hasDeviceServer(): boolean {
  return deviceServer !== null;
}

async function readDevice<T>(response: Response): Promise<T> {
  let body: unknown = null;
  const text = await response.text();
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError(`HTTP-${response.status}`, `The device server answered ${response.status} without a readable body.`, response.status);
    }
  }
  if (!response.ok) {
    const error = body as { errorCode?: string; message?: string } | null;
    throw new ApiError(error?.errorCode ?? `HTTP-${response.status}`, error?.message ?? `The device server answered ${response.status}.`, response.status);
  }
  return body as T;
}

/** GET on the device server's admin API. */
export async function devGet<T>(path: string, query?: Query): Promise<T> {
  if (!deviceServer) throw new ApiError('NO-DEVICE-SERVER', 'No device server is configured.', 0);
  const response = await send(withQuery(deviceServer + path, query), { method: 'GET', headers: headers(credentials?.deviceToken() ?? null) }, false);
  return readDevice<T>(response);
}

/** POST on the device server's admin API. */
export async function devPost<T>(path: string, body: unknown, reason?: string): Promise<T> {
  if (!deviceServer) throw new ApiError('NO-DEVICE-SERVER', 'No device server is configured.', 0);
  const response = await send(deviceServer + path, {
    method: 'POST',
    headers: headers(credentials?.deviceToken() ?? null, reason, true),
    body: JSON.stringify(body ?? {}),
  }, false);
  return readDevice<T>(response);
}
