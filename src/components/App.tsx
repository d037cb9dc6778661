import { AppUpdateBanner } from './banners/AppUpdateBanner.tsx';
import { InterruptedBanner } from './banners/InterruptedBanner.tsx';
import { StatusBanners } from './banners/StatusBanners.tsx';
import { BestModelPanel } from './BestModelPanel.tsx';
import { BestSoFarPanel } from './BestSoFarPanel.tsx';
import { BracketsView } from './brackets/BracketsView.tsx';
import { CurvesPanel } from './CurvesPanel.tsx';
import { Editor } from './editor/Editor.tsx';
import { Header } from './Header.tsx';
import { Leaderboard } from './leaderboard/Leaderboard.tsx';
import { ModelPanel } from './model/ModelPanel.tsx';
import { Notices } from './Notices.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';
import { RunsPanel } from './runs/RunsPanel.tsx';

export function App() {
  return (
    <div className="app">
      <Header />
      <AppUpdateBanner />
      <StatusBanners />
      <Notices />
      <div className="layout">
        <aside className="sidebar" aria-label="Search setup">
          <Editor />
        </aside>
        <main className="dashboard">
          <InterruptedBanner />
          <ProgressPanel />
          <CurvesPanel />
          <div className="dashboard-pair">
            <BestSoFarPanel />
            <BestModelPanel />
          </div>
          <ModelPanel />
          <BracketsView />
          <Leaderboard />
          <RunsPanel />
        </main>
      </div>
    </div>
  );
}
