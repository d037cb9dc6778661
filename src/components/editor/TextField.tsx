import { FieldInput, FieldMessage } from './FieldInput.tsx';
import { inputId } from './FieldInput.tsx';

interface TextFieldProps {
  field: string;
  label: string;
  /** Read before the visible label by screen readers, e.g. "Hyperband" before "iterations". */
  hiddenLabelPrefix?: string;
  value: string;
  error: string | undefined;
  onChange(value: string): void;
  disabled?: boolean;
  placeholder?: string;
  hint?: string;
  describedBy?: string;
  inputMode?: 'numeric' | 'decimal';
}

/** A labelled number field with its validation message right below it. */
export function TextField({ field, label, hiddenLabelPrefix, hint, ...input }: TextFieldProps) {
  return (
    <div className="field">
      <label htmlFor={inputId(field)}>
        {hiddenLabelPrefix && <span className="visually-hidden">{hiddenLabelPrefix} </span>}
        {label}
        {hint && <span className="field-hint"> {hint}</span>}
      </label>
      <FieldInput field={field} {...input} />
      <FieldMessage field={field} error={input.error} />
    </div>
  );
}
