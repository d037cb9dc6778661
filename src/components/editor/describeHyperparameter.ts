import type { Hyperparameter } from '../../engine/hyperparameters.ts';

/** One line for a hyperparameter the form cannot edit, e.g. "int 32–512, log sampling". */
export function describeHyperparameter(hp: Hyperparameter): string {
  switch (hp.type) {
    case 'int':
    case 'float': {
      const step = hp.step === undefined ? '' : `, step ${hp.step}`;
      const sampling = hp.sampling && hp.sampling !== 'linear' ? `, ${hp.sampling.replace('_', ' ')} sampling` : '';
      return `${hp.type} ${hp.min}–${hp.max}${step}${sampling}`;
    }
    case 'choice':
      return `one of ${hp.values.map(String).join(', ')}`;
    case 'fixed':
      return `fixed at ${String(hp.value)}`;
    case 'boolean':
      return 'true or false';
  }
}
