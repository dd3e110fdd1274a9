export { SessionMinter } from './session-minter.js';
