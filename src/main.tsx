// Global styles first: each component's CSS module comes in with the component, after them, so it wins a tie.
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/tables.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.tsx';
import { applyTheme, storedTheme } from './components/themeStorage.ts';
import { RunRepository } from './persistence/runRepository.ts';
import { useAppStore } from './store/appStore.ts';
import { injectFault } from './store/searchActions.ts';
import { startRung } from './store/startup.ts';
import { applyUrlParams, debugEnabled } from './store/urlParams.ts';
import { setTheme } from './store/viewActions.ts';
import type { InjectedFault } from './worker/protocol.ts';
import { createAnalysisWorkerClient } from './worker/analysisClient.ts';
import { createSearchWorkerClient } from './worker/searchClient.ts';

declare global {
  interface Window {
    /** Test hooks, present only with `?debug=1`. */
    rung?: { injectFault(fault: InjectedFault): void };
  }
}

const theme = storedTheme();
if (theme) setTheme(theme);
applyTheme(useAppStore.getState().theme);

applyUrlParams(window.location.search);
startRung(createSearchWorkerClient(), createAnalysisWorkerClient, () => RunRepository.open(), new URL(import.meta.env.BASE_URL, window.location.href).href);
if (debugEnabled(window.location.search)) window.rung = { injectFault };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
