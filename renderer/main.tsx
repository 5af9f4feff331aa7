// Renderer entry: pick the transport, listen to backend events, load the app state, render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setApi } from './api/client.js';
import { createDefaultClient } from './api/create-client.js';
import { App } from './app/App.js';
import { useProjectStore } from './stores/project-store.js';
import { subscribeToBackend } from './stores/subscriptions.js';
import './styles/app.css';

const api = createDefaultClient();
setApi(api);
subscribeToBackend(api);
void useProjectStore.getState().init();

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
