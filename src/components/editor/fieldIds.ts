/** DOM ids for a validation field key such as `units_0.min` or `learning_rate.values.1`. */
export function inputId(field: string): string {
  return `field-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export function errorId(field: string): string {
  return `error-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
