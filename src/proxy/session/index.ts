export { SessionMinter } from './session-minter.js';
export { VerifiedCookies } from './verified-cookies.js';
