import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { html } from './html';
import { errorText } from './format';

export function Page(props: { name: string; title: string; ready: boolean; children: ComponentChildren; extra?: Record<string, string> }) {
  return html`<section class="page" data-testid=${`page-${props.name}`} data-ready=${props.ready ? 'true' : 'false'} ...${props.extra ?? {}}>
    <h1>${props.title}</h1>
    ${props.children}
  </section>`;
}

export function ErrorNote(props: { error: string | null }) {
  return props.error ? html`<p class="error" role="alert" data-testid="error">${props.error}</p>` : null;
}

export function Note(props: { text: string | null }) {
  return props.text ? html`<p class="note" role="status" data-testid="notice">${props.text}</p>` : null;
}

export function State(props: { state: string }) {
  return html`<span class=${`state state-${props.state.toLowerCase()}`}>${props.state}</span>`;
}

export interface PendingAction {
  title: string;
  detail: string;
  confirmLabel: string;
  run: (reason: string) => Promise<unknown>;
}

/**
 * Every change an operator makes from the console is confirmed, with a reason that goes into the audit record
 * (the API receives it as X-Kavach-Reason).
 */
export function ConfirmDialog(props: { action: PendingAction | null; onClose: (done: boolean) => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!props.action) return null;
  const action = props.action;
  const close = (done: boolean) => {
    setReason('');
    setError(null);
    setBusy(false);
    props.onClose(done);
  };
  const confirm = async (e: Event) => {
    e.preventDefault();
    if (reason.trim().length < 3) {
      setError('Give a reason (it goes into the audit record).');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await action.run(reason.trim());
      close(true);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  return html`<div class="overlay">
    <form class="dialog" role="dialog" aria-modal="true" aria-labelledby="confirm-title" data-testid="confirm-dialog" onSubmit=${confirm}>
      <h2 id="confirm-title">${action.title}</h2>
      <p>${action.detail}</p>
      <label>Reason (recorded in the audit trail)
        <input type="text" maxlength="200" required value=${reason} data-testid="confirm-reason"
          onInput=${(e: Event) => setReason((e.target as HTMLInputElement).value)} />
      </label>
      <${ErrorNote} error=${error} />
      <div class="buttons">
        <button type="button" data-testid="confirm-cancel" onClick=${() => close(false)} disabled=${busy}>Cancel</button>
        <button type="submit" class="danger" data-testid="confirm-ok" disabled=${busy}>${action.confirmLabel}</button>
      </div>
    </form>
  </div>`;
}
