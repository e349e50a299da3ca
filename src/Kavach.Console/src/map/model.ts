// The key-user map as plain data: nodes and edges built from what the APIs report. No drawing here, so the same model
// feeds the canvas and its text alternative, and stays fast for large inventories: base keys arrive grouped per
// application (and per reference once an application is opened), never one node per key.
import type { AccessReport, AppGroup, DeviceSummary, Partner, RefGroup, TrustCertificate, Usage } from '../types';

export type NodeKind = 'root' | 'module' | 'reference' | 'more' | 'caller' | 'role' | 'domain' | 'ca' | 'partner' | 'deviceca' | 'devices';
export type EdgeKind = 'issued' | 'used-by' | 'may-use' | 'trusts' | 'device';

export interface MapNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** Search and filter text beyond the label. */
  keywords: string;
  applicationId?: string;
  referenceId?: string;
  actor?: string;
  role?: string;
  domain?: string;
  certId?: string;
  partnerId?: string;
  count?: number;
}

export interface MapEdge {
  id: string;
  from: string;
  to: string;
  kind: EdgeKind;
  label: string;
  count?: number;
}

export interface MapModel {
  nodes: MapNode[];
  edges: MapEdge[];
}

export interface MapInput {
  applications: AppGroup[];
  references: Map<string, RefGroup[]>;
  usage: Usage[];
  access: AccessReport | null;
  certificates: TrustCertificate[];
  partners: Partner[];
  devices: DeviceSummary | null;
}

export interface MapFilter {
  applicationId: string;
  caller: string;
  domain: string;
}

/** References shown per opened application; the rest collapse into one node (search finds them through the API). */
export const REFERENCES_SHOWN = 60;

/** The key-use rules whose bound roles the map draws as "may use" for a filtered application. */
export const USE_RULES = ['postdecrypt', 'postjwtdecrypt', 'postzkdecrypt', 'postencrypt', 'postjwtsign', 'postjwssign', 'postsignv2', 'posttpmdecrypt'];

const ROOT_APP = 'ROOT';

function appNodeId(app: string): string {
  return app === ROOT_APP ? 'root' : `app:${app}`;
}

function refNodeId(app: string, ref: string): string {
  return `ref:${app}:${ref}`;
}

function keyNodeFor(u: Usage, present: Set<string>): string | null {
  if (!u.applicationId) return null;
  if (u.referenceId) {
    const ref = refNodeId(u.applicationId, u.referenceId);
    if (present.has(ref)) return ref;
  }
  const app = appNodeId(u.applicationId);
  return present.has(app) ? app : null;
}

export function buildModel(input: MapInput, filter: MapFilter): MapModel {
  const nodes: MapNode[] = [];
  const edges: MapEdge[] = [];
  const present = new Set<string>();
  const add = (n: MapNode) => {
    if (!present.has(n.id)) {
      present.add(n.id);
      nodes.push(n);
    }
  };
  const link = (from: string, to: string, kind: EdgeKind, label: string, count?: number) => {
    if (present.has(from) && present.has(to)) edges.push({ id: `${kind}:${from}->${to}`, from, to, kind, label, count });
  };
  const caller = filter.caller.trim().toLowerCase();
  const appFilter = filter.applicationId;

  // The hierarchy: ROOT issues each module key's certificate; a module key issues its base keys' certificates.
  const root = input.applications.find((a) => a.applicationId === ROOT_APP);
  add({ id: 'root', kind: 'root', label: 'ROOT', keywords: `root ${root?.masterAlias ?? ''}`, applicationId: ROOT_APP, count: root?.keyCount });
  for (const app of input.applications) {
    if (app.applicationId === ROOT_APP) continue;
    if (appFilter && app.applicationId !== appFilter) continue;
    const id = appNodeId(app.applicationId);
    add({
      id,
      kind: 'module',
      label: `${app.applicationId}\n${app.keyCount.toLocaleString('en')} keys · ${app.referenceCount.toLocaleString('en')} refs`,
      keywords: `${app.applicationId} ${app.masterAlias ?? ''}`,
      applicationId: app.applicationId,
      count: app.keyCount,
    });
    link('root', id, 'issued', 'issued');
    const refs = input.references.get(app.applicationId);
    if (!refs) continue;
    const shown = [...refs].filter((r) => r.referenceId !== '').sort((a, b) => b.keyCount - a.keyCount || a.referenceId.localeCompare(b.referenceId));
    for (const ref of shown.slice(0, REFERENCES_SHOWN)) {
      const rid = refNodeId(app.applicationId, ref.referenceId);
      add({ id: rid, kind: 'reference', label: `${ref.referenceId}\n${ref.keyCount} keys`, keywords: `${app.applicationId} ${ref.referenceId}`, applicationId: app.applicationId, referenceId: ref.referenceId, count: ref.keyCount });
      link(id, rid, 'issued', 'issued');
    }
    if (shown.length > REFERENCES_SHOWN) {
      const rest = shown.slice(REFERENCES_SHOWN);
      const moreId = `more:${app.applicationId}`;
      const restKeys = rest.reduce((n, r) => n + r.keyCount, 0);
      add({ id: moreId, kind: 'more', label: `+${rest.length.toLocaleString('en')} more references\n${restKeys.toLocaleString('en')} keys`, keywords: app.applicationId, applicationId: app.applicationId, count: restKeys });
      link(id, moreId, 'issued', 'issued');
    }
  }

  // Who used which key in the window (from the audit trail), one edge per key node and caller.
  const used = new Map<string, { from: string; to: string; ops: Map<string, number>; total: number }>();
  for (const u of input.usage) {
    if (!u.actor) continue;
    if (caller && !u.actor.toLowerCase().includes(caller)) continue;
    if (appFilter && u.applicationId !== appFilter) continue;
    const keyNode = keyNodeFor(u, present);
    if (!keyNode) continue;
    const callerId = `caller:${u.actor}`;
    add({ id: callerId, kind: 'caller', label: u.actor, keywords: `caller ${u.actor}`, actor: u.actor });
    const key = `${keyNode}|${callerId}`;
    const entry = used.get(key) ?? { from: keyNode, to: callerId, ops: new Map<string, number>(), total: 0 };
    entry.ops.set(u.operation, (entry.ops.get(u.operation) ?? 0) + u.count);
    entry.total += u.count;
    used.set(key, entry);
  }
  for (const e of used.values()) {
    link(e.from, e.to, 'used-by', [...e.ops].map(([op, n]) => `${op} ×${n}`).join(', '), e.total);
  }

  // Who may use an application's keys (roles bound to it that pass a key-use rule): drawn for one application at a time.
  if (appFilter && input.access) {
    const app = input.access.applications.find((a) => a.applicationId === appFilter);
    for (const op of app?.operations ?? []) {
      if (!USE_RULES.includes(op.rule)) continue;
      for (const role of op.roles) {
        const roleId = `role:${role}`;
        add({ id: roleId, kind: 'role', label: role, keywords: `role ${role}`, role });
        const existing = edges.find((e) => e.from === appNodeId(appFilter) && e.to === roleId && e.kind === 'may-use');
        if (existing) existing.label += `, ${op.rule}`;
        else link(appNodeId(appFilter), roleId, 'may-use', op.rule);
      }
    }
  }

  // Partners: CA chains per domain, the certificates they issued, and the partner channel's onboarded partners.
  if (filter.domain !== '-') {
    const certs = input.certificates.filter((c) => !filter.domain || c.domain === filter.domain);
    const byId = new Map(certs.map((c) => [c.certId, c]));
    for (const d of new Set([...certs.map((c) => c.domain), ...input.partners.map((p) => p.partnerDomain)])) {
      if (filter.domain && d !== filter.domain) continue;
      add({ id: `domain:${d}`, kind: 'domain', label: `${d} domain`, keywords: `domain ${d}`, domain: d });
    }
    for (const c of certs) {
      const isCa = c.kind !== 'PARTNER';
      add({
        id: `cert:${c.certId}`,
        kind: isCa ? 'ca' : 'partner',
        label: isCa ? c.subject.replace(/^CN=/, '') : c.organization ?? c.partnerId ?? c.subject,
        keywords: `${c.subject} ${c.organization ?? ''} ${c.partnerId ?? ''} ${c.domain}`,
        domain: c.domain,
        certId: c.certId,
        partnerId: c.partnerId ?? undefined,
      });
    }
    for (const c of certs) {
      const issuer = c.issuerCertId && c.issuerCertId !== c.certId ? byId.get(c.issuerCertId) : undefined;
      if (issuer) link(`cert:${issuer.certId}`, `cert:${c.certId}`, 'issued', 'issued');
      else link(`domain:${c.domain}`, `cert:${c.certId}`, 'trusts', 'trusts');
    }
    for (const p of input.partners) {
      if (filter.domain && p.partnerDomain !== filter.domain) continue;
      const id = `partner:${p.partnerId}`;
      add({ id, kind: 'partner', label: p.organizationName, keywords: `${p.partnerId} ${p.organizationName} ${p.status}`, domain: p.partnerDomain, partnerId: p.partnerId });
      link(`domain:${p.partnerDomain}`, id, 'trusts', p.status);
    }
  }

  // The device CA and the devices it certified, grouped by provider, model and state.
  if (input.devices) {
    add({ id: 'deviceca', kind: 'deviceca', label: `Device CA\n${input.devices.total.toLocaleString('en')} devices`, keywords: 'device ca devices', count: input.devices.total });
    for (const g of input.devices.groups) {
      const id = `devices:${g.providerId}:${g.make}:${g.model}:${g.state}`;
      add({ id, kind: 'devices', label: `${g.make} ${g.model}\n${g.state} · ${g.count.toLocaleString('en')}`, keywords: `${g.providerId} ${g.make} ${g.model} ${g.state}`, count: g.count });
      link('deviceca', id, 'device', g.state, g.count);
    }
  }
  return { nodes, edges };
}

/** Everything that depends on a node: what stops working if its key is revoked (what it issued, who used it). */
export function dependents(model: MapModel, id: string): MapNode[] {
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const out = new Map<string, string[]>();
  for (const e of model.edges) {
    if (e.kind === 'issued' || e.kind === 'used-by' || e.kind === 'device' || e.kind === 'trusts') {
      out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
    }
  }
  const seen = new Set<string>([id]);
  const queue = [id];
  while (queue.length) {
    for (const next of out.get(queue.shift()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  seen.delete(id);
  return [...seen].map((n) => byId.get(n)!).filter(Boolean);
}
