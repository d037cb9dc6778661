import { useEffect } from 'react';
import { useAppStore } from '../store/appStore.ts';
import { setTheme } from '../store/viewActions.ts';
import { applyTheme } from './themeStorage.ts';

export function ThemeToggle() {
  const theme = useAppStore((s) => s.theme);
  useEffect(() => applyTheme(theme), [theme]);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button type="button" className="icon" onClick={() => setTheme(next)} aria-label={`Switch to ${next} theme`} title={`Switch to ${next} theme`}>
      <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
    </button>
  );
}
