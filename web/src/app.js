// The Orbat page: network view (cytoscape), profile, timeline, search, documents,
// ingest and export, over the JSON API of `orbat serve`.
//
// Safety rule: every string that came from a document (names, aliases, quotes, titles,
// document text) reaches the page through textContent, element attributes set by
// property, or cytoscape's canvas labels. Nothing here assigns innerHTML.
import cytoscape from './vendor/cytoscape.esm.min.mjs';

// ------------------------------------------------------------------ constants

const REL = {
  ally:         { label: 'ally',        color: '#2e9e44' },
  rival:        { label: 'rival',       color: '#d62728' },
  affiliate_of: { label: 'affiliate',   color: '#1f77b4' },
  part_of:      { label: 'part of',     color: '#9467bd' },
  splinter_of:  { label: 'splinter',    color: '#ff7f0e' },
  merged_into:  { label: 'merger',      color: '#8c564b' },
  member_of:    { label: 'member',      color: '#17becf' },
  defected_to:  { label: 'defected to', color: '#e377c2' },
};
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1',
  '#ff9da7', '#9c755f', '#5778a4', '#8cd17d', '#d4a6c8', '#86bcb6', '#f1ce63', '#a0cbe8'];
const UNKNOWN = '#b8bfcc';
const TYPE_COLORS = { group: '#4e79a7', state: '#9c755f', person: '#59a14f', place: '#76b7b2',
  media: '#edc948', other: '#b8bfcc' };
const SECTION_TITLES = {
  founded: 'Founded', dissolved: 'Dissolved', founder: 'Founders', leader: 'Leaders',
  ideology: 'Ideology', area: 'Area of operations', size: 'Reported strength',
  designated_by: 'Designations', funding: 'Funding', media_outlet: 'Media outlets', alias: 'Also called',
};
const KEY_FACTS = ['founded', 'dissolved', 'founder', 'leader', 'ideology', 'area', 'size'];
let regionNames = null;
try { regionNames = new Intl.DisplayNames(['en'], { type: 'region' }); } catch { regionNames = null; }
const regionName = (code) => {
  if (!code) return 'unknown';
  try { return (regionNames && /^[A-Z]{2}$/.test(code) && regionNames.of(code)) || code; } catch { return code; }
};

// ------------------------------------------------------------------ helpers

const $ = (sel) => document.querySelector(sel);

// el('div.cls', {title: 'x', onclick: fn}, 'text', child, ...): text children become text nodes.
function el(spec, props = {}, ...children) {
  const [tag, ...classes] = spec.split('.');
  const node = document.createElement(tag || 'div');
  if (classes.length) node.className = classes.join(' ');
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k === 'style') Object.assign(node.style, v);
    else node[k] = v;
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function api(path, params = {}, init = {}) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
  }
  const res = await fetch(url, init);
  let body = null;
  try { body = await res.json(); } catch { body = null; }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

function debounce(fn, ms) {
  let t = 0;
  return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };
}

function interval(start, end) {
  if (!start && !end) return 'undated';
  if (!end) return `from ${start}`;
  if (!start) return `until ${end}`;
  if (start === end) return start;
  return `${start} – ${end}`;
}

function plural(n, word) { return `${n} ${word}${n === 1 ? '' : 's'}`; }

function monthIndexToDate(i, minYear) {
  const y = minYear + Math.floor(i / 12);
  const m = (i % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

// ------------------------------------------------------------------ state

const state = {
  cy: null,
  full: null,          // the all-time network (layout is computed once on it)
  at: null,            // 'YYYY-MM' or null (all time)
  minYear: 0,
  types: new Set(Object.keys(REL)),
  region: '',
  colorBy: 'region',
  sizeBy: 'claims',
  undated: true,
  selected: null,      // entity id
  visible: null,       // {nodes:Set, edges:Set} from the last `at` query
  colorMap: new Map(),
  playing: false,
};
window.orbat = state;  // for the browser tests and the curious

// ------------------------------------------------------------------ network

function edgeId(e) { return `${e.type}:${e.source_id}:${e.target_id}`; }

function nodeColor(d) {
  if (state.colorBy === 'type') return TYPE_COLORS[d.type] || UNKNOWN;
  const key = state.colorBy === 'ideology' ? (d.ideology || '').toLowerCase() : d.region;
  return (key && state.colorMap.get(key)) || UNKNOWN;
}

function buildColorMap() {
  state.colorMap = new Map();
  if (!state.full || state.colorBy === 'type') return;
  const counts = new Map();
  for (const n of state.full.nodes) {
    const key = state.colorBy === 'ideology' ? (n.ideology || '').toLowerCase() : n.region;
    if (key) counts.set(key, (counts.get(key) || 0) + 1);
  }
  [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .forEach(([k], i) => state.colorMap.set(k, PALETTE[i % PALETTE.length]));
}

function nodeSize(d) {
  if (state.sizeBy === 'size') {
    if (!d.size) return 16;
    return Math.min(76, 18 + 9 * Math.log10(1 + d.size));
  }
  return Math.min(72, 16 + 7 * Math.sqrt(d.claims || 0));
}

function styleSheet() {
  return [
    { selector: 'node', style: {
      'background-color': 'data(color)', width: 'data(size)', height: 'data(size)',
      label: 'data(name)', 'font-size': 13, color: '#1d2330', 'text-valign': 'bottom', 'text-margin-y': 3,
      'text-wrap': 'wrap', 'text-max-width': 150, 'min-zoomed-font-size': 5, 'text-background-color': '#ffffff',
      'text-background-opacity': 0.75, 'text-background-padding': 1.5, 'text-background-shape': 'roundrectangle',
      'border-width': 1.5, 'border-color': '#ffffff', 'transition-property': 'opacity', 'transition-duration': 250,
    } },
    { selector: 'node[type = "state"]', style: { shape: 'round-rectangle' } },
    { selector: 'node[type = "person"]', style: { shape: 'diamond' } },
    { selector: 'node[type != "group"][type != "state"][type != "person"]', style: { shape: 'round-triangle' } },
    { selector: 'edge', style: {
      width: 'data(width)', 'line-color': 'data(color)', 'target-arrow-color': 'data(color)',
      'source-arrow-color': 'data(color)', 'curve-style': 'bezier', 'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8, opacity: 0.85, 'transition-property': 'opacity', 'transition-duration': 250,
    } },
    { selector: 'edge[?symmetric]', style: { 'target-arrow-shape': 'none' } },
    { selector: 'edge[?hedged]', style: { 'line-style': 'dashed' } },
    { selector: 'edge[?undated]', style: { 'line-style': 'dotted' } },
    { selector: '.hidden', style: { display: 'none' } },
    { selector: 'node.faded', style: { opacity: 0.12 } },
    { selector: 'node.dim', style: { opacity: 0.35 } },
    { selector: 'edge.dim', style: { opacity: 0.15 } },
    { selector: 'node.selected', style: { 'border-width': 4, 'border-color': '#172033', 'font-weight': 'bold',
      'z-index': 10 } },
    { selector: 'edge.hl', style: { opacity: 1, width: 'mapData(width, 1, 8, 3, 9)', 'z-index': 9 } },
  ];
}

function elementsFor(net) {
  const nodes = net.nodes.map((n) => ({
    group: 'nodes',
    data: { ...n, id: String(n.id), color: nodeColor(n), size: nodeSize(n) },
  }));
  const edges = net.edges.map((e) => ({
    group: 'edges',
    data: {
      id: edgeId(e), source: String(e.source_id), target: String(e.target_id), type: e.type,
      color: (REL[e.type] || { color: '#999' }).color, symmetric: e.symmetric, hedged: e.hedged,
      undated: !e.start && !e.end, width: Math.min(8, 1.5 + e.corroboration), link: e,
    },
  }));
  return [...nodes, ...edges];
}

async function loadNetwork({ relayout = true } = {}) {
  const net = await api('/api/network', { compact: 1 });
  state.full = net;
  $('#empty').hidden = net.nodes.length > 0;
  buildColorMap();
  setupSlider(net.dates);
  fillRegionFilter(net.nodes);
  fillTypeChips(net.edges);
  const cy = state.cy;
  const positions = new Map();
  if (!relayout) cy.nodes().forEach((n) => positions.set(n.id(), { ...n.position() }));
  cy.elements().remove();
  cy.add(elementsFor(net));
  if (relayout || positions.size === 0) {
    runLayout();
  } else {
    // Keep known nodes where they are; lay out only the new ones around them.
    const fresh = cy.nodes().filter((n) => !positions.has(n.id()));
    cy.nodes().forEach((n) => { if (positions.has(n.id())) n.position(positions.get(n.id())); });
    if (fresh.length) runLayout();
  }
  renderLegend();
  await applyTime();
  if (state.selected && cy.getElementById(String(state.selected)).nonempty()) markSelected(state.selected);
}

function runLayout() {
  const cy = state.cy;
  const n = cy.nodes().length;
  cy.layout({
    name: 'cose', animate: false, randomize: true, nodeDimensionsIncludeLabels: true,
    idealEdgeLength: () => 90, nodeRepulsion: () => 9000 + 60 * n, edgeElasticity: () => 80,
    gravity: 0.35, numIter: 1500, componentSpacing: 60, padding: 30,
  }).run();
  cy.fit(undefined, 30);
}

function setupSlider(dates) {
  const slider = $('#slider');
  const has = dates && dates.min && dates.max;
  slider.disabled = !has;
  $('#btn-play').disabled = !has;
  if (!has) { slider.max = 0; state.at = null; updateDateLabel(); return; }
  const minYear = parseInt(dates.min.slice(0, 4), 10);
  const maxYear = parseInt(dates.max.slice(0, 4), 10);
  state.minYear = minYear;
  slider.min = 0;
  slider.max = (maxYear - minYear + 1) * 12;  // through the December after the last change
  if (state.at) {
    const [y, m] = state.at.split('-').map(Number);
    slider.value = Math.max(0, Math.min(slider.max, (y - minYear) * 12 + (m - 1)));
  } else {
    slider.value = slider.max;
  }
  updateDateLabel();
}

function updateDateLabel() {
  $('#date-label').value = state.at ? state.at : 'all time';
  $('#btn-alltime').classList.toggle('on', !state.at);
  $('#export-note').textContent = state.at ? `Links holding at ${state.at}` : 'Whole graph (all time)';
}

let timeSeq = 0;
async function applyTime() {
  const cy = state.cy;
  const seq = ++timeSeq;
  let visible = null;
  const types = [...state.types];
  const allTypes = types.length === Object.keys(REL).length;
  if (state.at || !state.undated || !allTypes) {
    try {
      const net = await api('/api/network', {
        at: state.at || undefined, types: allTypes ? undefined : (types.join(',') || 'none'),
        undated: state.undated ? 1 : 0, compact: 1,
      });
      visible = { nodes: new Set(net.nodes.map((n) => String(n.id))), edges: new Set(net.edges.map(edgeId)) };
    } catch (e) {
      if (e.status === 400 && types.length === 0) visible = { nodes: new Set(), edges: new Set() };
      else { showStatus(`Error: ${e.message}`); return; }
    }
  }
  if (seq !== timeSeq) return;  // a newer request is on its way
  state.visible = visible;
  cy.batch(() => {
    cy.edges().forEach((e) => {
      const show = (!visible || visible.edges.has(e.id())) && regionOk(e.source()) && regionOk(e.target());
      e.toggleClass('hidden', !show);
    });
    cy.nodes().forEach((n) => {
      n.toggleClass('hidden', !regionOk(n));
      n.toggleClass('faded', !!visible && !visible.nodes.has(n.id()));
    });
  });
  const shownEdges = cy.edges().filter((e) => !e.hasClass('hidden')).length;
  const shownNodes = cy.nodes().filter((n) => !n.hasClass('hidden') && !n.hasClass('faded')).length;
  const net = $('#network');
  net.dataset.visibleEdges = String(shownEdges);
  net.dataset.visibleNodes = String(shownNodes);
  net.dataset.at = state.at || '';
  showStatus(`${plural(shownNodes, 'entity')} · ${plural(shownEdges, 'link')}${state.at ? ` holding at ${state.at}` : ''}`
    .replace('entitys', 'entities'));
  if (state.selected) markSelected(state.selected);
}

function regionOk(node) {
  return !state.region || node.data('region') === state.region;
}

function showStatus(text) { $('#network-status').textContent = text; }

function fillRegionFilter(nodes) {
  const sel = $('#region-filter');
  const counts = new Map();
  for (const n of nodes) if (n.region) counts.set(n.region, (counts.get(n.region) || 0) + 1);
  const current = state.region;
  sel.replaceChildren(el('option', { value: '' }, 'all'));
  [...counts.entries()].sort((a, b) => regionName(a[0]).localeCompare(regionName(b[0])))
    .forEach(([code, n]) => sel.append(el('option', { value: code }, `${regionName(code)} (${n})`)));
  sel.value = counts.has(current) ? current : '';
  state.region = sel.value;
}

function fillTypeChips(edges) {
  const box = $('#type-filters');
  const counts = new Map();
  for (const e of edges) counts.set(e.type, (counts.get(e.type) || 0) + 1);
  box.replaceChildren();
  for (const [type, info] of Object.entries(REL)) {
    const chip = el('span.chip', {
      role: 'checkbox', tabIndex: 0, title: `Show ${info.label} links`, dataset: { type },
      onclick: () => toggleType(type, chip), onkeydown: (ev) => { if (ev.key === ' ' || ev.key === 'Enter') { ev.preventDefault(); toggleType(type, chip); } },
    }, el('span.sw', { style: { background: info.color } }), info.label, el('span.n', {}, String(counts.get(type) || 0)));
    chip.classList.toggle('off', !state.types.has(type));
    chip.setAttribute('aria-checked', String(state.types.has(type)));
    box.append(chip);
  }
}

function toggleType(type, chip) {
  if (state.types.has(type)) state.types.delete(type); else state.types.add(type);
  chip.classList.toggle('off', !state.types.has(type));
  chip.setAttribute('aria-checked', String(state.types.has(type)));
  applyTime();
}

function renderLegend() {
  const box = $('#legend');
  box.replaceChildren();
  const title = { region: 'Region', ideology: 'Ideology', type: 'Entity type' }[state.colorBy];
  box.append(el('h4', {}, `Nodes: ${title}`));
  const entries = state.colorBy === 'type'
    ? Object.entries(TYPE_COLORS).filter(([t]) => state.full && state.full.nodes.some((n) => n.type === t))
    : [...state.colorMap.entries()].slice(0, 10);
  for (const [k, color] of entries) {
    box.append(el('div.item', {}, el('span.dot', { style: { background: color } }),
      state.colorBy === 'region' ? regionName(k) : k));
  }
  if (state.colorBy !== 'type' && state.colorMap.size > 10) box.append(el('div.item.muted', {}, `… ${state.colorMap.size - 10} more`));
  box.append(el('div.item', {}, el('span.dot', { style: { background: UNKNOWN } }), 'unknown'));
  box.append(el('div.item.muted', {}, state.sizeBy === 'size' ? 'Size: reported strength' : 'Size: number of claims'));
  box.append(el('div.item.muted', {}, 'Dashed: hedged · dotted: undated'));
}

function recolor() {
  buildColorMap();
  state.cy.batch(() => state.cy.nodes().forEach((n) => {
    n.data('color', nodeColor(n.data()));
    n.data('size', nodeSize(n.data()));
  }));
  renderLegend();
}

function markSelected(id) {
  const cy = state.cy;
  cy.elements().removeClass('selected hl dim');
  const node = cy.getElementById(String(id));
  if (node.empty()) return;
  node.addClass('selected');
  const hood = node.closedNeighborhood();
  cy.elements().not(hood).addClass('dim');
  node.connectedEdges().addClass('hl');
}

function initCy() {
  const cy = cytoscape({
    container: $('#network'), style: styleSheet(), minZoom: 0.15, maxZoom: 4,
    boxSelectionEnabled: false,
  });
  state.cy = cy;
  cy.on('tap', 'node', (ev) => selectEntity(Number(ev.target.id()), { fromGraph: true }));
  cy.on('tap', 'edge', (ev) => showLink(ev.target.data('link')));
  cy.on('tap', (ev) => {
    if (ev.target === cy) { state.selected = null; cy.elements().removeClass('selected hl dim'); }
  });
  const tip = $('#tooltip');
  cy.on('mouseover', 'node', (ev) => {
    const d = ev.target.data();
    const lines = [el('b', {}, d.name)];
    lines.push(el('div', {}, `${d.type}${d.region ? ` · ${regionName(d.region)}` : ''}${d.area ? ` · ${d.area}` : ''}`));
    if (d.ideology) lines.push(el('div', {}, `Ideology: ${d.ideology}`));
    if (d.size) lines.push(el('div', {}, `Reported strength: ${Number(d.size).toLocaleString('en')}${d.size_date ? ` (${d.size_date})` : ''}`));
    if (d.founded || d.dissolved) lines.push(el('div', {}, `${d.founded ? `founded ${d.founded}` : ''}${d.founded && d.dissolved ? ' · ' : ''}${d.dissolved ? `dissolved ${d.dissolved}` : ''}`));
    lines.push(el('div', {}, `${plural(d.claims || 0, 'claim')} · ${plural(d.documents || 0, 'document')} · ${plural(d.degree || 0, 'link')}`));
    if (d.aliases && d.aliases.length) lines.push(el('div', {}, `Also: ${d.aliases.slice(0, 4).join(', ')}`));
    tip.replaceChildren(...lines);
    tip.hidden = false;
    positionTip(ev.renderedPosition || ev.target.renderedPosition());
  });
  cy.on('mouseover', 'edge', (ev) => {
    const l = ev.target.data('link');
    tip.replaceChildren(el('b', {}, `${l.source} ${l.symmetric ? '↔' : '→'} ${l.target}`),
      el('div', {}, `${(REL[l.type] || {}).label || l.type} · ${interval(l.start, l.end)}${l.end_reason && l.end_reason !== 'stated' ? ` (${l.end_reason})` : ''}`),
      el('div', {}, `${plural(l.corroboration, 'source')}${l.hedged ? ' · hedged' : ''}`));
    tip.hidden = false;
    positionTip(ev.renderedPosition);
  });
  cy.on('mousemove', (ev) => { if (!tip.hidden && ev.renderedPosition) positionTip(ev.renderedPosition); });
  cy.on('mouseout', () => { tip.hidden = true; });
}

function positionTip(p) {
  const tip = $('#tooltip');
  const pane = $('#network');
  const x = Math.min(p.x + 14, pane.clientWidth - tip.offsetWidth - 8);
  tip.style.left = `${Math.max(4, x)}px`;
  tip.style.top = `${p.y + pane.offsetTop + 14}px`;
}

// ------------------------------------------------------------------ time controls

function initTimeControls() {
  const slider = $('#slider');
  const onSlide = debounce(() => applyTime(), 90);
  slider.addEventListener('input', () => {
    state.at = monthIndexToDate(Number(slider.value), state.minYear);
    updateDateLabel();
    onSlide();
  });
  $('#btn-alltime').addEventListener('click', () => {
    stopPlay();
    state.at = null;
    slider.value = slider.max;
    updateDateLabel();
    applyTime();
  });
  $('#btn-play').addEventListener('click', () => (state.playing ? stopPlay() : startPlay()));
}

let playTimer = 0;
function startPlay() {
  const slider = $('#slider');
  if (Number(slider.value) >= Number(slider.max) || !state.at) slider.value = 0;
  state.playing = true;
  $('#btn-play').textContent = '❚❚';
  $('#btn-play').setAttribute('aria-label', 'Pause');
  const step = async () => {
    if (!state.playing) return;
    state.at = monthIndexToDate(Number(slider.value), state.minYear);
    updateDateLabel();
    await applyTime();
    if (Number(slider.value) >= Number(slider.max)) { stopPlay(); return; }
    slider.value = Number(slider.value) + 1;
    playTimer = setTimeout(step, 180);
  };
  step();
}
function stopPlay() {
  state.playing = false;
  clearTimeout(playTimer);
  $('#btn-play').textContent = '▶';
  $('#btn-play').setAttribute('aria-label', 'Play');
}

// ------------------------------------------------------------------ side panel

function showTab(name) {
  for (const b of document.querySelectorAll('.tabs button')) {
    const on = b.dataset.tab === name;
    b.classList.toggle('active', on);
    b.setAttribute('aria-selected', String(on));
  }
  for (const t of ['profile', 'timeline', 'results', 'documents']) $(`#tab-${t}`).hidden = t !== name;
  if (name === 'documents') loadDocuments();
}

function errorBox(e) { return el('div.error-box', {}, e.message || String(e)); }

function sourceItem(s) {
  const cite = el('div.cite', {},
    el('span', {}, s.doc || '?'),
    s.doc_date ? el('span', {}, `· ${s.doc_date}`) : null,
    s.hedge ? el('span.badge.hedge', {}, s.hedge) : null,
    el('button', { type: 'button', title: 'Open the document with this sentence highlighted',
      onclick: () => openDocument(s.doc, s.begin, s.end) }, 'open'));
  return el('li.source', {}, el('blockquote', {}, s.quote || ''), cite);
}

function sourcesList(sources, max = 3) {
  const seen = new Set();
  const uniq = [];
  for (const s of sources || []) {
    const k = `${s.doc}\u0000${s.begin}`;
    if (!seen.has(k)) { seen.add(k); uniq.push(s); }
  }
  const ul = el('ul.sources');
  uniq.slice(0, max).forEach((s) => ul.append(sourceItem(s)));
  if (uniq.length > max) {
    const more = el('li.more', {}, el('a.entity', { onclick: () => {
      more.remove();
      uniq.slice(max).forEach((s) => ul.append(sourceItem(s)));
    } }, `show ${uniq.length - max} more source${uniq.length - max === 1 ? '' : 's'}`));
    ul.append(more);
  }
  return ul;
}

function entityLink(name, id) {
  if (!id) return el('span.value', {}, name);
  return el('a.entity.value', { onclick: () => selectEntity(id), title: `Show ${name}` }, name);
}

function assertionLine(a, opts = {}) {
  const when = a.p === 'founded' || a.p === 'dissolved' || opts.prefix ? '' : (a.start || a.end ? interval(a.start, a.end) : '');
  return el('div.claim', {},
    el('div.claim-line', {},
      opts.prefix || null,
      a.object_id ? entityLink(a.object, a.object_id) : el('span.value', {}, a.object),
      when ? el('span.when', {}, when) : null,
      el('span.badge', {}, plural(a.corroboration, 'source')),
      a.hedge ? el('span.badge.hedge', {}, a.hedge) : null,
      a.disputed ? el('span.badge.disputed', {}, 'disputed') : null),
    sourcesList(a.sources));
}

function relTypeBadge(type) {
  const r = REL[type] || { label: type, color: '#999' };
  return el('span.rel-type', { style: { background: r.color } }, r.label);
}

async function selectEntity(id, { fromGraph = false } = {}) {
  state.selected = id;
  markSelected(id);
  if (!fromGraph) {
    const node = state.cy.getElementById(String(id));
    if (node.nonempty()) state.cy.animate({ center: { eles: node }, zoom: Math.max(state.cy.zoom(), 1) }, { duration: 300 });
  }
  showTab('profile');
  const box = $('#tab-profile');
  box.replaceChildren(el('div.placeholder', {}, 'Loading…'));
  try {
    const [p, t] = await Promise.all([api('/api/profile', { id }), api('/api/timeline', { id })]);
    if (state.selected !== id) return;
    renderProfile(p);
    renderTimeline(t);
  } catch (e) {
    box.replaceChildren(errorBox(e));
  }
}

function renderProfile(p) {
  const box = $('#tab-profile');
  const head = el('div.profile-head', {},
    el('h2', {}, p.name),
    el('div.badges', {},
      el('span.badge.kind', {}, p.type),
      p.lexicon_id ? el('span.badge', { title: 'lexicon entry' }, p.lexicon_id) : null,
      el('span.badge', {}, plural(p.documents, 'document'))));
  const parts = [head];
  if (p.aliases && p.aliases.length) {
    parts.push(el('div.aliases', { title: 'Names and aliases' }, p.aliases.map((a) => el('span.alias', {}, a))));
  }
  if (p.also_named && p.also_named.length) {
    parts.push(el('div.also', {}, 'This name also fits: ',
      p.also_named.map((o, i) => [i ? ', ' : '', el('a', { onclick: () => selectEntity(o.id) }, `${o.name} (${o.type})`)])));
  }
  for (const d of p.disagreements || []) {
    parts.push(el('div.disagree', {},
      el('h4', {}, `Sources disagree — ${d.description}`),
      el('div.side-by-side', {}, d.claims.map((a) => el('div.col', {},
        el('div.value', {}, a.object),
        el('div.muted', {}, [a.start ? `${a.start} · ` : '', plural(a.corroboration, 'source'), a.hedge ? ` · ${a.hedge}` : ''].join('')),
        sourcesList(a.sources, 2))))));
  }
  // Key facts first, then relations and events, then the rest (the JSON object is unordered).
  const attrs = p.attributes || {};
  const section = (pred) => {
    const items = attrs[pred] || [];
    if (!items.length) return null;
    return el('div.section', {}, el('h3', {}, SECTION_TITLES[pred] || pred.replace(/_/g, ' ')),
      items.map((a) => assertionLine(a)));
  };
  const known = Object.keys(SECTION_TITLES);
  for (const pred of KEY_FACTS) parts.push(section(pred));
  if (p.relations && p.relations.length) {
    const rows = p.relations.map((l) => {
      const other = l.direction === 'incoming' ? { name: l.source, id: l.source_id } : { name: l.target, id: l.target_id };
      if (l.direction === 'both' && l.target_id === p.id) { other.name = l.source; other.id = l.source_id; }
      const arrow = l.direction === 'both' ? '↔' : (l.direction === 'outgoing' ? '→' : '←');
      return el('div.claim', {},
        el('div.claim-line', {}, el('span.arrow', {}, arrow), relTypeBadge(l.type), entityLink(other.name, other.id),
          el('span.when', {}, interval(l.start, l.end) + (l.end_reason && l.end_reason !== 'stated' ? ` (${l.end_reason})` : '')),
          el('span.badge', {}, plural(l.corroboration, 'source')),
          l.hedged ? el('span.badge.hedge', {}, 'hedged') : null),
        sourcesList(l.sources, 2));
    });
    parts.push(el('div.section', {}, el('h3', {}, `Relations (${p.relations.length})`), rows));
  }
  if (p.events && p.events.length) {
    parts.push(el('div.section', {}, el('h3', {}, `Events (${p.events.length})`),
      p.events.map((a) => assertionLine(a, {
        prefix: [el('span.when', {}, a.start || 'undated'),
          a.subject && a.subject !== p.name ? el('span', {}, a.subject) : null, el('span.badge.kind', {}, a.p)],
      }))));
  }
  for (const pred of known.filter((k) => !KEY_FACTS.includes(k))) parts.push(section(pred));
  for (const pred of Object.keys(attrs).filter((k) => !known.includes(k))) parts.push(section(pred));
  if (parts.filter(Boolean).length === 1 + (p.aliases && p.aliases.length ? 1 : 0)) {
    parts.push(el('div.placeholder', {}, 'No claims about this entity beyond its names.'));
  }
  box.replaceChildren(...parts.filter(Boolean));
  box.scrollTop = 0;
}

function renderTimeline(t) {
  const box = $('#tab-timeline');
  if (!t.timeline.length) {
    box.replaceChildren(el('h2', {}, t.entity), el('div.placeholder', {}, 'No dated events or relation changes.'));
    return;
  }
  const list = el('ul.timeline', {}, t.timeline.map((it) => el(`li.k-${it.kind}`, {},
    el('div', {}, el('span.date', {}, it.date || 'undated'), el('span.badge.kind', {}, it.kind.replace('-', ' ')),
      ' ', it.text, it.hedge ? el('span.badge.hedge', {}, it.hedge) : null),
    sourcesList(it.sources, 1))));
  box.replaceChildren(el('h2', {}, `${t.entity}`), el('p.muted', {}, 'Events, relation starts and ends, founding and dated attributes, in date order.'), list);
}

function showLink(l) {
  showTab('profile');
  const box = $('#tab-profile');
  box.replaceChildren(
    el('div.profile-head', {}, el('h2', {}, entityLink(l.source, l.source_id), ` ${l.symmetric ? '↔' : '→'} `, entityLink(l.target, l.target_id))),
    el('div.badges', {}, relTypeBadge(l.type), el('span.badge', {}, interval(l.start, l.end)),
      l.end_reason ? el('span.badge', {}, `ended: ${l.end_reason}`) : null,
      el('span.badge', {}, plural(l.corroboration, 'source')), l.hedged ? el('span.badge.hedge', {}, 'hedged') : null),
    el('div.section', {}, el('h3', {}, 'Evidence'), el('div.placeholder', {}, 'Loading…')));
  // The compact network carries one source; the relations endpoint has them all.
  api('/api/relations', { id: l.source_id, types: l.type }).then((r) => {
    const full = r.relations.find((x) => x.source_id === l.source_id && x.target_id === l.target_id) || l;
    box.lastChild.replaceChildren(el('h3', {}, 'Evidence'), sourcesList(full.sources || (l.first_source ? [l.first_source] : []), 10));
  }).catch((e) => box.lastChild.replaceChildren(errorBox(e)));
}

// The profile tab before anything is selected: the most documented groups.
async function showOverview() {
  const box = $('#tab-profile');
  try {
    const r = await api('/api/entities', { type: 'group', limit: 15 });
    if (state.selected || !r.results.length) return;
    box.replaceChildren(
      el('div.placeholder', {}, 'Click a group in the network, or search for one by any of its names, to see ' +
        'everything the documents say about it — each claim with its quote and source.'),
      el('div.section', {}, el('h3', {}, 'Most documented groups'),
        ...r.results.map((e) => el('div.claim', {}, el('div.claim-line', {}, entityLink(e.name, e.id),
          el('span.badge', {}, plural(e.claims, 'claim')), el('span.badge', {}, plural(e.documents, 'document')))))));
  } catch { /* the placeholder stays */ }
}

// ------------------------------------------------------------------ documents

async function openDocument(key, begin, end) {
  const dlg = $('#doc-dialog');
  $('#doc-title').textContent = key;
  $('#doc-meta').textContent = 'Loading…';
  $('#doc-text').replaceChildren();
  if (!dlg.open) dlg.showModal();
  let d;
  try {
    d = await api('/api/document', { key });
  } catch (e) {
    $('#doc-meta').textContent = '';
    $('#doc-text').replaceChildren(errorBox(e));
    return;
  }
  $('#doc-title').textContent = d.title || d.key;
  $('#doc-meta').textContent = [d.key, d.date, d.source, plural(d.evidence.length, 'evidence sentence')].filter(Boolean).join(' · ');
  // Offsets are code points: index an array of code points, not the UTF-16 string.
  const cps = Array.from(d.text);
  const spans = d.evidence.map((e) => ({ b: e.begin, e: e.end, hit: e.begin === begin && e.end === end }));
  if (begin !== undefined && !spans.some((s) => s.hit)) spans.push({ b: begin, e: end, hit: true });
  spans.sort((x, y) => x.b - y.b || (y.hit ? 1 : 0) - (x.hit ? 1 : 0));
  const out = [];
  let pos = 0;
  let target = null;
  for (const s of spans) {
    if (s.b < pos || s.b >= s.e || s.e > cps.length) continue;  // overlapping or out of range
    if (s.b > pos) out.push(document.createTextNode(cps.slice(pos, s.b).join('')));
    const node = el(s.hit ? 'mark' : 'span.ev', { title: s.hit ? 'the quoted sentence' : 'evidence for a claim' }, cps.slice(s.b, s.e).join(''));
    if (s.hit) target = node;
    out.push(node);
    pos = s.e;
  }
  if (pos < cps.length) out.push(document.createTextNode(cps.slice(pos).join('')));
  $('#doc-text').replaceChildren(...out);
  if (target) requestAnimationFrame(() => target.scrollIntoView({ block: 'center' }));
}

async function loadDocuments() {
  const box = $('#tab-documents');
  try {
    const r = await api('/api/documents', { limit: 200 });
    if (!r.documents.length) { box.replaceChildren(el('div.placeholder', {}, 'No documents yet.')); return; }
    box.replaceChildren(el('p.muted', {}, `${plural(r.total, 'document')}, newest first`),
      ...r.documents.map((d) => el('div.doc-row', {},
        el('div', {}, el('div.key', {}, d.title || d.key),
          el('div.meta', {}, [d.title ? d.key : null, d.date, plural(d.claims, 'claim')].filter(Boolean).join(' · '))),
        el('button', { type: 'button', onclick: () => openDocument(d.key) }, 'open'))));
  } catch (e) {
    box.replaceChildren(errorBox(e));
  }
}

// ------------------------------------------------------------------ search

function initSearch() {
  const input = $('#search');
  const list = $('#search-list');
  let items = [];
  let active = -1;
  const close = () => { list.hidden = true; active = -1; };
  const setActive = (i) => {
    active = i;
    [...list.children].forEach((li, j) => li.classList.toggle('active', j === i));
  };
  const choose = (i) => {
    const it = items[i];
    if (!it) return;
    close();
    if (it.fulltext) { fullText(it.q); return; }
    input.value = it.name;
    selectEntity(it.id);
  };
  const suggest = debounce(async () => {
    const q = input.value.trim();
    if (!q) { close(); return; }
    let r;
    try { r = await api('/api/entities', { q, limit: 8 }); } catch { return; }
    if (input.value.trim() !== q) return;
    items = [...r.results, { fulltext: true, q }];
    list.replaceChildren(...items.map((it, i) => (it.fulltext
      ? el('li.fulltext', { role: 'option', onmousedown: (ev) => { ev.preventDefault(); choose(i); } }, `Search evidence for “${it.q}”`)
      : el('li', { role: 'option', onmousedown: (ev) => { ev.preventDefault(); choose(i); } },
        el('span.name', {}, it.name), it.matched ? el('span.alias', {}, `“${it.matched}”`) : null,
        el('span.kind', {}, `${it.type} · ${plural(it.claims, 'claim')}`)))));
    list.hidden = false;
    setActive(0);
  }, 120);
  input.addEventListener('input', suggest);
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown') { ev.preventDefault(); if (!list.hidden) setActive(Math.min(items.length - 1, active + 1)); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); if (!list.hidden) setActive(Math.max(0, active - 1)); }
    else if (ev.key === 'Enter') { ev.preventDefault(); if (!list.hidden && active >= 0) choose(active); else if (input.value.trim()) fullText(input.value.trim()); }
    else if (ev.key === 'Escape') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
}

async function fullText(q) {
  showTab('results');
  const box = $('#tab-results');
  box.replaceChildren(el('div.placeholder', {}, 'Searching…'));
  try {
    const r = await api('/api/search', { q, limit: 50 });
    if (!r.results.length) { box.replaceChildren(el('div.placeholder', {}, `No evidence sentence contains every word of “${q}”.`)); return; }
    box.replaceChildren(el('p.muted', {}, `${plural(r.results.length, 'sentence')} matching “${q}”`),
      ...r.results.map((h) => el('div.hit', {},
        el('ul.sources', {}, sourceItem({ doc: h.doc, doc_date: h.doc_date, quote: h.quote, begin: h.begin, end: h.end })),
        el('div.facts', {}, h.facts.map((f) => el('div', {}, entityLink(f.s, f.s_id), ` ${f.p.replace(/_/g, ' ')} ${f.o}`,
          f.hedge ? el('span.badge.hedge', {}, f.hedge) : null))))));
  } catch (e) {
    box.replaceChildren(errorBox(e));
  }
}

// ------------------------------------------------------------------ ingest

const MAX_UPLOAD = 32 * 1024 * 1024;

function initIngest() {
  const dlg = $('#add-dialog');
  const files = [];
  const status = $('#add-status');
  const renderFiles = () => $('#file-list').replaceChildren(...files.map((f, i) => el('li', {},
    `${f.name} (${Math.max(1, Math.round(f.size / 1024))} KB) `, el('a.entity', { onclick: () => { files.splice(i, 1); renderFiles(); } }, 'remove'))));
  const addFiles = (list) => {
    for (const f of list) {
      if (!/\.(txt|md|html?|jsonl)$/i.test(f.name)) { status.textContent = `${f.name}: only .txt, .md, .html and .jsonl files`; continue; }
      files.push(f);
    }
    renderFiles();
  };
  $('#btn-add').addEventListener('click', () => { status.textContent = ''; status.classList.remove('error'); dlg.showModal(); });
  const drop = $('#drop');
  drop.addEventListener('dragover', (ev) => { ev.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (ev) => { ev.preventDefault(); drop.classList.remove('over'); addFiles(ev.dataTransfer.files); });
  $('#add-files').addEventListener('change', (ev) => { addFiles(ev.target.files); ev.target.value = ''; });
  $('#add-submit').addEventListener('click', async () => {
    status.classList.remove('error');
    const docs = [];
    const text = $('#add-text').value;
    if (text.trim()) docs.push({ name: $('#add-name').value.trim() || undefined, text });
    let bytes = text.length;
    for (const f of files) {
      bytes += f.size;
      docs.push({ name: f.name, text: await f.text() });
    }
    if (!docs.length) { status.textContent = 'Paste some text or add files first.'; status.classList.add('error'); return; }
    if (bytes > MAX_UPLOAD) { status.textContent = 'That is more than 32 MB; ingest it in parts or with `orbat ingest`.'; status.classList.add('error'); return; }
    const body = { documents: docs };
    const date = $('#add-date').value.trim();
    if (date) body.date = date;
    if ($('#add-force').checked) body.force = true;
    const bar = $('#add-progress');
    $('#add-submit').disabled = true;
    bar.hidden = false; bar.value = 0;
    status.textContent = 'Uploading…';
    try {
      const job = await api('/api/ingest', {}, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      let j = job;
      while (j.state === 'queued' || j.state === 'running') {
        await new Promise((r) => setTimeout(r, 250));
        j = await api('/api/ingest', { job: job.job });
        bar.max = Math.max(1, j.total);
        bar.value = j.processed;
        status.textContent = `${j.state === 'queued' ? 'Waiting' : 'Extracting'}: ${j.processed} of ${j.total} documents…`;
      }
      bar.value = bar.max;
      if (j.state === 'failed') throw new Error(j.messages.join('; ') || 'ingest failed');
      status.textContent = `Done in ${(j.seconds || 0).toFixed(1)} s: ${j.new} new, ${j.changed} changed, ${j.unchanged} unchanged${j.errors ? `, ${j.errors} errors (${j.messages.join('; ')})` : ''}.`;
      if (j.errors) status.classList.add('error');
      $('#add-text').value = '';
      $('#add-name').value = '';
      files.length = 0;
      renderFiles();
      await Promise.all([loadStats(), loadNetwork({ relayout: false })]);
      if (!$('#tab-documents').hidden) loadDocuments();
    } catch (e) {
      status.textContent = `Error: ${e.message}`;
      status.classList.add('error');
    } finally {
      $('#add-submit').disabled = false;
    }
  });
}

// ------------------------------------------------------------------ export, stats

function initExport() {
  const btn = $('#btn-export');
  const menu = $('#export-menu');
  btn.addEventListener('click', (ev) => {
    ev.stopPropagation();
    menu.hidden = !menu.hidden;
    btn.setAttribute('aria-expanded', String(!menu.hidden));
    for (const a of menu.querySelectorAll('a')) {
      const u = new URL('/api/export', location.origin);
      u.searchParams.set('format', a.dataset.format);
      if (a.dataset.table) u.searchParams.set('table', a.dataset.table);
      if (state.at) u.searchParams.set('at', state.at);
      a.href = u.pathname + u.search;
    }
  });
  document.addEventListener('click', () => { menu.hidden = true; btn.setAttribute('aria-expanded', 'false'); });
}

async function loadStats() {
  try {
    const s = await api('/api/stats');
    const groups = (s.entities_by_type && s.entities_by_type.group) || 0;
    $('#stats').textContent = `${plural(s.documents, 'document')} · ${plural(groups, 'group')} · ${plural(s.entities, 'entity').replace('entitys', 'entities')} · ${plural(s.claims, 'claim')}`;
  } catch (e) {
    $('#stats').textContent = `API error: ${e.message}`;
  }
}

// ------------------------------------------------------------------ start

function init() {
  initCy();
  initTimeControls();
  initSearch();
  initIngest();
  initExport();
  for (const b of document.querySelectorAll('.tabs button')) b.addEventListener('click', () => showTab(b.dataset.tab));
  $('#region-filter').addEventListener('change', (ev) => { state.region = ev.target.value; applyTime(); });
  $('#color-by').addEventListener('change', (ev) => { state.colorBy = ev.target.value; recolor(); });
  $('#size-by').addEventListener('change', (ev) => { state.sizeBy = ev.target.value; recolor(); });
  $('#undated').addEventListener('change', (ev) => { state.undated = ev.target.checked; applyTime(); });
  for (const d of document.querySelectorAll('dialog')) {
    d.addEventListener('click', (ev) => { if (ev.target === d) d.close(); });  // click on the backdrop
  }
  loadStats();
  showOverview();
  loadNetwork().then(() => { document.body.dataset.ready = '1'; })
    .catch((e) => { showStatus(`Error: ${e.message}`); document.body.dataset.ready = 'error'; });
}

init();
