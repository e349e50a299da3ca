import { useState } from 'preact/hooks';
import { html } from '../ui/html';
import { kmGet, kmSend } from '../api';
import { may } from '../auth';
import { useLoad } from '../ui/load';
import { ConfirmDialog, ErrorNote, Note, Page, State, type PendingAction } from '../ui/components';
import { relative, when } from '../ui/format';
import type { Crl, Partner, TrustCertificate } from '../types';

const DOMAINS = ['', 'AUTH', 'FTM', 'DEVICE'];

/** The issuers from a certificate up to its root, as the trust store links them. */
function trustPath(cert: TrustCertificate, byId: Map<string, TrustCertificate>): TrustCertificate[] {
  const path: TrustCertificate[] = [];
  const seen = new Set<string>();
  let issuer = cert.issuerCertId ? byId.get(cert.issuerCertId) : undefined;
  while (issuer && !seen.has(issuer.certId)) {
    seen.add(issuer.certId);
    path.push(issuer);
    issuer = issuer.issuerCertId && issuer.issuerCertId !== issuer.certId ? byId.get(issuer.issuerCertId) : undefined;
  }
  return path;
}

export function PartnersPage() {
  const [domain, setDomain] = useState('');
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canListPartners = may('getpartners');
  const partners = useLoad(
    () => (canListPartners ? kmGet<{ partners: Partner[] }>('/partners') : Promise.resolve({ partners: [] as Partner[] })),
    [canListPartners],
  );
  const certificates = useLoad(() => kmGet<{ certificates: TrustCertificate[] }>('/trust/certificates', { domain }), [domain]);
  const crls = useLoad(() => kmGet<{ crls: Crl[] }>('/trust/crls'), []);
  const byId = new Map((certificates.data?.certificates ?? []).map((c) => [c.certId, c]));

  const revoke = (p: Partner) =>
    setPending({
      title: `Revoke partner ${p.partnerId}`,
      detail: 'Its TLS, signing and encryption certificates stop being accepted on the next request, on every replica.',
      confirmLabel: 'Revoke partner',
      run: async (reason) => {
        await kmSend('POST', `/partners/${encodeURIComponent(p.partnerId)}/revoke`, { reason }, reason);
        setNotice(`Partner ${p.partnerId} revoked.`);
      },
    });

  return html`<${Page} name="partners" title="Partners and trust" ready=${!partners.loading && !certificates.loading && !crls.loading}>
    <${Note} text=${notice} />
    <${ErrorNote} error=${partners.error ?? certificates.error ?? crls.error} />
    ${canListPartners &&
    html`<section>
      <h2>Partner channel</h2>
      <table data-testid="partners-table">
        <thead><tr><th>Partner</th><th>Organisation</th><th>Domain</th><th>Application</th><th>Status</th><th>TLS certificate expires</th><th></th></tr></thead>
        <tbody>
          ${(partners.data?.partners ?? []).map(
            (p) => html`<tr data-partner-id=${p.partnerId} data-status=${p.status}>
              <td class="mono">${p.partnerId}</td><td>${p.organizationName}</td><td>${p.partnerDomain}</td><td>${p.applicationId}</td>
              <td><${State} state=${p.status} />${p.revocationReason ? html` <span class="muted">${p.revocationReason}</span>` : null}</td>
              <td title=${when(p.tlsNotAfter)}>${relative(p.tlsNotAfter)}</td>
              <td>${may('postpartnerspartneridrevoke') && p.status !== 'REVOKED' && html`<button type="button" class="danger" data-action="revoke-partner" onClick=${() => revoke(p)}>Revoke</button>`}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`}
    <section>
      <h2>Trust store</h2>
      <label>Domain <select value=${domain} data-testid="trust-filter-domain" onChange=${(e: Event) => setDomain((e.target as HTMLSelectElement).value)}>
        ${DOMAINS.map((d) => html`<option value=${d}>${d || 'all'}</option>`)}
      </select></label>
      <table data-testid="trust-table">
        <thead><tr><th>Kind</th><th>Domain</th><th>Subject</th><th>Organisation</th><th>Trust path</th><th>Valid until</th><th>State</th></tr></thead>
        <tbody>
          ${(certificates.data?.certificates ?? []).map(
            (c) => html`<tr data-cert-id=${c.certId} data-kind=${c.kind}>
              <td>${c.kind}</td><td>${c.domain}</td><td class="mono">${c.subject}</td><td>${c.organization ?? '—'}</td>
              <td class="path">${[c, ...trustPath(c, byId)].map((p, i) => html`${i > 0 ? ' ← ' : ''}<span class="mono">${p.subject}</span>`)}</td>
              <td title=${when(c.notAfter)}>${relative(c.notAfter)}</td>
              <td>${c.revoked ? html`<${State} state="REVOKED" />` : html`<${State} state="VALID" />`}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>
    <section>
      <h2>Certificate revocation lists</h2>
      <table data-testid="crl-table">
        <thead><tr><th>Issuer</th><th>This update</th><th>Next update</th><th>Revoked certificates</th></tr></thead>
        <tbody>
          ${(crls.data?.crls ?? []).map(
            (c) => html`<tr><td class="mono">${c.issuer}</td><td>${when(c.thisUpdate)}</td><td class=${c.nextUpdate && Date.parse(c.nextUpdate) < Date.now() ? 'warn' : ''}>${when(c.nextUpdate)}</td><td>${c.revokedCount}</td></tr>`,
          )}
        </tbody>
      </table>
    </section>
    <${ConfirmDialog} action=${pending} onClose=${(done: boolean) => {
      setPending(null);
      if (done) partners.reload();
    }} />
  </${Page}>`;
}
