import type { LayerDraft } from '../../store/spaceDraft.ts';
import { RangeRow } from './RangeRow.tsx';
import styles from './LayerEditor.module.css';
import rangeRow from './RangeRow.module.css';

interface LayerEditorProps {
  layers: LayerDraft[];
  errors: Record<string, string>;
}

/** Per hidden layer: the units range and the dropout range. */
export function LayerEditor({ layers, errors }: LayerEditorProps) {
  return (
    <div className={styles.layers}>
      <div className={`${rangeRow.row} ${styles.head}`} aria-hidden="true">
        <span />
        <span>min</span>
        <span>max</span>
        <span>step</span>
      </div>
      {layers.map((layer, index) => (
        <fieldset key={index} className={styles.layer}>
          <legend>Layer {index + 1}</legend>
          <RangeRow layer={index} which="units" draft={layer.units} errors={errors} />
          <RangeRow layer={index} which="dropout" draft={layer.dropout} errors={errors} />
        </fieldset>
      ))}
    </div>
  );
}
