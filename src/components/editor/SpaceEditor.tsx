import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/appStore.ts';
import { SCHEDULE_LOCK_REASON } from '../../store/editorActions.ts';
import { selectDraftValidation } from '../../store/selectors/draftValidation.ts';
import { isActiveStatus } from '../../store/selectors/runActivity.ts';
import { ApplySpaceButton } from './ApplySpaceButton.tsx';
import { LayerCountStepper } from './LayerCountStepper.tsx';
import { LayerEditor } from './LayerEditor.tsx';
import { LearningRateEditor } from './LearningRateEditor.tsx';
import { UnplacedErrors } from './UnplacedErrors.tsx';

export function SpaceEditor() {
  const { draft, errors, locked } = useAppStore(
    useShallow((s) => ({ draft: s.spaceDraft, errors: selectDraftValidation(s).errors, locked: isActiveStatus(s.run.status) })),
  );
  return (
    <div>
      <UnplacedErrors errors={errors} draft={draft} />
      <LayerCountStepper count={draft.layers.length} locked={locked} lockReasonId="schedule-lock-reason-layers" error={errors.layers} />
      {locked && <p className="lock-reason" id="schedule-lock-reason-layers">{SCHEDULE_LOCK_REASON}</p>}
      <LayerEditor layers={draft.layers} errors={errors} />
      <LearningRateEditor draft={draft.learningRate} errors={errors} />
      <ApplySpaceButton />
    </div>
  );
}
