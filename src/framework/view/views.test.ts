import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Views } from './views.js';
import { TemplateError } from '../errors.js';

describe('Views', () => {
  let root: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-views-'));
    write('default/layout.eta', '<body><%~ include("header", it) %><%~ it.body %></body>');
    write('default/header.eta', '<h1>Store</h1>');
    write('default/page.eta', '<% layout("layout") %><p><%= it.text %></p>');
    write('books/header.eta', '<h1>Bookstore</h1>');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('renders with a layout and an include, escaping data', () => {
    const views = new Views({ root, reload: false });
    assert.equal(
      views.render('page', { text: '<b>&' }),
      '<body><h1>Store</h1><p>&lt;b&gt;&amp;</p></body>',
    );
  });

  it('looks in the section folder first and falls back to the defaults', () => {
    const views = new Views({ root, reload: false });
    assert.match(views.render('page', { text: 'x' }, 'books'), /<h1>Bookstore<\/h1><p>x<\/p>/);
    assert.match(views.render('page', { text: 'x' }, 'toys'), /<h1>Store<\/h1>/);
    assert.match(views.render('page', { text: 'x' }), /<h1>Store<\/h1>/);
  });

  it('picks up a template edited on disk without a restart', async () => {
    const views = new Views({ root, reload: true });
    assert.match(views.render('page', { text: 'x' }), /<h1>Store<\/h1>/);
    await sleep(1100);
    write('default/header.eta', '<h1>Edited</h1>');
    assert.match(views.render('page', { text: 'x' }), /<h1>Edited<\/h1>/);
  });

  it('picks up a section override added on disk', async () => {
    const views = new Views({ root, reload: true });
    assert.match(views.render('page', { text: 'x' }, 'toys'), /<h1>Store<\/h1>/);
    await sleep(1100);
    write('toys/header.eta', '<h1>Toy shop</h1>');
    assert.match(views.render('page', { text: 'x' }, 'toys'), /<h1>Toy shop<\/h1>/);
  });

  it('keeps compiled templates when reloading is off', async () => {
    const views = new Views({ root, reload: false });
    views.render('page', { text: 'x' });
    await sleep(1100);
    write('default/header.eta', '<h1>Edited</h1>');
    assert.match(views.render('page', { text: 'x' }), /<h1>Store<\/h1>/);
  });

  it('reports a missing template or a name escaping the folder as a TemplateError', () => {
    const views = new Views({ root, reload: false });
    assert.throws(() => views.render('nope', {}), TemplateError);
    assert.throws(() => views.render('../secrets', {}), TemplateError);
    assert.throws(() => views.render('page', {}, '../x'), TemplateError);
  });
});
