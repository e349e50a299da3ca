import { useEffect, useState } from 'preact/hooks';
import { html } from './ui/html';
import { configureOidc, may, onSession, resume, signOut } from './auth';
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

// Each page and the rule its first call needs: a caller sees the pages the API lets it read (an auditor, the audit
// trail only).
const PAGES = [
  { route: 'map', label: 'Key map', rule: 'getkeysgroups' },
  { route: 'keys', label: 'Keys', rule: 'getkeysgroups' },
  { route: 'partners', label: 'Partners', rule: 'gettrustcertificates' },
  { route: 'devices', label: 'Devices', rule: null },
  { route: 'audit', label: 'Audit', rule: 'getauditrecords' },
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

  const pages = PAGES.filter((p) => (p.rule === null ? config.deviceServer !== null : may(p.rule)));
  if (pages.length === 0) {
    return html`<main class="center"><section class="signin page" data-testid="page-none" data-ready="true">
      <p><strong>${who.subject}</strong> has none of the roles the console's pages need (<span class="mono">${who.roles.join(', ') || 'no roles'}</span>).</p>
      <button type="button" data-testid="signout" onClick=${signOut}>Sign out</button>
    </section></main>`;
  }
  const current = pages.some((p) => p.route === page) ? page : pages[0].route;
  return html`<div class="shell">
    <header>
      <span class="brand">Kavach</span>
      <nav>
        ${pages.map((p) => html`<a href=${`#/${p.route}`} data-testid=${`nav-${p.route}`} class=${p.route === current ? 'active' : ''}>${p.label}</a>`)}
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
