export { StaticFiles, type StaticFilesOptions } from './static-files.js';
export { parseRange, type ByteRange } from './byte-range.js';
export { contentType } from './content-types.js';
