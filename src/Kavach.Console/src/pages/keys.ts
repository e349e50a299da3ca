import { useState } from 'preact/hooks';
import { html } from '../ui/html';
import { kmGet, kmSend } from '../api';
import { may } from '../auth';
import { useLoad } from '../ui/load';
import { ConfirmDialog, ErrorNote, Note, Page, State, type PendingAction } from '../ui/components';
import { count, daysFromNow, relative, when } from '../ui/format';
import type { AppGroup, KeyPage, KeyRow } from '../types';
import { ExpiryTimeline } from './expiry';

const PAGE_SIZE = 100;

function rotatable(key: KeyRow): boolean {
  // generateMasterKey with force rotates module keys (reference "") and KERNEL/SIGN; base keys are revoked, and the next
  // use makes their successor.
  return key.state === 'ACTIVE' && (key.referenceId === '' || (key.applicationId === 'KERNEL' && key.referenceId === 'SIGN'));
}

function revocable(key: KeyRow): boolean {
  return key.state === 'ACTIVE' && key.referenceId !== '';
}

export function KeysPage() {
  const [application, setApplication] = useState('');
  const [reference, setReference] = useState('');
  const [state, setState] = useState('');
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [more, setMore] = useState<{ keys: KeyRow[]; next: string | null } | null>(null);
  const [newApp, setNewApp] = useState('');

  const groups = useLoad(() => kmGet<{ groups: AppGroup[] }>('/keys/groups'), []);
  const keys = useLoad(() => {
    setMore(null);
    return kmGet<KeyPage>('/keys', { applicationId: application, referenceId: reference, state, limit: PAGE_SIZE });
  }, [application, reference, state]);

  const rows = more?.keys ?? keys.data?.keys ?? [];
  const next = more ? more.next : keys.data?.next ?? null;
  const loadMore = async () => {
    if (!next) return;
    const page = await kmGet<KeyPage>('/keys', { applicationId: application, referenceId: reference, state, limit: PAGE_SIZE, after: next });
    setMore({ keys: [...rows, ...page.keys], next: page.next });
  };

  const refresh = () => {
    keys.reload();
    groups.reload();
  };

  const revoke = (key: KeyRow) =>
    setPending({
      title: `Revoke ${key.applicationId} / ${key.referenceId}`,
      detail: `Key ${key.alias} stops decrypting and signing at once, on every replica; the next use of this reference makes a new key.`,
      confirmLabel: 'Revoke',
      run: async (reason) => {
        await kmSend('PUT', '/revokeKey', { applicationId: key.applicationId, referenceId: key.referenceId }, reason);
        setNotice(`Revoked ${key.alias}.`);
      },
    });

  const rotate = (key: KeyRow) =>
    setPending({
      title: `Rotate ${key.applicationId}${key.referenceId ? ` / ${key.referenceId}` : ''}`,
      detail: `Key ${key.alias} expires now and a new one replaces it; what it encrypted stays readable.`,
      confirmLabel: 'Rotate',
      run: async (reason) => {
        await kmSend('POST', '/generateMasterKey/CERTIFICATE', { applicationId: key.applicationId, referenceId: key.referenceId, force: true }, reason);
        setNotice(`Rotated ${key.alias}.`);
      },
    });

  const generate = (e: Event) => {
    e.preventDefault();
    const app = newApp.trim().toUpperCase();
    if (!app) return;
    setPending({
      title: `Generate the module key of ${app}`,
      detail: 'Makes the application’s module key under ROOT if it has none (an existing key is kept).',
      confirmLabel: 'Generate',
      run: async (reason) => {
        await kmSend('POST', '/generateMasterKey/CERTIFICATE', { applicationId: app, referenceId: '', force: false }, reason);
        setNotice(`Module key of ${app} is in place.`);
        setNewApp('');
      },
    });
  };

  const canRevoke = may('putrevokekey');
  const canRotate = may('postgeneratemasterkeyobjecttype');

  return html`<${Page} name="keys" title="Keys" ready=${!keys.loading && !groups.loading}>
    <${Note} text=${notice} />
    <${ErrorNote} error=${groups.error ?? keys.error} />
    <section>
      <h2>Applications</h2>
      <table data-testid="applications-table">
        <thead><tr><th>Application</th><th>References</th><th>Keys</th><th>Active</th><th>Expired</th><th>Revoked</th><th>Next expiry</th></tr></thead>
        <tbody>
          ${(groups.data?.groups ?? []).map(
            (g) => html`<tr data-application-id=${g.applicationId} class=${g.applicationId === application ? 'selected' : ''}>
              <td><button type="button" class="link" onClick=${() => setApplication(g.applicationId === application ? '' : g.applicationId)}>${g.applicationId}</button></td>
              <td>${count(g.referenceCount)}</td><td>${count(g.keyCount)}</td><td>${count(g.active)}</td><td>${count(g.expired)}</td><td>${count(g.revoked)}</td>
              <td>${when(g.nextExpiry)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${canRotate &&
      html`<form class="inline" onSubmit=${generate}>
        <label>New module key for application <input type="text" value=${newApp} maxlength="36" pattern="[A-Za-z0-9_]+" data-testid="keys-generate-app"
          onInput=${(e: Event) => setNewApp((e.target as HTMLInputElement).value)} /></label>
        <button type="submit" data-testid="keys-generate">Generate…</button>
      </form>`}
    </section>
    <${ExpiryTimeline} />
    <section>
      <h2>Inventory</h2>
      <div class="filters">
        <label>Application <select value=${application} data-testid="keys-filter-app" onChange=${(e: Event) => setApplication((e.target as HTMLSelectElement).value)}>
          <option value="">all</option>
          ${(groups.data?.groups ?? []).map((g) => html`<option value=${g.applicationId}>${g.applicationId}</option>`)}
        </select></label>
        <label>Reference <input type="search" value=${reference} data-testid="keys-filter-ref" onChange=${(e: Event) => setReference((e.target as HTMLInputElement).value)} /></label>
        <label>State <select value=${state} data-testid="keys-filter-state" onChange=${(e: Event) => setState((e.target as HTMLSelectElement).value)}>
          <option value="">all</option><option>ACTIVE</option><option>EXPIRED</option><option>REVOKED</option><option>FUTURE</option>
        </select></label>
      </div>
      <table data-testid="keys-table">
        <thead><tr><th>Alias</th><th>Application</th><th>Reference</th><th>Kind</th><th>State</th><th>Expires</th><th>Issuer</th><th>Thumbprint</th><th></th></tr></thead>
        <tbody>
          ${rows.map((k) => {
            const days = daysFromNow(k.expiresAt);
            return html`<tr data-key-alias=${k.alias} data-state=${k.state} data-application-id=${k.applicationId} data-reference-id=${k.referenceId}>
              <td class="mono">${k.alias}</td><td>${k.applicationId}</td><td>${k.referenceId || '—'}</td><td>${k.kind}${k.inHsm ? ' · HSM' : ''}</td>
              <td><${State} state=${k.state} /></td>
              <td class=${days !== null && days < 30 && k.state === 'ACTIVE' ? 'warn' : ''} title=${when(k.expiresAt)}>${relative(k.expiresAt)}</td>
              <td class="mono">${k.issuerAlias ?? '—'}</td><td class="mono short" title=${k.thumbprint ?? ''}>${k.thumbprint ? k.thumbprint.slice(0, 16) + '…' : '—'}</td>
              <td class="actions">
                ${canRotate && rotatable(k) && html`<button type="button" data-action="rotate" onClick=${() => rotate(k)}>Rotate</button>`}
                ${canRevoke && revocable(k) && html`<button type="button" class="danger" data-action="revoke" onClick=${() => revoke(k)}>Revoke</button>`}
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
      ${next && html`<button type="button" data-testid="keys-more" onClick=${loadMore}>More</button>`}
    </section>
    <${ConfirmDialog} action=${pending} onClose=${(done: boolean) => {
      setPending(null);
      if (done) refresh();
    }} />
  </${Page}>`;
}
