// Placeholder entry so `vite build` works; the app shell replaces it.
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<h1>Rung</h1>);
