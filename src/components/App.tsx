import { useAppStore } from '../store/appStore.ts';
import { AppUpdateBanner } from './banners/AppUpdateBanner.tsx';
import { InterruptedBanner } from './banners/InterruptedBanner.tsx';
import { StatusBanners } from './banners/StatusBanners.tsx';
import { BestModelPanel } from './BestModelPanel.tsx';
import { BestSoFarPanel } from './BestSoFarPanel.tsx';
import { BracketsView } from './brackets/BracketsView.tsx';
import { CurvesPanel } from './CurvesPanel.tsx';
import { Editor } from './editor/Editor.tsx';
import { Header } from './Header.tsx';
import { ImportancePanel } from './ImportancePanel.tsx';
import { InsightPanel } from './insight/InsightPanel.tsx';
import { Leaderboard } from './leaderboard/Leaderboard.tsx';
import { ModelPanel } from './model/ModelPanel.tsx';
import { Notices } from './Notices.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';
import { RunsPanel } from './runs/RunsPanel.tsx';
import { SKIP_TARGETS, SkipLinks } from './SkipLinks.tsx';

export function App() {
  const runShown = useAppStore((s) => s.run.status !== 'idle');
  return (
    <div className="app">
      <SkipLinks />
      <Header />
      <AppUpdateBanner />
      <StatusBanners />
      <Notices />
      <div className="layout" data-results-first={runShown ? '' : undefined}>
        <aside className="sidebar" aria-label="Search setup">
          <Editor />
        </aside>
        <main className="dashboard" id={SKIP_TARGETS.results} tabIndex={-1}>
          <InterruptedBanner />
          <ProgressPanel />
          <CurvesPanel />
          <div className="dashboard-pair">
            <BestSoFarPanel />
            <BestModelPanel />
          </div>
          <ModelPanel />
          <BracketsView />
          <InsightPanel />
          <Leaderboard />
          <ImportancePanel />
          <RunsPanel />
        </main>
      </div>
    </div>
  );
}
