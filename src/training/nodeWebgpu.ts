import { create, globals } from 'webgpu';

/** The adapter Dawn hands out for a high-performance request, as tfjs's WebGPU backend asks for one. */
export interface WebGpuAdapterReport {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** WebGPU's own flag for a software (CPU) implementation. */
  isFallbackAdapter: boolean;
  /** The software rasteriser's name when this is one (SwiftShader, llvmpipe, lavapipe), else null. */
  software: string | null;
  nvidia: boolean;
}

const SOFTWARE_ADAPTERS = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render driver/i;
const NVIDIA_VENDOR_ID = '0x10de';

/**
 * Gives Node what a browser worker has for WebGPU: Dawn's `navigator.gpu` and the GPU* globals,
 * which `@tensorflow/tfjs-backend-webgpu` reads. `dawnFlags` are dawn.node's options (e.g.
 * `backend=vulkan`, `adapter=NAME`). Returns the adapter a high-performance request gets, or null
 * when Dawn finds none (no Vulkan loader, no driver).
 */
export async function installNodeWebGpu(dawnFlags: string[] = []): Promise<WebGpuAdapterReport | null> {
  Object.assign(globalThis, globals);
  const gpu = create(dawnFlags);
  Object.defineProperty(globalThis, 'navigator', { value: { ...(globalThis.navigator ?? {}), gpu }, configurable: true, writable: true });
  // The backend registers itself on import only where navigator.gpu already exists.
  await import('@tensorflow/tfjs-backend-webgpu');
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return null;
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const isFallbackAdapter = Boolean(info.isFallbackAdapter ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter);
  const names = `${info.vendor} ${info.architecture} ${info.device} ${info.description}`;
  const software = SOFTWARE_ADAPTERS.exec(names)?.[0] ?? (isFallbackAdapter ? 'fallback adapter' : null);
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallbackAdapter,
    software,
    nvidia: !software && (/nvidia/i.test(names) || info.vendor.toLowerCase() === NVIDIA_VENDOR_ID),
  };
}
