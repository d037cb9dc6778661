import styles from './FieldInput.module.css';

interface FieldInputProps {
  /** The validation key, e.g. `maxEpochs` or `units_0.min`: it names the error shown for this input. */
  field: string;
  value: string;
  error: string | undefined;
  onChange(value: string): void;
  /** The accessible name when no visible <label> points at the input. */
  ariaLabel?: string;
  disabled?: boolean;
  placeholder?: string;
  /** Extra description, e.g. why the input is locked. */
  describedBy?: string;
  inputMode?: 'numeric' | 'decimal';
}

/**
 * A text input for a number as typed: kept as a string so "0." survives until it is finished, and
 * validated at the field (aria-invalid, aria-describedby → the message).
 */
export function FieldInput({ field, value, error, onChange, ariaLabel, disabled, placeholder, describedBy, inputMode = 'decimal' }: FieldInputProps) {
  const described = [error ? errorId(field) : null, describedBy].filter(Boolean).join(' ') || undefined;
  return (
    <input
      id={inputId(field)}
      type="text"
      inputMode={inputMode}
      autoComplete="off"
      spellCheck={false}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-label={ariaLabel}
      aria-invalid={error ? true : undefined}
      aria-describedby={described}
      disabled={disabled}
      placeholder={placeholder}
      data-field={field}
    />
  );
}

export function FieldMessage({ field, error, prefix }: { field: string; error: string | undefined; prefix?: string }) {
  if (!error) return null;
  return (
    <p className={styles.error} id={errorId(field)}>
      {prefix && <span className={styles.prefix}>{prefix}: </span>}
      {error}
    </p>
  );
}

/** DOM ids for a validation field key such as `units_0.min` or `learning_rate.values.1`. */
export function inputId(field: string): string {
  return `field-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export function errorId(field: string): string {
  return `error-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
