import { BestModelPanel } from './BestModelPanel.tsx';
import { BestSoFarPanel } from './BestSoFarPanel.tsx';
import { BracketsView } from './brackets/BracketsView.tsx';
import { CurvesPanel } from './CurvesPanel.tsx';
import { Editor } from './editor/Editor.tsx';
import { Header } from './Header.tsx';
import { Leaderboard } from './leaderboard/Leaderboard.tsx';
import { Notices } from './Notices.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';

export function App() {
  return (
    <div className="app">
      <Header />
      <Notices />
      <div className="layout">
        <aside className="sidebar" aria-label="Search setup">
          <Editor />
        </aside>
        <main className="dashboard">
          <ProgressPanel />
          <CurvesPanel />
          <div className="dashboard-pair">
            <BestSoFarPanel />
            <BestModelPanel />
          </div>
          <BracketsView />
          <Leaderboard />
        </main>
      </div>
    </div>
  );
}
