// Who is signed in. The key manager's token lives in this tab's sessionStorage only (gone when the tab closes), never
// in a cookie the browser would send by itself, so no other site can make the console act. Two ways in: the local
// administrator's token (the embedded default prints where it is), or the deployment's OIDC provider with the
// authorization code flow and PKCE (oidc-client-ts), the way Keycloak serves MOSIP's own portals.
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { ApiError, kmGet, useCredentials } from './api';
import type { ConsoleConfig, Session } from './types';

const TOKEN = 'kavach.console.token';
const DEVICE_TOKEN = 'kavach.console.deviceToken';

type Listener = (session: Session | null) => void;

let current: Session | null = null;
const listeners = new Set<Listener>();
let oidc: UserManager | null = null;

function publish(session: Session | null): void {
  current = session;
  for (const listener of listeners) listener(session);
}

useCredentials({
  token: () => sessionStorage.getItem(TOKEN),
  deviceToken: () => sessionStorage.getItem(DEVICE_TOKEN) ?? sessionStorage.getItem(TOKEN),
  expired: () => signOut(),
});

export function onSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True when the signed-in caller passes the API's rule (the API decides anyway; this only hides what it would refuse). */
export function may(rule: string): boolean {
  return current?.allowedRules.some((r) => r.toLowerCase() === rule.toLowerCase()) ?? false;
}

export function configureOidc(config: ConsoleConfig): boolean {
  if (!config.oidc) return false;
  const redirect = `${location.origin}/console/`;
  oidc = new UserManager({
    authority: config.oidc.authority,
    client_id: config.oidc.clientId,
    scope: config.oidc.scope,
    redirect_uri: redirect,
    post_logout_redirect_uri: redirect,
    response_type: 'code',
    loadUserInfo: false,
    automaticSilentRenew: false,
    monitorSession: false,
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
  });
  return true;
}

async function establish(token: string): Promise<Session> {
  sessionStorage.setItem(TOKEN, token);
  try {
    const who = await kmGet<Session>('/session');
    publish(who);
    return who;
  } catch (e) {
    sessionStorage.removeItem(TOKEN);
    publish(null);
    throw e;
  }
}

/** Signs in with a token the operator pastes (the local administrator's, or any token the API accepts). */
export function signInWithToken(token: string): Promise<Session> {
  const trimmed = token.trim();
  if (!trimmed) return Promise.reject(new ApiError('EMPTY', 'Paste a token first.', 0));
  return establish(trimmed);
}

export async function signInWithOidc(): Promise<void> {
  if (!oidc) throw new ApiError('NO-OIDC', 'No identity provider is configured.', 0);
  await oidc.signinRedirect();
}

/** Finishes an OIDC redirect when the page was opened with one; otherwise resumes this tab's session, if any. */
export async function resume(): Promise<Session | null> {
  const query = new URLSearchParams(location.search);
  if (oidc && query.has('state') && (query.has('code') || query.has('error'))) {
    try {
      const user = await oidc.signinRedirectCallback();
      return await establish(user.access_token);
    } finally {
      history.replaceState(null, '', `${location.pathname}#/map`);
    }
  }
  const token = sessionStorage.getItem(TOKEN);
  if (!token) return null;
  try {
    return await establish(token);
  } catch {
    return null;
  }
}

export function setDeviceToken(token: string | null): void {
  if (token) sessionStorage.setItem(DEVICE_TOKEN, token.trim());
  else sessionStorage.removeItem(DEVICE_TOKEN);
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(DEVICE_TOKEN);
  void oidc?.removeUser();
  publish(null);
  location.hash = '#/signin';
}
