import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../engine/backendNames.ts';
import { chooseBackend, type BackendChoice } from './backends.ts';

/** The device under the backend went away (a lost WebGL context, a lost WebGPU device). */
export class BackendLostError extends Error {}

interface WebGlBackend {
  gpgpu?: { gl?: WebGL2RenderingContext & { canvas: EventTarget } };
}

interface WebGpuBackend {
  device?: { lost: Promise<{ message: string }>; destroy(): void };
}

/**
 * Watches the GPU behind the current backend. Training loops call `check()` between batches, which
 * throws once the device is lost; `restore()` then brings the backend back, or the next one in order.
 */
export class BackendHealth {
  private lostReason: string | null = null;

  /** `onRestored` hears when a lost GPU was brought back, or replaced by the next backend. */
  constructor(
    private backend: BackendName,
    private readonly onRestored: (choice: BackendChoice) => void = () => undefined,
  ) {
    this.watch();
  }

  get current(): BackendName {
    return this.backend;
  }

  /** Also asks WebGL directly: an error can surface before the context-lost event is delivered. */
  get isLost(): boolean {
    if (this.lostReason === null && this.backend === 'webgl' && (tf.backend() as unknown as WebGlBackend).gpgpu?.gl?.isContextLost()) {
      this.lostReason = 'the WebGL context was lost';
    }
    return this.lostReason !== null;
  }

  check(): void {
    if (this.isLost) throw new BackendLostError(this.lostReason!);
  }

  /** Forces a WebGL context loss, through the WEBGL_lose_context extension; for fault tests. */
  loseContext(): boolean {
    const gl = (tf.backend() as unknown as WebGlBackend).gpgpu?.gl;
    const extension = gl?.getExtension('WEBGL_lose_context');
    extension?.loseContext();
    return Boolean(extension);
  }

  /** Destroys the WebGPU device, which resolves its `lost` promise as a real loss would; for fault tests. */
  loseDevice(): boolean {
    const device = this.backend === 'webgpu' ? (tf.backend() as unknown as WebGpuBackend).device : undefined;
    device?.destroy();
    return Boolean(device);
  }

  /** A fresh instance of the same backend, or the next that works; the caller re-uploads its tensors. */
  async restore(): Promise<BackendChoice> {
    const lost = this.backend;
    const factory = tf.findBackendFactory(lost);
    tf.removeBackend(lost);
    if (factory) tf.registerBackend(lost, factory, lost === 'webgpu' ? 3 : 2);
    const choice = await chooseBackend(lost);
    this.backend = choice.backend;
    this.lostReason = null;
    this.watch();
    this.onRestored(choice);
    return choice;
  }

  private watch(): void {
    const backend = tf.backend() as unknown as WebGlBackend & WebGpuBackend;
    if (this.backend === 'webgl') {
      backend.gpgpu?.gl?.canvas.addEventListener('webglcontextlost', () => (this.lostReason = 'the WebGL context was lost'));
    } else if (this.backend === 'webgpu') {
      void backend.device?.lost.then((info) => (this.lostReason = `the WebGPU device was lost${info.message ? `: ${info.message}` : ''}`));
    }
  }
}
