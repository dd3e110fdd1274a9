// A thread for thread-calls.test.ts: reports its own priority, fails on request, or exits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workerData } from 'node:worker_threads';
import { lowerThisThread, serveCalls } from './thread-calls.js';

lowerThisThread((workerData as { nice: number }).nice);
serveCalls((request: 'priority' | 'fail' | 'exit') => {
  if (request === 'fail') throw new Error('asked to fail');
  if (request === 'exit') process.exit(3);
  return os.getPriority(Number(path.basename(fs.readlinkSync('/proc/thread-self'))));
});
