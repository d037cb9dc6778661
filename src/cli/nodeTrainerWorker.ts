import { parentPort, type TransferListItem } from 'node:worker_threads';
import { chooseNodeBackend } from '../training/nodeBackends.ts';
import { TrainerHost } from '../worker/trainerHost.ts';
import type { TrainerRequest } from '../worker/trainerProtocol.ts';

/** A member of the CLI's trainer pool: the browser's trainer worker, in a Node worker thread. */
const port = parentPort;
if (!port) throw new Error('nodeTrainerWorker.ts runs as a worker thread of `npm run tune`');

const host = new TrainerHost({
  post: (event, transfer = []) => port.postMessage(event, transfer as unknown as TransferListItem[]),
  chooseBackend: (option) => chooseNodeBackend(option === 'wasm' || option === 'cpu' ? option : null),
});

port.on('message', (request: TrainerRequest) => void host.handle(request));
