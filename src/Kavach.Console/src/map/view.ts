// Draws the map with Cytoscape.js on a canvas: pan, zoom, and a click that selects a node. Labels are drawn as text on
// the canvas, so no name from the data ever becomes markup.
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useEffect, useRef } from 'preact/hooks';
import { html } from '../ui/html';
import type { MapModel, NodeKind } from './model';

const COLOURS: Record<NodeKind, string> = {
  root: '#7a1f1f',
  module: '#b5542a',
  reference: '#d9a23a',
  more: '#bbbbbb',
  caller: '#2b6cb0',
  role: '#6b46c1',
  domain: '#276749',
  ca: '#38a169',
  partner: '#81c784',
  deviceca: '#2c5282',
  devices: '#63b3ed',
};

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'text-wrap': 'wrap',
      'text-max-width': '180px',
      'font-size': 11,
      'text-valign': 'center',
      'text-halign': 'right',
      'text-margin-x': 5,
      'background-color': 'data(colour)',
      width: 'data(size)',
      height: 'data(size)',
      color: '#1a202c',
    },
  },
  { selector: 'node[kind = "caller"]', style: { shape: 'round-rectangle' } },
  { selector: 'node[kind = "role"]', style: { shape: 'diamond' } },
  { selector: 'node[kind = "domain"], node[kind = "deviceca"], node[kind = "root"]', style: { shape: 'hexagon' } },
  {
    selector: 'edge',
    style: { width: 1.2, 'line-color': '#a0aec0', 'target-arrow-color': '#a0aec0', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'font-size': 8, color: '#4a5568' },
  },
  { selector: 'edge[kind = "used-by"]', style: { 'line-color': '#2b6cb0', 'target-arrow-color': '#2b6cb0', label: 'data(label)', width: 'data(weight)', 'text-opacity': 0 } },
  { selector: 'edge[kind = "may-use"]', style: { 'line-style': 'dashed', 'line-color': '#6b46c1', 'target-arrow-color': '#6b46c1', label: 'data(label)', 'text-opacity': 0 } },
  // What an edge says (operations and counts, rules) shows for the selected node's edges only: all at once is noise.
  { selector: 'edge.focus', style: { 'text-opacity': 1, 'text-background-color': '#ffffff', 'text-background-opacity': 0.85 } },
  { selector: '.match', style: { 'border-width': 4, 'border-color': '#e53e3e' } },
  { selector: ':selected', style: { 'border-width': 4, 'border-color': '#1a202c' } },
  { selector: '.faded', style: { opacity: 0.2 } },
];

function elements(model: MapModel): ElementDefinition[] {
  const nodes: ElementDefinition[] = model.nodes.map((n) => ({
    group: 'nodes',
    data: { id: n.id, label: n.label, kind: n.kind, colour: COLOURS[n.kind], size: 18 + Math.min(30, Math.log10((n.count ?? 1) + 1) * 8) },
  }));
  const edges: ElementDefinition[] = model.edges.map((e) => ({
    group: 'edges',
    data: { id: e.id, source: e.from, target: e.to, kind: e.kind, label: e.label, weight: 1 + Math.min(6, Math.log10((e.count ?? 1) + 1) * 2) },
  }));
  return [...nodes, ...edges];
}

export function MapCanvas(props: { model: MapModel; search: string; selected: string | null; onSelect: (id: string | null) => void; onDrawn: () => void }) {
  const container = useRef<HTMLDivElement>(null);
  const graph = useRef<Core | null>(null);
  const select = useRef(props.onSelect);
  select.current = props.onSelect;

  useEffect(() => {
    const cy = cytoscape({ container: container.current, style: STYLE, wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 4, textureOnViewport: true, hideEdgesOnViewport: true });
    cy.on('tap', 'node', (e) => {
      cy.edges().removeClass('focus');
      e.target.connectedEdges().addClass('focus');
      select.current(e.target.id() as string);
    });
    cy.on('tap', (e) => {
      if (e.target === cy) {
        cy.edges().removeClass('focus');
        select.current(null);
      }
    });
    graph.current = cy;
    return () => cy.destroy();
  }, []);

  useEffect(() => {
    const cy = graph.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements().remove();
      cy.add(elements(props.model));
    });
    // A layered tree read left to right: ROOT, module keys, references, callers (and the trust and device trees below),
    // so twenty module keys make a column, not a row too thin to read. Cytoscape's breadthfirst lays levels out top-down;
    // swapping the axes turns it.
    const roots = ['root', ...props.model.nodes.filter((n) => n.kind === 'domain').map((n) => n.id), 'deviceca'].filter((id) => cy.getElementById(id).nonempty());
    const layout = cy.layout({
      name: 'breadthfirst',
      directed: true,
      roots,
      animate: false,
      spacingFactor: 1,
      avoidOverlap: false,
      fit: true,
      padding: 24,
      transform: (_node, position) => ({ x: position.y * 2.2, y: position.x * 0.62 }),
    });
    layout.one('layoutstop', () => props.onDrawn());
    layout.run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.model]);

  useEffect(() => {
    const cy = graph.current;
    if (!cy) return;
    const text = props.search.trim().toLowerCase();
    cy.batch(() => {
      cy.elements().removeClass('match faded');
      if (!text) return;
      const text_ = new Map(props.model.nodes.map((m) => [m.id, `${m.label} ${m.keywords}`.toLowerCase()]));
      const hits = cy.nodes().filter((n) => text_.get(n.id())?.includes(text) ?? false);
      hits.addClass('match');
      cy.elements().not(hits.closedNeighborhood()).addClass('faded');
      if (hits.nonempty()) cy.fit(hits.closedNeighborhood(), 60);
    });
  }, [props.search, props.model]);

  // A node chosen elsewhere (the list, the details) is selected and brought into view here too.
  useEffect(() => {
    const cy = graph.current;
    if (!cy || !props.selected) return;
    const node = cy.getElementById(props.selected);
    if (node.empty() || node.selected()) return;
    cy.elements().unselect();
    cy.edges().removeClass('focus');
    node.select();
    node.connectedEdges().addClass('focus');
    cy.center(node);
  }, [props.selected, props.model]);

  return html`<div class="map-canvas" data-testid="map-canvas" ref=${container} role="img" aria-label="Key-user map (the table below lists the same nodes and links)"></div>`;
}
