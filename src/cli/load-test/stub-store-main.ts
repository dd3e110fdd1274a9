import { listenStubStore, type StubStoreOptions } from './stub-store.js';

// The stub store's own process (forkStubStore): options as JSON in argv, its address sent back.
const options = JSON.parse(process.argv[2] ?? '{}') as StubStoreOptions;
const { url } = await listenStubStore(options);
process.send?.({ url });
process.on('SIGTERM', () => process.exit(0));
