// End-to-end browser tests of `orbat serve`: headless Chromium (Debian's) driven by
// playwright-core. Ingests examples/ into a temporary database, starts the server on a
// free loopback port, and checks the page: network, time slider, profile with evidence,
// document view with the highlighted sentence, search, ingest, export, and that markup
// inside documents renders as text.
//
// Run: node --test web/tests/*.mjs   (after scripts/setup.sh; ORBAT_BIN, CHROMIUM and
// ORBAT_WEB_DIR override the defaults). Screenshots go to $SCREENSHOT_DIR or a temp
// folder; UPDATE_DOCS=1 also writes docs/screenshot.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, existsSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = process.env.ORBAT_BIN || path.join(ROOT, 'build/orbat');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WEB_DIR = process.env.ORBAT_WEB_DIR || path.join(ROOT, 'web/dist');
const TMP = mkdtempSync(path.join(tmpdir(), 'orbat-e2e-'));
const SHOTS = process.env.SCREENSHOT_DIR || path.join(TMP, 'screenshots');
mkdirSync(SHOTS, { recursive: true });

let server;
const DB = path.join(TMP, 'orbat.db');
let base;
let context;
let page;
const pageErrors = [];
const dialogs = [];

function startServer(db) {
  return new Promise((resolve, reject) => {
    const proc = spawn(BIN, ['serve', '--db', db, '--port', '0', '--host', '127.0.0.1'], {
      env: { ...process.env, ORBAT_WEB_DIR: WEB_DIR },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}${err}`)), 30000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) { clearTimeout(timer); resolve({ proc, url: m[1] }); }
    });
    proc.stderr.on('data', (d) => { err += d; if (process.env.E2E_VERBOSE) process.stderr.write(d); });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}): ${err}`)); });
  });
}

async function shot(name) {
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

// Clicks a node of the cytoscape graph by entity name, with a real mouse click.
async function clickNode(name) {
  const pos = await page.evaluate((n) => {
    const cy = window.orbat.cy;
    const node = cy.nodes().filter((x) => x.data('name') === n)[0];
    if (!node) return null;
    const r = cy.container().getBoundingClientRect();
    let p = node.renderedPosition();
    if (p.x < 20 || p.y < 20 || p.x > r.width - 20 || p.y > r.height - 20) {
      cy.center(node);
      p = node.renderedPosition();
    }
    return { x: r.left + p.x, y: r.top + p.y };
  }, name);
  assert.ok(pos, `node ${name} is in the network`);
  await page.mouse.click(pos.x, pos.y);
}

async function visibleEdgeIds() {
  return page.evaluate(() => window.orbat.cy.edges().filter((e) => !e.hasClass('hidden')).map((e) => e.id()).sort());
}

async function setSliderTo(date) {
  const index = await page.evaluate((d) => {
    const [y, m] = d.split('-').map(Number);
    return (y - window.orbat.minYear) * 12 + (m - 1);
  }, date);
  await page.locator('#slider').fill(String(index));
  await page.waitForFunction((d) => document.querySelector('#network').dataset.at === d, date);
  await page.waitForTimeout(150);
}

before(async () => {
  assert.ok(existsSync(BIN), `${BIN} is built (scripts/setup.sh)`);
  assert.ok(existsSync(path.join(WEB_DIR, 'index.html')), `${WEB_DIR} is built (scripts/build_web.sh)`);
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is installed (apt-get install chromium)`);
  execFileSync(BIN, ['ingest', path.join(ROOT, 'examples'), '--db', DB, '-q'], { stdio: 'pipe' });
  ({ proc: server, url: base } = await startServer(DB));
  context = await chromium.launchPersistentContext(path.join(TMP, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  page = context.pages()[0] || await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.goto(base);
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 30000 });
});

after(async () => {
  if (context) await context.close();
  if (server) {
    server.kill('SIGTERM');
    await new Promise((r) => { server.once('exit', r); setTimeout(r, 3000); });
  }
  if (!process.env.KEEP_E2E_TMP) rmSync(path.join(TMP, 'profile'), { recursive: true, force: true });
  console.log(`# screenshots in ${SHOTS}`);
});

test('the page shows the network of the ingested examples', async () => {
  const edges = Number(await page.locator('#network').getAttribute('data-visible-edges'));
  const nodes = Number(await page.locator('#network').getAttribute('data-visible-nodes'));
  assert.ok(edges >= 20, `${edges} links shown`);
  assert.ok(nodes >= 20, `${nodes} entities shown`);
  assert.match(await page.locator('#stats').textContent(), /6 documents/);
  assert.equal(await page.locator('#type-filters .chip').count(), 8);
  assert.ok(await page.locator('#legend .item').count() >= 3);
  await shot('01-network');
  assert.deepEqual(pageErrors, []);
});

test('documentation screenshot', async () => {
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready === '1');
  await setSliderTo('2018-03');
  await clickNode('Ahrar al-Sham');
  await page.waitForFunction(() => document.querySelector('#tab-profile h2')?.textContent === 'Ahrar al-Sham');
  await page.mouse.move(5, 5);
  await page.waitForTimeout(400);
  const file = await shot('00-overview');
  if (process.env.UPDATE_DOCS) copyFileSync(file, path.join(ROOT, 'docs/screenshot.png'));
  assert.deepEqual(pageErrors, []);
  await page.click('#btn-alltime');
  await page.waitForFunction(() => document.querySelector('#network').dataset.at === '');
});

test('moving the time slider changes the network', async () => {
  const all = await visibleEdgeIds();
  await setSliderTo('2016-06');
  const mid2016 = await visibleEdgeIds();
  assert.equal(await page.locator('#date-label').textContent(), '2016-06');
  await shot('02-network-2016-06');
  await setSliderTo('2018-03');
  const early2018 = await visibleEdgeIds();
  await shot('03-network-2018-03');
  assert.notDeepEqual(mid2016, early2018, 'different links hold in 2016-06 and 2018-03');
  assert.ok(mid2016.length < all.length && early2018.length < all.length);
  // A link that starts after 2016-06 and holds in 2018-03 is shown only at the later date.
  const later = await page.evaluate(() => {
    const lo = (d) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
    return window.orbat.cy.edges().filter((e) => {
      const l = e.data('link');
      return l.start && lo(l.start) > '2016-06-01' && lo(l.start) <= '2018-03-01' && (!l.end || lo(l.end) > '2018-03-01');
    }).map((e) => e.id());
  });
  assert.ok(later.length > 0, 'the examples have links that start between 2016-06 and 2018-03');
  for (const id of later) assert.ok(early2018.includes(id) && !mid2016.includes(id), id);
  // Faded nodes: entities with no link at that date.
  assert.ok(await page.evaluate(() => window.orbat.cy.nodes('.faded').length) > 0);
  // Play moves forward by itself.
  await setSliderTo('2015-01');
  await page.click('#btn-play');
  await page.waitForFunction(() => document.querySelector('#date-label').textContent > '2015-03', null, { timeout: 10000 });
  await page.click('#btn-play');
  await page.click('#btn-alltime');
  await page.waitForFunction(() => document.querySelector('#network').dataset.at === '');
  assert.deepEqual(await visibleEdgeIds(), all);
});

test('relation-type and region filters', async () => {
  const before = (await visibleEdgeIds()).length;
  await page.click('#type-filters .chip[data-type="rival"]');
  await page.waitForFunction((n) => Number(document.querySelector('#network').dataset.visibleEdges) < n, before);
  const ids = await visibleEdgeIds();
  assert.ok(ids.every((id) => !id.startsWith('rival:')));
  await page.click('#type-filters .chip[data-type="rival"]');
  await page.waitForFunction((n) => Number(document.querySelector('#network').dataset.visibleEdges) === n, before);
  await page.selectOption('#region-filter', 'SY');
  await page.waitForFunction((n) => Number(document.querySelector('#network').dataset.visibleEdges) < n, before);
  const regions = await page.evaluate(() => window.orbat.cy.nodes().filter((n) => !n.hasClass('hidden')).map((n) => n.data('region')));
  assert.ok(regions.length > 0 && regions.every((r) => r === 'SY'));
  await page.selectOption('#region-filter', '');
  await page.selectOption('#color-by', 'ideology');
  await page.selectOption('#color-by', 'region');
});

test('clicking a group shows its profile with evidence quotes and opens the document', async () => {
  await clickNode('Jund al-Aqsa');
  await page.waitForFunction(() => document.querySelector('#tab-profile h2')?.textContent === 'Jund al-Aqsa');
  const quotes = page.locator('#tab-profile blockquote');
  assert.ok(await quotes.count() >= 5, 'every claim shows its evidence');
  const first = (await quotes.first().textContent()).trim();
  assert.ok(first.length > 10, `quote: ${first}`);
  assert.match(await page.locator('#tab-profile .cite').first().textContent(), /jund-al-aqsa/);
  assert.ok(await page.locator('#tab-profile .section h3', { hasText: 'Relations' }).count() === 1);
  await shot('04-profile');
  // Open the source document: the quoted sentence is highlighted.
  await page.locator('#tab-profile .cite button').first().click();
  await page.waitForSelector('#doc-dialog[open] #doc-text mark');
  const marked = (await page.locator('#doc-text mark').textContent()).trim();
  assert.equal(marked, first);
  await shot('05-document');
  await page.click('#doc-dialog .close');
  // The timeline tab lists dated items in order.
  await page.click('.tabs button[data-tab="timeline"]');
  const dates = await page.locator('#tab-timeline .timeline .date').allTextContents();
  assert.ok(dates.length >= 3);
  const dated = dates.filter((d) => d !== 'undated');
  assert.deepEqual(dated, [...dated].sort());
  await shot('06-timeline');
  await page.click('.tabs button[data-tab="profile"]');
});

test('disagreements are shown side by side', async () => {
  await page.fill('#search', 'Jaysh al-Ummah');
  await page.waitForSelector('#search-list:not([hidden]) li');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#tab-profile h2')?.textContent === 'Jaysh al-Ummah');
  const box = page.locator('#tab-profile .disagree');
  assert.ok(await box.count() >= 1);
  assert.match(await box.first().textContent(), /2005/);
  assert.match(await box.first().textContent(), /2007/);
  assert.ok(await box.first().locator('.col').count() >= 2);
  await shot('07-disagreement');
});

test('alias-aware search with autocomplete, and full-text search', async () => {
  await page.fill('#search', 'ISIS');
  await page.waitForSelector('#search-list:not([hidden]) li .name');
  const names = await page.locator('#search-list li .name').allTextContents();
  assert.ok(names.includes('Islamic State of Iraq and the Levant'), names.join(', '));
  await page.locator('#search-list li', { hasText: 'Islamic State of Iraq and the Levant' }).first().click();
  await page.waitForFunction(() => document.querySelector('#tab-profile h2')?.textContent === 'Islamic State of Iraq and the Levant');
  await page.fill('#search', 'pledged allegiance');
  await page.waitForSelector('#search-list li.fulltext');
  await page.click('#search-list li.fulltext');
  await page.waitForSelector('#tab-results .hit');
  assert.match(await page.locator('#tab-results .hit blockquote').first().textContent(), /allegiance/i);
});

test('adding a document from the page ingests it and updates the graph', async () => {
  const docsBefore = await page.locator('#stats').textContent();
  await page.click('#btn-add');
  await page.fill('#add-name', 'page-added-report');
  await page.fill('#add-text', 'Hurras al-Din fought Hayat Tahrir al-Sham in June 2020. In 2021 Hurras al-Din was allied with Ansar al-Tawhid.');
  await page.click('#add-submit');
  await page.waitForFunction(() => /Done/.test(document.querySelector('#add-status').textContent), null, { timeout: 60000 });
  assert.match(await page.locator('#add-status').textContent(), /1 new/);
  await shot('08-add-documents');
  await page.keyboard.press('Escape');
  await page.waitForFunction((b) => document.querySelector('#stats').textContent !== b, docsBefore);
  assert.match(await page.locator('#stats').textContent(), /7 documents/);
  await page.click('.tabs button[data-tab="documents"]');
  await page.waitForSelector('#tab-documents .doc-row');
  assert.match(await page.locator('#tab-documents .doc-row').first().textContent(), /page-added-report/);
});

test('markup inside a document renders as text (no script runs)', async () => {
  // A report whose sentences carry markup, an HTML page whose title and key do, and a
  // group renamed by the analyst (orbat split --name) to a name that is markup.
  const report = 'The <script>window.__xss=1;alert(1)</script> Brigade is an armed group. ' +
    'In 2016 Liwa al-Haqq fought Jund al-Aqsa near <img src=x onerror="window.__xss=2;alert(2)"> Idlib. ' +
    'Liwa al-Haqq is allied with Ahrar al-Sham.';
  const html = '<html><head><title>&lt;script&gt;window.__xss=3&lt;/script&gt; bulletin</title></head><body>' +
    '<p>Hamas clashed with &lt;img src=x onerror=alert(6)&gt; Jund al-Aqsa in 2016.</p><script>window.__xss=7</script></body></html>';
  const res = await page.evaluate(async (docs) => {
    const r = await fetch('/api/ingest', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ documents: docs }) });
    const job = await r.json();
    for (let i = 0; i < 300; i++) {
      const s = await (await fetch(`/api/ingest?job=${job.job}`)).json();
      if (s.state === 'done' || s.state === 'failed') return s;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    return null;
  }, [{ name: 'xss-report.txt', text: report }, { name: 'xss-<img src=x onerror=alert(4)>.html', text: html }]);
  assert.equal(res && res.state, 'done', JSON.stringify(res));
  const htmlKey = res.documents[1];
  assert.ok(htmlKey.includes('<img'), htmlKey);
  const evilName = '<img src=x onerror="window.__xss=5;alert(5)"> Liwa';
  execFileSync(BIN, ['split', 'Liwa al-Haqq', '--docs', 'xss-report', '--name', evilName, '--db', DB], { stdio: 'pipe' });
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready === '1');
  // The document list and viewer show the markup as characters.
  await page.click('.tabs button[data-tab="documents"]');
  const row = page.locator('#tab-documents .doc-row', { hasText: 'bulletin' }).first();
  assert.match(await row.textContent(), /<script>window.__xss=3<\/script> bulletin/);
  assert.match(await row.textContent(), /xss-<img src=x onerror=alert\(4\)>/);
  await row.locator('button').click();
  await page.waitForSelector('#doc-dialog[open]');
  assert.equal(await page.locator('#doc-title').textContent(), '<script>window.__xss=3</script> bulletin');
  assert.match(await page.locator('#doc-text').textContent(), /<img src=x onerror=alert\(6\)>/);
  await page.click('#doc-dialog .close');
  await page.locator('#tab-documents .doc-row', { hasText: 'xss-report' }).first().locator('button').click();
  await page.waitForSelector('#doc-dialog[open]');
  const text = await page.locator('#doc-text').textContent();
  assert.ok(text.includes('<script>window.__xss=1;alert(1)</script>'));
  assert.ok(text.includes('<img src=x onerror="window.__xss=2;alert(2)">'));
  assert.equal(await page.locator('#doc-text *:not(mark):not(span)').count(), 0);
  await shot('09-xss-document');
  await page.click('#doc-dialog .close');
  // Evidence quotes with markup: full-text search shows them as text.
  await page.fill('#search', 'onerror');
  await page.waitForSelector('#search-list li.fulltext');
  await page.click('#search-list li.fulltext');
  await page.waitForSelector('#tab-results .hit blockquote');
  assert.match(await page.locator('#tab-results').textContent(), /<img src=x onerror=/);
  // The group whose name is markup: in the autocomplete, the profile and the graph.
  await page.fill('#search', 'Liwa');
  await page.waitForSelector('#search-list:not([hidden]) li .name');
  const names = await page.locator('#search-list li .name').allTextContents();
  assert.ok(names.includes(evilName), names.join(' | '));
  await page.locator('#search-list li', { hasText: 'onerror' }).first().click();
  await page.waitForFunction((n) => document.querySelector('#tab-profile h2')?.textContent === n, evilName);
  if (await page.evaluate((n) => window.orbat.cy.nodes().some((x) => x.data('name') === n), evilName)) {
    await clickNode(evilName);
    await page.waitForTimeout(300);
  }
  await shot('10-xss-profile');
  assert.equal(await page.locator('body img, body iframe, #tab-profile script, #tab-results script, #tab-documents script').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(dialogs, [], 'no alert() ran');
});

test('export links download the CLI formats', async () => {
  await page.click('#btn-export');
  const links = page.locator('#export-menu a');
  assert.equal(await links.count(), 7);
  for (const fmt of ['graphml', 'gexf', 'dot', 'jsonl']) {
    const href = await page.locator(`#export-menu a[data-format="${fmt}"]`).getAttribute('href');
    const r = await page.request.get(new URL(href, base).toString());
    assert.equal(r.status(), 200, fmt);
    assert.match(r.headers()['content-disposition'], new RegExp(`orbat\\.${fmt}`));
  }
  const download = page.waitForEvent('download');
  await page.click('#export-menu a[data-format="csv"][data-table="edges"]');
  assert.equal((await download).suggestedFilename(), 'orbat-edges.csv');
});
