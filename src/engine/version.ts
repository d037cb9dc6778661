import { version } from '../../package.json';

/** Rung's version, from package.json; exported configurations record it. */
export const RUNG_VERSION: string = version;
