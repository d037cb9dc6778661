import { BackendBadge } from './BackendBadge.tsx';
import { BackendMenu } from './BackendMenu.tsx';
import { RunControls } from './RunControls.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';

export function Header() {
  return (
    <header className="app-header">
      <div className="brand">
        <h1>Rung</h1>
        <span className="brand-tagline">Hyperband search in your browser</span>
        <BackendBadge />
      </div>
      <div className="header-tools">
        <BackendMenu />
        <ThemeToggle />
        <RunControls />
      </div>
    </header>
  );
}
