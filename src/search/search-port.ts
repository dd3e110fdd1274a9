/** The daemon's port when neither `--port` nor SEARCH_URL says otherwise. */
export const DEFAULT_SEARCH_PORT = 8090;
