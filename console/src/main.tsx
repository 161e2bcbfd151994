// Entry point of the web console (served by the API at /app; see console/vite.config.mts).
import { render } from 'preact';
import { App } from './app';
import './styles.css';

render(<App />, document.getElementById('root')!);
