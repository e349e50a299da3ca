import { render } from 'preact';
import './styles.css';
import { App } from './app';
import { html } from './ui/html';

render(html`<${App} />`, document.getElementById('app')!);
