// Preloaded into every child the supervisor starts (`node --import <this file> bin/yuletide.js
// app …`), so a child stops when its supervisor is gone, even one killed with SIGKILL that could
// not stop its children itself. The children's own code needs nothing for it.
import { isMainThread } from 'node:worker_threads';

/** A child still running this long after its graceful stop began is ended at once. */
const STOP_GRACE_MS = 15_000;

/** Stops this process the way the supervisor would have: SIGTERM, which runs its graceful stop. */
function parentGone(): void {
  setTimeout(() => process.exit(1), STOP_GRACE_MS).unref();
  process.kill(process.pid, 'SIGTERM');
}

// The supervisor spawns each child with an IPC channel and never closes it: the channel ends
// only when the supervisor's process does, however it ended. Worker threads (the search
// daemon's) load this file too, and leave the watching to their process's main thread.
if (isMainThread && process.channel) {
  // Not a reason to keep running: a child that finishes its work exits as it would without it.
  process.channel.unref();
  process.once('disconnect', parentGone);
}
