import { useState } from 'preact/hooks';
import { html } from '../ui/html';
import { signInWithOidc, signInWithToken } from '../auth';
import { ErrorNote } from '../ui/components';
import { errorText } from '../ui/format';
import { pageStart } from '../ui/timing';
import type { ConsoleConfig } from '../types';

export function SignInPage(props: { config: ConsoleConfig }) {
  useState(pageStart);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signInWithToken(token);
      setToken('');
      if (!location.hash || location.hash === '#/signin') location.hash = '#/map';
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const oidc = async () => {
    setError(null);
    try {
      await signInWithOidc();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return html`<main class="center">
    <section class="signin page" data-testid="page-signin" data-ready="true">
      <h1>Kavach console</h1>
      ${props.config.oidc &&
      html`<p><button type="button" class="primary" data-testid="signin-oidc" onClick=${oidc}>Sign in with ${new URL(props.config.oidc.authority).host}</button></p>
        <p class="muted">or</p>`}
      <form onSubmit=${submit}>
        <label>Access token
          <input type="password" autocomplete="off" spellcheck="false" data-testid="signin-token" value=${token}
            onInput=${(e: Event) => setToken((e.target as HTMLInputElement).value)} />
        </label>
        <p class="muted">On the embedded default, the local administrator's token is in <code>data/admin.token</code>.</p>
        <button type="submit" data-testid="signin-token-submit" disabled=${busy}>Sign in</button>
      </form>
      <${ErrorNote} error=${error} />
    </section>
  </main>`;
}
