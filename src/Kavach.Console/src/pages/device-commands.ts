import { html } from '../ui/html';
import { devGet } from '../api';
import { useLoad } from '../ui/load';
import { ErrorNote, State } from '../ui/components';
import { when } from '../ui/format';
import type { Command } from '../types';

/** One device's commands with their states and results. */
export function DeviceCommands(props: { serial: string }) {
  const commands = useLoad(() => devGet<{ commands: Command[] }>(`/admin/devices/${encodeURIComponent(props.serial)}/commands`).then((r) => r.commands), [props.serial]);
  return html`<div class="details" data-testid="device-commands" data-ready=${commands.loading ? 'false' : 'true'}>
    <h3>Commands of <span class="mono">${props.serial}</span></h3>
    <${ErrorNote} error=${commands.error} />
    <table>
      <thead><tr><th>Command</th><th>Kind</th><th>State</th><th>Created</th><th>By</th><th>Attempts</th><th>Completed</th><th>Result</th></tr></thead>
      <tbody>${(commands.data ?? []).map(
        (c) => html`<tr data-command-id=${c.id}><td class="mono">${c.id.slice(0, 8)}</td><td>${c.kind}</td><td><${State} state=${c.state} /></td>
          <td>${when(c.createdAt)}</td><td>${c.createdBy}</td><td>${c.attempts}</td><td>${when(c.completedAt ?? c.expiresAt)}</td>
          <td>${c.result ? Object.entries(c.result.values).map(([k, v]) => `${k}=${v}`).join(' ') : ''}</td></tr>`,
      )}</tbody>
    </table>
  </div>`;
}
