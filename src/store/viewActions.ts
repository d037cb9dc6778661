import { useAppStore, type Theme } from './appStore.ts';
import type { TrialViewStatus } from './runState.ts';

export function selectTrial(trialId: string | null): void {
  useAppStore.setState((s) => ({ selectedTrialId: s.selectedTrialId === trialId ? null : trialId }));
}

export function toggleTrainingMetrics(): void {
  useAppStore.setState((s) => ({ showTrainingMetrics: !s.showTrainingMetrics }));
}

export function chooseImportanceBudget(epochs: number): void {
  useAppStore.setState({ importanceEpochs: epochs });
}

/** A second click on the same column flips the direction. */
export function sortLeaderboard(key: string): void {
  useAppStore.setState((s) => ({
    leaderboardSort: { key, direction: s.leaderboardSort.key === key && s.leaderboardSort.direction === 'asc' ? 'desc' : 'asc' },
  }));
}

export function filterLeaderboard(status: TrialViewStatus | 'all'): void {
  useAppStore.setState({ statusFilter: status });
}

export function setTheme(theme: Theme): void {
  useAppStore.setState({ theme });
}
