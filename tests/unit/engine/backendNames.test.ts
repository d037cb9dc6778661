import { describe, expect, it } from 'vitest';
import { BACKEND_NAMES, BACKEND_REQUESTS, isBackendRequest, isGpuBackend } from '../../../src/engine/backendNames.ts';

describe('backend names', () => {
  it('offers auto first, then every backend fastest first', () => {
    expect(BACKEND_REQUESTS).toEqual(['auto', 'webgpu', 'webgl', 'wasm', 'cpu']);
  });

  it('accepts only the known requests', () => {
    expect(BACKEND_REQUESTS.every(isBackendRequest)).toBe(true);
    expect(isBackendRequest('tensorflow')).toBe(false);
    expect(isBackendRequest('')).toBe(false);
  });

  it('calls WebGL and WebGPU the GPU backends', () => {
    expect(BACKEND_NAMES.filter(isGpuBackend)).toEqual(['webgpu', 'webgl']);
    expect(isGpuBackend('wasm')).toBe(false);
  });
});
