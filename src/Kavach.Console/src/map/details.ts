import { html } from '../ui/html';
import { kmGet } from '../api';
import { useLoad } from '../ui/load';
import { ErrorNote, State } from '../ui/components';
import { relative, when } from '../ui/format';
import { dependents, USE_RULES, type MapModel, type MapNode } from './model';
import type { AccessReport, KeyPage, RefGroup, UsageReport } from '../types';

interface Props {
  model: MapModel;
  selected: string | null;
  usage: UsageReport | null;
  access: AccessReport | null;
  opened: Map<string, RefGroup[]>;
  onOpen: (applicationId: string) => void;
}

function UsageTable(props: { rows: UsageReport['usage'] }) {
  if (props.rows.length === 0) return html`<p class="muted">No use in this window.</p>`;
  return html`<table class="compact" data-testid="map-details-usage">
    <thead><tr><th>Caller</th><th>Operation</th><th>Count</th><th>Failures</th><th>Last use</th></tr></thead>
    <tbody>${props.rows.map(
      (u) => html`<tr data-actor=${u.actor ?? ''} data-operation=${u.operation}><td>${u.actor ?? '—'}</td><td>${u.operation}</td><td>${u.count}</td><td>${u.failures}</td><td title=${when(u.lastUse)}>${relative(u.lastUse)}</td></tr>`,
    )}</tbody>
  </table>`;
}

function WhoMay(props: { access: AccessReport | null; applicationId: string }) {
  const app = props.access?.applications.find((a) => a.applicationId === props.applicationId);
  if (!app) return null;
  const ops = app.operations.filter((o) => USE_RULES.includes(o.rule) && o.roles.length > 0);
  return html`<div data-testid="map-details-access">
    <h4>Who may use these keys</h4>
    ${ops.length === 0 && app.clients.length === 0 ? html`<p class="muted">No role or client is bound to ${props.applicationId}.</p>` : null}
    <ul>
      ${ops.map((o) => html`<li data-rule=${o.rule}><span class="mono">${o.rule}</span>: ${o.roles.join(', ')}</li>`)}
      ${app.clients.length > 0 && html`<li>clients bound: ${app.clients.join(', ')}</li>`}
    </ul>
  </div>`;
}

function Impact(props: { model: MapModel; node: MapNode }) {
  const affected = dependents(props.model, props.node.id);
  if (affected.length === 0) return null;
  const byKind = new Map<string, MapNode[]>();
  for (const n of affected) byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), n]);
  // Counted once: an application's count already holds its references' keys.
  const keys =
    props.node.kind === 'root'
      ? affected.filter((n) => n.kind === 'module').reduce((sum, n) => sum + (n.count ?? 0), 0)
      : props.node.kind === 'module' || props.node.kind === 'reference' || props.node.kind === 'more'
        ? props.node.count ?? 0
        : 0;
  return html`<div data-testid="map-details-impact">
    <h4>If this key is revoked</h4>
    <p>${keys > 0 ? `${keys.toLocaleString('en')} keys depend on it. ` : ''}These depend on it:</p>
    <ul>${[...byKind].map(([kind, nodes]) => html`<li>${kind}: ${nodes.slice(0, 12).map((n) => n.label.split('\n')[0]).join(', ')}${nodes.length > 12 ? ` and ${nodes.length - 12} more` : ''}</li>`)}</ul>
  </div>`;
}

function ReferenceKeys(props: { applicationId: string; referenceId: string }) {
  const keys = useLoad(() => kmGet<KeyPage>('/keys', { applicationId: props.applicationId, referenceId: props.referenceId, limit: 20 }), [props.applicationId, props.referenceId]);
  return html`<div>
    <h4>Keys</h4>
    <${ErrorNote} error=${keys.error} />
    <ul>${(keys.data?.keys ?? []).map(
      (k) => html`<li data-key-alias=${k.alias}><span class="mono">${k.alias}</span> <${State} state=${k.state} /> expires ${when(k.expiresAt)}, certificate ${k.certificateSerial ?? '—'} issued by ${k.issuerAlias ?? '—'}</li>`,
    )}</ul>
  </div>`;
}

export function MapDetails(props: Props) {
  const node = props.model.nodes.find((n) => n.id === props.selected);
  if (!node) {
    return html`<aside class="map-details" data-testid="map-details" data-node-id="">
      <p class="muted">Click a node for its details: who used it, who may use it, and what depends on it.</p>
    </aside>`;
  }
  const usage = (props.usage?.usage ?? []).filter((u) =>
    node.kind === 'caller'
      ? u.actor === node.actor
      : node.kind === 'reference'
        ? u.applicationId === node.applicationId && u.referenceId === node.referenceId
        : node.kind === 'module' || node.kind === 'more'
          ? u.applicationId === node.applicationId
          : node.kind === 'root',
  );
  return html`<aside class="map-details" data-testid="map-details" data-node-id=${node.id}>
    <h3>${node.label.split('\n')[0]}</h3>
    <p class="muted">${node.kind}${node.domain ? ` · ${node.domain}` : ''}</p>
    ${node.kind === 'module' &&
    html`<p><button type="button" data-testid="map-open-app" onClick=${() => props.onOpen(node.applicationId!)}>
      ${props.opened.has(node.applicationId!) ? 'Close references' : 'Show references'}</button></p>`}
    ${(node.kind === 'module' || node.kind === 'reference') && html`<${WhoMay} access=${props.access} applicationId=${node.applicationId!} />`}
    ${node.kind === 'reference' && html`<${ReferenceKeys} applicationId=${node.applicationId!} referenceId=${node.referenceId!} />`}
    ${(node.kind === 'module' || node.kind === 'reference' || node.kind === 'caller' || node.kind === 'root' || node.kind === 'more') &&
    html`<h4>${node.kind === 'caller' ? 'What this caller did' : 'Who used these keys'}${props.usage ? ` (${when(props.usage.from)} – ${when(props.usage.to)})` : ''}</h4>
      <${UsageTable} rows=${usage} />`}
    <${Impact} model=${props.model} node=${node} />
  </aside>`;
}
