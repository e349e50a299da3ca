// Templates through htm: every interpolated value becomes a text node or a property, never markup, so whatever a
// partner, a device or an operator typed renders as text. Nothing in the console sets innerHTML.
export { html } from 'htm/preact';
