/**
 * Runs an import's preparation (parse, validate, resolve, tag) off the main thread, so that it
 * overlaps with the writes the main thread sends; see import.preparation.ts for the protocol.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PublicationRecord } from '../domain/import.types';
import { ImportPreparer } from '../ingest/prepare-import';
import type { PreparationRequest, PreparationMessage } from './import.preparation';

/** Entries resolved between two checks of the batch size. */
const STEP = 64;

if (parentPort) {
  const port = parentPort;
  const post = (message: PreparationMessage): void => port.postMessage(message);
  const { files, skipInvalid, batchSize, taxonomy } = workerData as PreparationRequest;
  const preparer = new ImportPreparer(files, { skipInvalid, taxonomy });
  const parsed = preparer.parsedInput();
  post({ kind: 'parsed', ...parsed });
  let batch: PublicationRecord[] = [];
  while (!preparer.done) {
    batch.push(...preparer.resolveNext(STEP));
    if (batch.length >= batchSize || preparer.done) {
      post({ kind: 'batch', records: batch, blocked: preparer.problems.length > 0 });
      batch = [];
    }
  }
  // With an id listed twice a record may have changed after it was posted: send the final ones.
  const { records, problems, skipped } = preparer.result();
  post({ kind: 'end', problems, skipped, records: parsed.merges ? records : undefined });
}
