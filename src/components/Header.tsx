import { BackendBadge } from './BackendBadge.tsx';
import { BackendMenu } from './BackendMenu.tsx';
import { RunControls } from './RunControls.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';
import styles from './Header.module.css';

export function Header() {
  return (
    <header className={styles.header}>
      <div className={styles.brand}>
        <h1>Rung</h1>
        <span className={styles.tagline}>Hyperband search in your browser</span>
        <BackendBadge />
      </div>
      <div className={styles.tools}>
        <BackendMenu />
        <ThemeToggle />
        <RunControls />
      </div>
    </header>
  );
}
