import { html } from '../ui/html';
import { kmGet } from '../api';
import { useLoad } from '../ui/load';
import { ErrorNote } from '../ui/components';
import { daysFromNow, when } from '../ui/format';
import type { KeyPage, KeyRow } from '../types';

const BUCKETS = [
  { label: 'Expired or due within 30 days', max: 30 },
  { label: 'Within 90 days', max: 90 },
];

/** What expires in 30 and 90 days, soonest first: the keys the policy job will rotate next. */
export function ExpiryTimeline() {
  const soon = useLoad(() => kmGet<KeyPage>('/keys', { state: 'ACTIVE', expiringWithinDays: 90, limit: 500 }), []);
  const keys = soon.data?.keys ?? [];
  const sorted = [...keys].sort((a, b) => (a.expiresAt ?? '').localeCompare(b.expiresAt ?? ''));
  let lower = -Infinity;
  const buckets = BUCKETS.map((b) => {
    const inBucket = sorted.filter((k: KeyRow) => {
      const d = daysFromNow(k.expiresAt);
      return d !== null && d > lower && d <= b.max;
    });
    lower = b.max;
    return { ...b, keys: inBucket };
  });
  return html`<section data-testid="expiry-timeline" data-ready=${soon.loading ? 'false' : 'true'}>
    <h2>Expiry</h2>
    <${ErrorNote} error=${soon.error} />
    ${sorted.length > 0 && html`<p>Next to rotate: <strong class="mono">${sorted[0].alias}</strong> (${sorted[0].applicationId}${sorted[0].referenceId ? ' / ' + sorted[0].referenceId : ''}), ${when(sorted[0].expiresAt)}.</p>`}
    <div class="timeline">
      ${buckets.map(
        (b) => html`<div class="bucket" data-days=${b.max}>
          <h3>${b.label}: ${b.keys.length}</h3>
          <ul>${b.keys.slice(0, 50).map((k) => html`<li data-key-alias=${k.alias}><span class="mono">${k.applicationId}${k.referenceId ? ' / ' + k.referenceId : ''}</span> — ${when(k.expiresAt)}</li>`)}</ul>
          ${b.keys.length > 50 && html`<p class="muted">and ${b.keys.length - 50} more</p>`}
        </div>`,
      )}
    </div>
  </section>`;
}
