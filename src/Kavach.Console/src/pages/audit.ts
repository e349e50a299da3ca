import { useState } from 'preact/hooks';
import { html } from '../ui/html';
import { kmDownload, kmGet, kmSend } from '../api';
import { useLoad } from '../ui/load';
import { ErrorNote, Page } from '../ui/components';
import { errorText, when } from '../ui/format';
import type { AuditPage as AuditRecords, AuditRecordRow, AuditVerification } from '../types';

interface Filters {
  from: string;
  to: string;
  actor: string;
  operation: string;
  applicationId: string;
  outcome: string;
}

/** The last day, as a datetime-local value: the trail is read oldest first, so an open window would start at record 1. */
function dayAgo(): string {
  const d = new Date(Date.now() - 86_400_000);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

const EMPTY: Filters = { from: '', to: '', actor: '', operation: '', applicationId: '', outcome: '' };

function query(f: Filters): Record<string, string> {
  // Dates from the form are local days; the API takes instants.
  return {
    ...f,
    from: f.from ? new Date(f.from).toISOString() : '',
    to: f.to ? new Date(f.to).toISOString() : '',
  };
}

export function AuditPage() {
  const [draft, setDraft] = useState<Filters>(() => ({ ...EMPTY, from: dayAgo() }));
  const [filters, setFilters] = useState<Filters>(draft);
  const [more, setMore] = useState<{ records: AuditRecordRow[]; next: AuditRecords['next'] } | null>(null);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const page = useLoad(() => {
    setMore(null);
    return kmGet<AuditRecords>('/audit/records', { ...query(filters), limit: 100 });
  }, [filters]);
  const records = more?.records ?? page.data?.records ?? [];
  const next = more ? more.next : page.data?.next ?? null;

  const field = (name: keyof Filters, label: string, type = 'text') =>
    html`<label>${label} <input type=${type} value=${draft[name]} data-testid=${`audit-filter-${name}`}
      onInput=${(e: Event) => setDraft({ ...draft, [name]: (e.target as HTMLInputElement).value })} /></label>`;

  const loadMore = async () => {
    if (next === null || next === undefined) return;
    const p = await kmGet<AuditRecords>('/audit/records', { ...query(filters), limit: 100, afterSeq: String(next) });
    setMore({ records: [...records, ...p.records], next: p.next });
  };

  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setVerification(await kmSend<AuditVerification>('POST', '/audit/verify', {}));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const exportRecords = async () => {
    setError(null);
    try {
      // The export is the whole chain of the time window (it verifies on its own), not the filtered rows.
      const { from, to } = query(filters);
      const blob = await kmDownload('/audit/export', { from, to });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `kavach-audit-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.jsonl`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return html`<${Page} name="audit" title="Audit trail" ready=${!page.loading}>
    <${ErrorNote} error=${page.error ?? error} />
    <section class="toolbar">
      <button type="button" data-testid="audit-verify" onClick=${verify} disabled=${busy}>Verify chain and checkpoints</button>
      <button type="button" data-testid="audit-export" onClick=${exportRecords}>Export the time window (JSON lines)</button>
      ${verification &&
      html`<span data-testid="audit-verify-result" data-ok=${verification.ok ? 'true' : 'false'} class=${verification.ok ? 'ok' : 'error'}>
        ${verification.ok
          ? `Intact: ${verification.recordsChecked} records and ${verification.checkpointsChecked} checkpoints, up to #${verification.lastSeq}.`
          : `Broken at record #${verification.firstBadSeq ?? '?'}: ${verification.problem ?? 'unknown problem'}`}
      </span>`}
    </section>
    <form class="filters" onSubmit=${(e: Event) => {
      e.preventDefault();
      setFilters(draft);
    }}>
      ${field('from', 'From', 'datetime-local')} ${field('to', 'To', 'datetime-local')} ${field('actor', 'Caller')}
      ${field('operation', 'Operation')} ${field('applicationId', 'Application')} ${field('outcome', 'Outcome')}
      <button type="submit" data-testid="audit-filter-apply">Filter</button>
    </form>
    <table data-testid="audit-table">
      <thead><tr><th>#</th><th>Time</th><th>Caller</th><th>Operation</th><th>Application / reference</th><th>Key</th><th>Outcome</th><th>Detail</th></tr></thead>
      <tbody>
        ${records.map(
          (r) => html`<tr data-seq=${r.seq} data-operation=${r.operation} data-actor=${r.actor ?? ''}>
            <td>${r.seq}</td><td>${when(r.time)}</td><td>${r.actor ?? '—'}<span class="muted"> ${r.authMethod ?? ''}</span></td><td>${r.operation}</td>
            <td>${r.applicationId ?? ''}${r.referenceId ? ' / ' + r.referenceId : ''}</td><td class="mono short" title=${r.keyRef ?? ''}>${r.keyRef ?? ''}</td>
            <td class=${r.outcome === 'SUCCESS' ? '' : 'warn'}>${r.outcome}${r.httpStatus ? ` (${r.httpStatus})` : ''}</td><td class="detail">${r.detail ?? ''}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${next !== null && next !== undefined && html`<button type="button" data-testid="audit-more" onClick=${loadMore}>More</button>`}
  </${Page}>`;
}
