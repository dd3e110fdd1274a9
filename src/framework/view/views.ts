import fs from 'node:fs';
import path from 'node:path';
import { Eta } from 'eta';
import { TemplateError } from '../errors.js';

export interface ViewsOptions {
  /** The templates folder: `default/` plus one folder per site section. */
  readonly root: string;
  /** Check templates on disk for changes, at most once a second. */
  readonly reload: boolean;
}

const DEFAULT_SECTION = 'default';
const RELOAD_CHECK_MS = 1000;
const SECTION_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Compiled, cached Eta templates found along a search path per site section: a name is looked up
 * in `<root>/<section>/` first, then in `<root>/default/` (the paper's co-branding). Includes and
 * layouts resolve the same way, so a section overrides only the pieces it wants to look different.
 */
export class Views {
  readonly #root: string;
  readonly #reload: boolean;
  readonly #engines = new Map<string, Eta>();
  /** `section\0name` → template file, for every name looked up so far. */
  readonly #resolved = new Map<string, string>();
  /** Template file → modification time when compiled. */
  readonly #compiledAt = new Map<string, number>();
  /** One compiled-template store shared by every section's engine, keyed by file path. */
  #shared: Eta['templatesSync'] | undefined;
  #lastCheck = 0;
  #folderStamp = '';

  constructor(options: ViewsOptions) {
    this.#root = path.resolve(options.root);
    this.#reload = options.reload;
    if (!fs.existsSync(path.join(this.#root, DEFAULT_SECTION))) {
      throw new TemplateError(`no default templates in ${this.#root}`);
    }
  }

  /** Renders template `name` for `section` (folder name; `default` when absent). */
  render(name: string, data: object, section = DEFAULT_SECTION): string {
    if (this.#reload) this.#dropChanged();
    try {
      return this.#engine(section).render(name, data);
    } catch (error) {
      if (error instanceof TemplateError) throw error;
      throw new TemplateError(
        `template '${name}' (section ${section}) failed: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }

  #engine(section: string): Eta {
    let engine = this.#engines.get(section);
    if (engine) return engine;
    if (!SECTION_NAME.test(section)) throw new TemplateError(`bad section name '${section}'`);
    engine = new Eta({ views: this.#root, autoEscape: true, cache: true, cacheFilepaths: false });
    engine.resolvePath = (name: string) => this.#resolve(section, name);
    const shared = (this.#shared ??= engine.templatesSync);
    engine.templatesSync = shared;
    this.#engines.set(section, engine);
    return engine;
  }

  #resolve(section: string, name: string): string {
    const key = `${section}\0${name}`;
    const known = this.#resolved.get(key);
    if (known) return known;
    const file = name.endsWith('.eta') ? name : `${name}.eta`;
    if (file.includes('..') || path.isAbsolute(file))
      throw new TemplateError(`bad template name '${name}'`);
    const folders = section === DEFAULT_SECTION ? [DEFAULT_SECTION] : [section, DEFAULT_SECTION];
    for (const folder of folders) {
      const candidate = path.join(this.#root, folder, file);
      const stat = fs.statSync(candidate, { throwIfNoEntry: false });
      if (stat?.isFile()) {
        this.#resolved.set(key, candidate);
        this.#compiledAt.set(candidate, stat.mtimeMs);
        return candidate;
      }
    }
    throw new TemplateError(`template '${name}' not found for section ${section}`);
  }

  /** Forgets compiled templates whose files changed, and all name lookups (a file may have appeared). */
  #dropChanged(): void {
    const now = Date.now();
    if (now - this.#lastCheck < RELOAD_CHECK_MS) return;
    this.#lastCheck = now;
    let changed = false;
    for (const [file, mtime] of this.#compiledAt) {
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (stat?.mtimeMs !== mtime) {
        this.#shared?.remove(file);
        this.#compiledAt.delete(file);
        changed = true;
      }
    }
    if (changed || this.#newFilesAppeared()) this.#resolved.clear();
  }

  /** A new override file shows as a changed folder modification time. */
  #newFilesAppeared(): boolean {
    const stamp = fs
      .readdirSync(this.#root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${entry.name}:${fs.statSync(path.join(this.#root, entry.name)).mtimeMs}`)
      .join(',');
    const appeared = this.#folderStamp !== '' && stamp !== this.#folderStamp;
    this.#folderStamp = stamp;
    return appeared;
  }
}
