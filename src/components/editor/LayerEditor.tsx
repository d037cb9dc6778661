import type { LayerDraft } from '../../store/spaceDraft.ts';
import { RangeRow } from './RangeRow.tsx';

interface LayerEditorProps {
  layers: LayerDraft[];
  errors: Record<string, string>;
}

/** Per hidden layer: the units range and the dropout range. */
export function LayerEditor({ layers, errors }: LayerEditorProps) {
  return (
    <div className="layers">
      <div className="range-row range-row--head" aria-hidden="true">
        <span />
        <span>min</span>
        <span>max</span>
        <span>step</span>
      </div>
      {layers.map((layer, index) => (
        <fieldset key={index} className="layer">
          <legend>Layer {index + 1}</legend>
          <RangeRow layer={index} which="units" draft={layer.units} errors={errors} />
          <RangeRow layer={index} which="dropout" draft={layer.dropout} errors={errors} />
        </fieldset>
      ))}
    </div>
  );
}
