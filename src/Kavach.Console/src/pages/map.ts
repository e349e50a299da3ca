import { useMemo, useRef, useState } from 'preact/hooks';
import { html } from '../ui/html';
import { devGet, hasDeviceServer, kmGet } from '../api';
import { may } from '../auth';
import { useLoad } from '../ui/load';
import { pageStart } from '../ui/timing';
import { ErrorNote, Page } from '../ui/components';
import { buildModel, type MapFilter } from '../map/model';
import { MapCanvas } from '../map/view';
import { MapDetails } from '../map/details';
import { MapList } from '../map/list';
import type { AccessReport, AppGroup, DeviceSummary, Partner, RefGroup, TrustCertificate, UsageReport } from '../types';

const WINDOWS = [
  { value: '1', label: 'last day' },
  { value: '7', label: 'last 7 days' },
  { value: '30', label: 'last 30 days' },
  { value: '90', label: 'last 90 days' },
];

async function optional<T>(allowed: boolean, load: () => Promise<T>, fallback: T): Promise<T> {
  // A part of the map the caller may not read is left out, not an error: the API would refuse it anyway.
  if (!allowed) return fallback;
  try {
    return await load();
  } catch {
    return fallback;
  }
}

export function MapPage() {
  const [filter, setFilter] = useState<MapFilter>({ applicationId: '', caller: '', domain: '' });
  const [windowDays, setWindowDays] = useState('7');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [opened, setOpened] = useState<Map<string, RefGroup[]>>(new Map());
  const [renderMs, setRenderMs] = useState<number | null>(null);
  const started = useRef<number | null>(null);
  started.current ??= pageStart();

  const base = useLoad(async () => {
    const [applications, access, certificates, partners, devices] = await Promise.all([
      kmGet<{ groups: AppGroup[] }>('/keys/groups'),
      optional(may('getaccess'), () => kmGet<AccessReport>('/access'), null),
      optional(may('gettrustcertificates'), () => kmGet<{ certificates: TrustCertificate[] }>('/trust/certificates').then((r) => r.certificates), [] as TrustCertificate[]),
      optional(may('getpartners'), () => kmGet<{ partners: Partner[] }>('/partners').then((r) => r.partners), [] as Partner[]),
      optional(hasDeviceServer(), () => devGet<DeviceSummary>('/admin/devices/summary'), null),
    ]);
    return { applications: applications.groups, access, certificates, partners, devices };
  }, []);
  const usage = useLoad(() => {
    const to = new Date();
    const from = new Date(to.getTime() - Number(windowDays) * 86_400_000);
    return kmGet<UsageReport>('/keys/usage', { from: from.toISOString(), to: to.toISOString(), applicationId: filter.applicationId });
  }, [windowDays, filter.applicationId]);

  const model = useMemo(
    () =>
      base.data
        ? buildModel({ ...base.data, references: opened, usage: usage.data?.usage ?? [] }, filter)
        : null,
    [base.data, usage.data, opened, filter],
  );

  const open = async (applicationId: string) => {
    if (opened.has(applicationId)) {
      const next = new Map(opened);
      next.delete(applicationId);
      setOpened(next);
      return;
    }
    const refs = await kmGet<{ groups: RefGroup[] }>('/keys/groups', { applicationId });
    setOpened(new Map(opened).set(applicationId, refs.groups));
  };

  const ready = !!model && !usage.loading && renderMs !== null;
  const apps = base.data?.applications ?? [];
  const domains = [...new Set((base.data?.certificates ?? []).map((c) => c.domain).concat((base.data?.partners ?? []).map((p) => p.partnerDomain)))];

  return html`<${Page} name="map" title="Key-user map" ready=${ready} extra=${renderMs !== null ? { 'data-render-ms': String(Math.round(renderMs)) } : {}}>
    <${ErrorNote} error=${base.error ?? usage.error} />
    <div class="filters">
      <label>Search <input type="search" value=${search} placeholder="application, reference, caller, partner…" data-testid="map-search"
        onInput=${(e: Event) => setSearch((e.target as HTMLInputElement).value)} /></label>
      <label>Application <select value=${filter.applicationId} data-testid="map-filter-app"
        onChange=${(e: Event) => setFilter({ ...filter, applicationId: (e.target as HTMLSelectElement).value })}>
        <option value="">all</option>
        ${apps.filter((a) => a.applicationId !== 'ROOT').map((a) => html`<option value=${a.applicationId}>${a.applicationId}</option>`)}
      </select></label>
      <label>Caller <input type="search" value=${filter.caller} data-testid="map-filter-caller"
        onChange=${(e: Event) => setFilter({ ...filter, caller: (e.target as HTMLInputElement).value })} /></label>
      <label>Domain <select value=${filter.domain} data-testid="map-filter-domain" onChange=${(e: Event) => setFilter({ ...filter, domain: (e.target as HTMLSelectElement).value })}>
        <option value="">all</option>
        ${domains.map((d) => html`<option value=${d}>${d}</option>`)}
        <option value="-">none</option>
      </select></label>
      <label>Usage in <select value=${windowDays} data-testid="map-window" onChange=${(e: Event) => setWindowDays((e.target as HTMLSelectElement).value)}>
        ${WINDOWS.map((w) => html`<option value=${w.value}>${w.label}</option>`)}
      </select></label>
    </div>
    <div class="map-layout">
      ${model &&
      html`<${MapCanvas} model=${model} search=${search} selected=${selected} onSelect=${setSelected}
        onDrawn=${() => setRenderMs((ms) => ms ?? performance.now() - (started.current ?? 0))} />`}
      ${model && html`<${MapDetails} model=${model} selected=${selected} usage=${usage.data} access=${base.data?.access ?? null}
        opened=${opened} onOpen=${open} />`}
    </div>
    ${model && html`<${MapList} model=${model} onSelect=${setSelected} />`}
  </${Page}>`;
}
