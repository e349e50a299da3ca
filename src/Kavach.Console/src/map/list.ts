import { html } from '../ui/html';
import type { MapModel } from './model';

/** The map as a table: the same nodes and links for screen readers, keyboards and tests. */
export function MapList(props: { model: MapModel; onSelect: (id: string) => void }) {
  const labels = new Map(props.model.nodes.map((n) => [n.id, n.label.split('\n')[0]]));
  return html`<details class="map-list" data-testid="map-list">
    <summary>${props.model.nodes.length} nodes and ${props.model.edges.length} links as a list</summary>
    <table>
      <thead><tr><th>Node</th><th>Kind</th></tr></thead>
      <tbody>
        ${props.model.nodes.map(
          (n) => html`<tr data-node-id=${n.id} data-node-kind=${n.kind} data-node-label=${labels.get(n.id)}>
            <td><button type="button" class="link" onClick=${() => props.onSelect(n.id)}>${labels.get(n.id)}</button></td><td>${n.kind}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    <table>
      <thead><tr><th>From</th><th>Link</th><th>To</th></tr></thead>
      <tbody>
        ${props.model.edges.map(
          (e) => html`<tr data-edge=${e.id} data-edge-from=${e.from} data-edge-to=${e.to} data-edge-kind=${e.kind}>
            <td>${labels.get(e.from)}</td><td>${e.kind}: ${e.label}</td><td>${labels.get(e.to)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}
