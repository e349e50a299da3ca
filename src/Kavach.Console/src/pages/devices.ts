import { useState } from 'preact/hooks';
import { html } from '../ui/html';
import { ApiError, devGet, devPost, hasDeviceServer } from '../api';
import { setDeviceToken } from '../auth';
import { useLoad } from '../ui/load';
import { ConfirmDialog, ErrorNote, Note, Page, State, type PendingAction } from '../ui/components';
import { count, relative, when } from '../ui/format';
import type { Approval, ConsoleConfig, Device, DeviceModel, DevicePage, DeviceSession, DeviceSummary, Provider, RolloutProgress, WhitelistBatch } from '../types';
import { DeviceCommands } from './device-commands';

const PAGE_SIZE = 100;

/** The device portal: the device management server's admin API, with a token that server accepts. */
export function DevicesPage(props: { config: ConsoleConfig }) {
  const [generation, setGeneration] = useState(0);
  const who = useLoad(async () => {
    if (!hasDeviceServer()) return null;
    try {
      return await devGet<DeviceSession>('/admin/session');
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return null;
      throw e;
    }
  }, [generation]);
  const [token, setToken] = useState('');

  if (!props.config.deviceServer) {
    return html`<${Page} name="devices" title="Devices" ready=${true}>
      <p>No device management server is configured (<code>Kavach:Console:DeviceServerUrl</code>).</p>
    </${Page}>`;
  }
  if (who.loading) return html`<${Page} name="devices" title="Devices" ready=${false}><p>Connecting…</p></${Page}>`;
  if (!who.data) {
    return html`<${Page} name="devices" title="Devices" ready=${true} extra=${{ 'data-connected': 'false' }}>
      <${ErrorNote} error=${who.error} />
      <form class="inline" onSubmit=${(e: Event) => {
        e.preventDefault();
        setDeviceToken(token);
        setToken('');
        setGeneration((g) => g + 1);
      }}>
        <p>The device server at <span class="mono">${props.config.deviceServer.url}</span> did not accept this session's token. Paste an administrator token of the device server (its <code>data/admin.token</code> on the embedded default).</p>
        <label>Device server token <input type="password" autocomplete="off" data-testid="devices-connect-token" value=${token}
          onInput=${(e: Event) => setToken((e.target as HTMLInputElement).value)} /></label>
        <button type="submit" data-testid="devices-connect">Connect</button>
      </form>
    </${Page}>`;
  }
  return html`<${DevicePortal} session=${who.data} />`;
}

function DevicePortal(props: { session: DeviceSession }) {
  const me = props.session;
  const [state, setState] = useState('');
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [more, setMore] = useState<DevicePage | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  const summary = useLoad(() => devGet<DeviceSummary>('/admin/devices/summary'), [generation]);
  const devices = useLoad(() => {
    setMore(null);
    return devGet<DevicePage>('/admin/devices', { state, limit: PAGE_SIZE });
  }, [state, generation]);
  const batches = useLoad(() => devGet<WhitelistBatch[]>('/admin/whitelist', { limit: 100 }), [generation]);
  const approvals = useLoad(() => devGet<Approval[]>('/admin/approvals', { state: 'Pending', limit: 100 }), [generation]);
  const rollouts = useLoad(() => devGet<RolloutProgress[]>('/admin/rollouts'), [generation]);
  const providers = useLoad(() => devGet<Provider[]>('/admin/providers'), [generation]);
  const models = useLoad(() => devGet<DeviceModel[]>('/admin/models'), [generation]);

  const rows = more?.devices ?? devices.data?.devices ?? [];
  const next = more ? more.next : devices.data?.next ?? null;
  const loadMore = async () => {
    if (!next) return;
    const page = await devGet<DevicePage>('/admin/devices', { state, limit: PAGE_SIZE, after: next });
    setMore({ devices: [...rows, ...page.devices], next: page.next });
  };
  const all = [summary, devices, batches, approvals, rollouts, providers, models];
  const ready = all.every((l) => !l.loading);
  const error = all.map((l) => l.error).find((e) => e) ?? null;

  const act = (title: string, detail: string, label: string, path: string, done: string) =>
    setPending({ title, detail, confirmLabel: label, run: async (reason) => {
      const answer = await devPost<{ id?: string; approvalId?: string } | null>(path, { reason }, reason);
      setNotice(answer?.approvalId || answer?.id ? `${done} (approval ${answer.approvalId ?? answer.id} waits for a second administrator).` : done);
    } });

  const deregister = (d: Device) =>
    act(`De-register ${d.serial}`, 'Opens a four-eyes request; once another administrator approves, the device is told to zeroise its keys and its certificate is revoked.',
      'Request de-registration', `/admin/devices/${encodeURIComponent(d.serial)}/deregister`, `De-registration of ${d.serial} requested`);
  const approveBatch = (b: WhitelistBatch) =>
    act(`Approve whitelist batch ${b.batchId}`, `${b.entryCount} devices of ${b.providerId}, imported by ${b.importedBy}, become enrolable.`,
      'Approve', `/admin/whitelist/${encodeURIComponent(b.batchId)}/approve`, `Batch ${b.batchId} approved`);
  const rejectBatch = (b: WhitelistBatch) =>
    act(`Reject whitelist batch ${b.batchId}`, 'None of its devices can enrol.', 'Reject', `/admin/whitelist/${encodeURIComponent(b.batchId)}/reject`, `Batch ${b.batchId} rejected`);
  const decide = (a: Approval, verb: 'approve' | 'reject') =>
    act(`${verb === 'approve' ? 'Approve' : 'Reject'} ${a.kind} ${a.subject}`, `Requested by ${a.requestedBy} ${relative(a.requestedAt)}.`,
      verb === 'approve' ? 'Approve' : 'Reject', `/admin/approvals/${encodeURIComponent(a.id)}/${verb}`, `${a.kind} ${a.subject}: ${verb === 'approve' ? 'approved' : 'rejected'}`);
  const rolloutAction = (r: RolloutProgress, verb: 'pause' | 'resume' | 'abort') =>
    act(`${verb[0].toUpperCase()}${verb.slice(1)} rollout ${r.rollout.rolloutId}`, `Release ${r.rollout.releaseCounter} to ${r.rollout.hardwareId}.`,
      verb[0].toUpperCase() + verb.slice(1), `/admin/rollouts/${encodeURIComponent(r.rollout.rolloutId)}/${verb}`, `Rollout ${r.rollout.rolloutId}: ${verb}`);

  const fourEyes = (requestedBy: string) => requestedBy === me.subject;

  return html`<${Page} name="devices" title="Devices" ready=${ready} extra=${{ 'data-connected': 'true' }}>
    <${Note} text=${notice} />
    <${ErrorNote} error=${error} />
    <section>
      <h2>Registry</h2>
      <p data-testid="devices-total">${count(summary.data?.total ?? 0)} devices: ${Object.entries(summary.data?.byState ?? {}).map(([s, n]) => `${s} ${count(n)}`).join(' · ')}</p>
      <label>State <select value=${state} data-testid="devices-filter-state" onChange=${(e: Event) => setState((e.target as HTMLSelectElement).value)}>
        <option value="">all</option>
        ${Object.keys(summary.data?.byState ?? {}).map((s) => html`<option value=${s}>${s}</option>`)}
      </select></label>
      <table data-testid="devices-table">
        <thead><tr><th>Serial</th><th>Provider</th><th>Make / model</th><th>State</th><th>Last check-in</th><th>Firmware</th><th>Certificate expires</th><th></th></tr></thead>
        <tbody>
          ${rows.map(
            (d) => html`<tr data-serial=${d.serial} data-state=${d.state} class=${selected === d.serial ? 'selected' : ''}>
              <td><button type="button" class="link mono" onClick=${() => setSelected(selected === d.serial ? null : d.serial)}>${d.serial}</button></td>
              <td>${d.providerId}</td><td>${d.make} / ${d.model}</td><td><${State} state=${d.state} />${d.rotationDue ? html` <span class="warn">rotation due</span>` : null}</td>
              <td title=${when(d.lastCheckIn)}>${relative(d.lastCheckIn)}</td><td>${d.firmwareVersion ?? '—'}</td>
              <td title=${when(d.certificateExpiresAt)}>${relative(d.certificateExpiresAt)}</td>
              <td>${me.canAdminister && d.state === 'Active' && html`<button type="button" class="danger" data-action="deregister" onClick=${() => deregister(d)}>De-register…</button>`}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${next && html`<button type="button" data-testid="devices-more" onClick=${loadMore}>More</button>`}
      ${selected && html`<${DeviceCommands} serial=${selected} />`}
    </section>
    <section>
      <h2>Whitelist batches</h2>
      <table data-testid="whitelist-table">
        <thead><tr><th>Batch</th><th>Provider</th><th>Devices</th><th>State</th><th>Imported</th><th>Decided</th><th></th></tr></thead>
        <tbody>
          ${(batches.data ?? []).map(
            (b) => html`<tr data-batch-id=${b.batchId} data-state=${b.state}>
              <td class="mono">${b.batchId}</td><td>${b.providerId}</td><td>${b.entryCount}</td><td><${State} state=${b.state} /></td>
              <td>${b.importedBy}, ${when(b.importedAt)}</td><td>${b.decidedBy ? `${b.decidedBy}, ${when(b.decidedAt)}` : '—'}</td>
              <td class="actions">${me.canApprove && /pending/i.test(b.state) &&
                html`<button type="button" data-action="approve" data-four-eyes=${fourEyes(b.importedBy) ? 'self' : 'other'}
                  title=${fourEyes(b.importedBy) ? 'Four eyes: the server refuses an approval by the administrator who imported the batch.' : ''} onClick=${() => approveBatch(b)}>Approve…</button>
                <button type="button" class="danger" data-action="reject" onClick=${() => rejectBatch(b)}>Reject…</button>`}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>
    <section>
      <h2>Waiting for a second administrator</h2>
      <table data-testid="approvals-table">
        <thead><tr><th>Kind</th><th>Subject</th><th>Requested</th><th></th></tr></thead>
        <tbody>
          ${(approvals.data ?? []).map(
            (a) => html`<tr data-approval-id=${a.id} data-kind=${a.kind}>
              <td>${a.kind}</td><td class="mono">${a.subject}</td><td>${a.requestedBy}, ${when(a.requestedAt)}</td>
              <td class="actions">${me.canApprove &&
                html`<button type="button" data-action="approve" data-four-eyes=${fourEyes(a.requestedBy) ? 'self' : 'other'}
                  title=${fourEyes(a.requestedBy) ? 'Four eyes: the server refuses an approval by the administrator who asked.' : ''} onClick=${() => decide(a, 'approve')}>Approve…</button>
                <button type="button" class="danger" data-action="reject" onClick=${() => decide(a, 'reject')}>Reject…</button>`}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>
    <section>
      <h2>Release rollouts</h2>
      <table data-testid="rollouts-table">
        <thead><tr><th>Rollout</th><th>Release</th><th>Hardware</th><th>State</th><th>Progress</th><th></th></tr></thead>
        <tbody>
          ${(rollouts.data ?? []).map((r) => {
            const total = r.groups.reduce((n, g) => n + g.total, 0);
            const ok = r.groups.reduce((n, g) => n + g.succeeded, 0);
            const failed = r.groups.reduce((n, g) => n + g.failed, 0);
            return html`<tr data-rollout-id=${r.rollout.rolloutId} data-state=${r.rollout.state}>
              <td class="mono">${r.rollout.rolloutId.slice(0, 8)}</td><td>${r.rollout.releaseCounter}</td><td>${r.rollout.hardwareId}</td><td><${State} state=${r.rollout.state} /></td>
              <td><progress max=${Math.max(total, 1)} value=${ok}></progress> ${ok}/${total} updated, ${failed} failed, group ${r.rollout.currentGroup + 1} of ${r.rollout.groupPercents.length}</td>
              <td class="actions">${me.canAdminister && html`
                ${r.rollout.state === 'Running' && html`<button type="button" data-action="pause" onClick=${() => rolloutAction(r, 'pause')}>Pause…</button>`}
                ${r.rollout.state === 'Paused' && html`<button type="button" data-action="resume" onClick=${() => rolloutAction(r, 'resume')}>Resume…</button>`}
                ${(r.rollout.state === 'Running' || r.rollout.state === 'Paused') && html`<button type="button" class="danger" data-action="abort" onClick=${() => rolloutAction(r, 'abort')}>Abort…</button>`}`}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </section>
    <section class="columns">
      <div>
        <h2>Providers</h2>
        <table data-testid="providers-table">
          <thead><tr><th>Provider</th><th>Organisation</th><th>Kind</th><th>Active</th></tr></thead>
          <tbody>${(providers.data ?? []).map((p) => html`<tr data-provider-id=${p.providerId}><td class="mono">${p.providerId}</td><td>${p.organizationName}</td><td>${p.kind}</td><td>${p.isActive ? 'yes' : 'no'}</td></tr>`)}</tbody>
        </table>
      </div>
      <div>
        <h2>Makes and models</h2>
        <table data-testid="models-table">
          <thead><tr><th>Provider</th><th>Make / model</th><th>Type</th><th>Active</th></tr></thead>
          <tbody>${(models.data ?? []).map((m) => html`<tr data-model-id=${m.id}><td>${m.deviceProviderId}</td><td>${m.make} / ${m.model}</td><td>${m.deviceTypeCode} / ${m.deviceSubTypeCode}</td><td>${m.isActive ? 'yes' : 'no'}</td></tr>`)}</tbody>
        </table>
      </div>
    </section>
    <${ConfirmDialog} action=${pending} onClose=${(done: boolean) => {
      setPending(null);
      if (done) setGeneration((g) => g + 1);
    }} />
  </${Page}>`;
}

