export { SessionCookies, DEFAULT_SESSION_COOKIE } from './session-cookies.js';
