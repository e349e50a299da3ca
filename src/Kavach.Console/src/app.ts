import { useEffect, useState } from 'preact/hooks';
import { html } from './ui/html';
import { configureOidc, onSession, resume, signOut } from './auth';
import { useDeviceServer } from './api';
import { loadConfig } from './config';
import type { ConsoleConfig, Session } from './types';
import { SignInPage } from './pages/signin';
import { MapPage } from './pages/map';
import { KeysPage } from './pages/keys';
import { PartnersPage } from './pages/partners';
import { DevicesPage } from './pages/devices';
import { AuditPage } from './pages/audit';
import { errorText } from './ui/format';

const PAGES = [
  { route: 'map', label: 'Key map' },
  { route: 'keys', label: 'Keys' },
  { route: 'partners', label: 'Partners' },
  { route: 'devices', label: 'Devices' },
  { route: 'audit', label: 'Audit' },
] as const;

function route(): string {
  const r = location.hash.replace(/^#\/?/, '').split('?')[0];
  return r || 'map';
}

export function App() {
  const [config, setConfig] = useState<ConsoleConfig | null>(null);
  const [who, setWho] = useState<Session | null>(null);
  const [starting, setStarting] = useState(true);
  const [fatal, setFatal] = useState<string | null>(null);
  const [page, setPage] = useState(route());

  useEffect(() => {
    const onHash = () => setPage(route());
    window.addEventListener('hashchange', onHash);
    const off = onSession(setWho);
    loadConfig()
      .then(async (c) => {
        setConfig(c);
        configureOidc(c);
        useDeviceServer(c.deviceServer?.url ?? null);
        setWho(await resume());
      })
      .catch((e: unknown) => setFatal(errorText(e)))
      .finally(() => setStarting(false));
    return () => {
      window.removeEventListener('hashchange', onHash);
      off();
    };
  }, []);

  if (fatal) return html`<main class="center"><p class="error" role="alert" data-testid="error">${fatal}</p></main>`;
  if (starting || !config) return html`<main class="center"><p>Starting…</p></main>`;
  if (!who) return html`<${SignInPage} config=${config} />`;

  const current = PAGES.some((p) => p.route === page) ? page : 'map';
  return html`<div class="shell">
    <header>
      <span class="brand">Kavach</span>
      <nav>
        ${PAGES.map((p) => html`<a href=${`#/${p.route}`} data-testid=${`nav-${p.route}`} class=${p.route === current ? 'active' : ''}>${p.label}</a>`)}
      </nav>
      <span class="who" data-testid="whoami" title=${who.roles.join(', ')}>${who.subject}</span>
      <button type="button" class="link" data-testid="signout" onClick=${signOut}>Sign out</button>
    </header>
    <main>
      ${current === 'map' && html`<${MapPage} />`}
      ${current === 'keys' && html`<${KeysPage} />`}
      ${current === 'partners' && html`<${PartnersPage} />`}
      ${current === 'devices' && html`<${DevicesPage} config=${config} />`}
      ${current === 'audit' && html`<${AuditPage} />`}
    </main>
  </div>`;
}
