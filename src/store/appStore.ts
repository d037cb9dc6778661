import { create } from 'zustand';
import type { RunSummary } from '../persistence/records.ts';
import type { BackendRequest } from '../engine/backendNames.ts';
import type { BackendInfo } from '../worker/protocol.ts';
import type { BestSoFarPoint } from './selectors/curves.ts';
import type { ImportanceAnalysis } from './selectors/importance.ts';
import type { Brushes } from './selectors/insight.ts';
import { initialRunState, type RunState, type TrialViewStatus } from './runState.ts';
import { initialModelViewState, type ModelViewState } from './modelView.ts';
import { defaultSettingsDraft, type SettingsDraft } from './settingsDraft.ts';
import { referenceDraft, type SpaceDraft } from './spaceDraft.ts';

export type Theme = 'light' | 'dark';
export type SortDirection = 'asc' | 'desc';

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  message: string;
}

export interface AppState {
  spaceDraft: SpaceDraft;
  settingsDraft: SettingsDraft;
  backendChoice: BackendRequest;
  backend: BackendInfo | null;
  backendStatus: 'initialising' | 'ready' | 'error';
  run: RunState;
  selectedTrialId: string | null;
  showTrainingMetrics: boolean;
  /** The budget (epochs) the importance chart was set to; null follows the default budget. */
  importanceEpochs: number | null;
  /** The analysis worker's latest importance answers, and the question it is computing. */
  importanceAnalysis: ImportanceAnalysis;
  leaderboardSort: { key: string; direction: SortDirection };
  statusFilter: TrialViewStatus | 'all';
  /** Ranges brushed on the parallel coordinates' axes, by axis key; they filter the leaderboard and the curves. */
  brushes: Brushes;
  theme: Theme;
  notices: Notice[];
  /** The last import or URL problem, shown beside the import button until the next success. */
  importError: string | null;
  /** Stored runs, newest first. */
  runs: RunSummary[];
  storage: StorageState;
  /**
   * `writer`: this tab runs searches and writes them. `readOnly`: another tab does; this one watches.
   * Web Locks decide, so two tabs never write one run.
   */
  access: 'pending' | 'writer' | 'readOnly';
  /** Runs whose best-so-far curves are drawn together, with those curves. */
  compare: { runIds: string[]; curves: Record<string, BestSoFarPoint[]> };
  /** The browser is throttling this tab (it is hidden, or its timers fire late). */
  throttled: boolean;
  /**
   * The run this tab's own search worker last started or resumed (null before any). Only that run
   * can be retrained here, and the worker's events apply to the run shown only while it is that one.
   */
  workerRunId: string | null;
  model: ModelViewState;
}

export interface StorageState {
  available: boolean;
  usageBytes: number | null;
  quotaBytes: number | null;
  persisted: boolean | null;
  /** Why runs cannot be stored in this browser (IndexedDB failed to open), or null. */
  unavailableReason: string | null;
}

export function initialAppState(): AppState {
  return {
    spaceDraft: referenceDraft(),
    settingsDraft: defaultSettingsDraft(),
    backendChoice: 'auto',
    backend: null,
    backendStatus: 'initialising',
    run: initialRunState(),
    selectedTrialId: null,
    showTrainingMetrics: false,
    importanceEpochs: null,
    importanceAnalysis: { answers: [], pendingKey: null },
    leaderboardSort: { key: 'rank', direction: 'asc' },
    statusFilter: 'all',
    brushes: {},
    theme: 'dark',
    notices: [],
    importError: null,
    runs: [],
    storage: { available: false, usageBytes: null, quotaBytes: null, persisted: null, unavailableReason: null },
    access: 'pending',
    compare: { runIds: [], curves: {} },
    throttled: false,
    workerRunId: null,
    model: initialModelViewState(),
  };
}

/** The one store. Components read it through selectors; every change goes through src/store/actions. */
export const useAppStore = create<AppState>()(() => initialAppState());
