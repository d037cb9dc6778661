import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.tsx';
import { applyTheme, storedTheme } from './components/themeStorage.ts';
import { useAppStore } from './store/appStore.ts';
import { connectSearchClient } from './store/searchActions.ts';
import { applyUrlParams } from './store/urlParams.ts';
import { setTheme } from './store/viewActions.ts';
import { createSearchWorkerClient } from './worker/searchClient.ts';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/panels.css';
import './styles/tables.css';
import './styles/brackets.css';
import './styles/charts.css';

const theme = storedTheme();
if (theme) setTheme(theme);
applyTheme(useAppStore.getState().theme);

applyUrlParams(window.location.search);
connectSearchClient(createSearchWorkerClient(), new URL(import.meta.env.BASE_URL, window.location.href).href);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
