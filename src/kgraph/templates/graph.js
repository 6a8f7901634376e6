/* kgraph graph page: legend, search, filters, neighbourhood highlight and detail panel.
   Every text that comes from the graph reaches the DOM as a Text node (textContent,
   append(string)), never parsed as HTML: article text with markup shows as text, never runs. */
(function () {
  "use strict";
  const T0 = performance.now();
  const D = JSON.parse(document.getElementById("kgraph-data").textContent);
  const CLASSES = D.classes, RELS = D.relations, ROWS = D.nodes, DETAILS = D.details;
  const NAMES = D.names, SENT = D.sentences, ARTS = D.articles, META = D.meta;
  const N = ROWS.length;
  const INK = "#1e293b";
  const FONT = getComputedStyle(document.body).fontFamily;
  const ARTICLE = CLASSES.findIndex((c) => c.key === "Article");
  const SECTOR_REL = RELS.findIndex((r) => r.key === "sector");
  const SECTOR_CLASS = CLASSES.findIndex((c) => c.key === "Sector");
  const EDGE_DIM_LIMIT = 30000;  // above this, dimming edges costs more than it helps
  const MAX_CHIPS = 40;
  const $ = (id) => document.getElementById(id);
  const K = (window.kgraph = { ready: false, readyAt: null, selected: null, data: D,
    timings: { start: T0, parsed: performance.now() } });

  // ------------------------------------------------------------ DOM helpers (text only)
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
    return e;
  }
  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, ...children) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    for (const c of children) e.append(c);
    return e;
  }
  function shade(hex, f) {
    const n = parseInt(hex.slice(1), 16);
    const ch = (s) => Math.max(0, Math.min(255, Math.round(((n >> s) & 255) * f)));
    return "#" + ((1 << 24) | (ch(16) << 16) | (ch(8) << 8) | ch(0)).toString(16).slice(1);
  }
  function polygon(k, r, rot, inner) {
    const pts = [];
    for (let i = 0; i < k * (inner ? 2 : 1); i++) {
      const a = rot + (i * Math.PI * 2) / (k * (inner ? 2 : 1));
      const rr = inner && i % 2 ? r * inner : r;
      pts.push((8 + rr * Math.cos(a)).toFixed(2) + "," + (8 + rr * Math.sin(a)).toFixed(2));
    }
    return pts.join(" ");
  }
  function shapeIcon(shape, color, size) {
    const paint = { fill: color, stroke: shade(color, 0.7), "stroke-width": 1 };
    let body;
    if (shape === "dot") body = svg("circle", { cx: 8, cy: 8, r: 5.5, ...paint });
    else if (shape === "square") body = svg("rect", { x: 2.5, y: 2.5, width: 11, height: 11, ...paint });
    else if (shape === "diamond") body = svg("polygon", { points: polygon(4, 6.5, 0), ...paint });
    else if (shape === "triangle") body = svg("polygon", { points: polygon(3, 7, -Math.PI / 2), ...paint });
    else if (shape === "hexagon") body = svg("polygon", { points: polygon(6, 6.5, 0), ...paint });
    else body = svg("polygon", { points: polygon(5, 7, -Math.PI / 2, 0.45), ...paint });
    return svg("svg", { width: size, height: size, viewBox: "0 0 16 16", "aria-hidden": "true" }, body);
  }
  function lineIcon(rel) {
    return svg("svg", { width: 26, height: 10, viewBox: "0 0 26 10", "aria-hidden": "true" },
      svg("line", { x1: 1, y1: 5, x2: 25, y2: 5, stroke: rel.color,
        "stroke-width": Math.max(1, rel.width), "stroke-dasharray": rel.dashes ? rel.dashes.join(" ") : "none" }));
  }
  const both = (o) => (o.id && o.id !== o.en ? o.en + " · " + o.id : o.en);

  // ------------------------------------------------------------ data for vis-network
  const colorOf = (hex) => ({
    background: hex, border: shade(hex, 0.72),
    highlight: { background: hex, border: "#0f172a" }, hover: { background: hex, border: "#0f172a" },
  });
  const groups = {};
  for (const c of CLASSES) groups[c.key] = { shape: c.shape, color: colorOf(c.color) };
  function tooltip(i) {
    const d = DETAILS[i], c = CLASSES[ROWS[i][1]];
    const lines = [d.en ? d.name + " / " + d.en : d.name, both(c)];
    const alt = (d.alt || []).slice(0, 4);
    if (alt.length) lines.push("Also: " + alt.join(", ") + ((d.alt || []).length > 4 ? ", …" : ""));
    if (d.pos) lines.push(d.pos.slice(0, 3).join("; "));
    lines.push("Click for details");
    return lines.join("\n");
  }
  const nodeItems = ROWS.map((r, i) => ({
    id: i, label: r[0], group: CLASSES[r[1]].key, size: r[2], x: r[3], y: r[4], title: tooltip(i),
  }));
  const relColor = (r) => ({ color: r.color, highlight: r.color, hover: r.color, opacity: r.provenance ? 0.55 : 0.9 });
  const edgeItems = D.edges.map((e, k) => {
    const r = RELS[e[2]];
    return { id: k, from: e[0], to: e[1], rel: e[2], color: relColor(r), width: r.width,
      dashes: r.dashes, title: both(r) };
  });
  const adj = Array.from({ length: N }, () => []);
  for (const e of D.edges) { adj[e[0]].push([e[2], e[1], 0]); adj[e[1]].push([e[2], e[0], 1]); }

  const nodes = new vis.DataSet(nodeItems);
  const edges = new vis.DataSet(edgeItems);
  const classOn = CLASSES.map(() => true);
  const relOn = RELS.map(() => true);
  let hideArticles = false;
  let sectorSet = null;
  const visible = (i) => classOn[ROWS[i][1]] && !(hideArticles && ROWS[i][1] === ARTICLE) &&
    (!sectorSet || sectorSet.has(i));
  const nodeView = new vis.DataView(nodes, { filter: (item) => visible(item.id) });
  const edgeView = new vis.DataView(edges, { filter: (item) => relOn[item.rel] });

  const large = N > 1500 || edgeItems.length > 4000;
  const options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    groups: groups,
    nodes: {
      borderWidth: 1.5, borderWidthSelected: 3,
      font: { face: FONT, size: 13, color: INK, strokeWidth: 3, strokeColor: "#ffffff" },
      widthConstraint: large ? false : { maximum: 170 },  // wrapping measures every label
      scaling: { label: { drawThreshold: 6 } },
    },
    edges: {
      smooth: false, selectionWidth: 1.5, hoverWidth: 0.5,
      font: { face: FONT, size: 10, color: "#475569", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
    },
    interaction: { hover: !large, tooltipDelay: 180, hideEdgesOnDrag: large, hideEdgesOnZoom: large,
      multiselect: false, keyboard: false },
    physics: META.physics ? {
      enabled: true, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -70, centralGravity: 0.008, springLength: 120,
        springConstant: 0.05, damping: 0.55, avoidOverlap: 0.4 },
      maxVelocity: 60, minVelocity: 1, timestep: 0.45, adaptiveTimestep: true,
      stabilization: { enabled: true, iterations: META.iterations, updateInterval: 25, fit: true },
    } : { enabled: false },
  };
  K.timings.datasets = performance.now();
  const network = new vis.Network($("graph"), { nodes: nodeView, edges: edgeView }, options);
  K.timings.network = performance.now();
  Object.assign(K, { network, nodes, edges, nodeView, edgeView, select, search, visible });

  function ready() {
    if (K.ready) return;
    K.ready = true;
    K.readyAt = performance.now();
    document.body.dataset.ready = "1";
    $("loading").hidden = true;
  }
  if (N === 0) {
    $("loading").textContent = "The graph is empty.";
    K.ready = true; K.readyAt = performance.now(); document.body.dataset.ready = "1";
  } else if (META.physics) {
    network.on("stabilizationProgress", (p) => {
      $("loading").textContent = "Laying out the graph… " + Math.round((100 * p.iterations) / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: { enabled: $("physics").checked } });
      network.once("afterDrawing", ready);
      network.fit();
    });
  } else {
    network.once("afterDrawing", ready);
  }

  // ------------------------------------------------------------ neighbourhood highlight
  const dimNode = { color: { background: "rgba(203,213,225,0.45)", border: "rgba(148,163,184,0.45)" },
    font: { color: "rgba(100,116,139,0.4)" } };
  const dimEdge = { color: { color: "#e2e8f0", highlight: "#e2e8f0", hover: "#e2e8f0", opacity: 0.35 } };
  const dimmedNodes = new Set(), dimmedEdges = new Set();
  function highlight(id) {
    const keep = new Set(id === null ? [] : [id]);
    if (id !== null) for (const [, other] of adj[id]) keep.add(other);
    const nu = [];
    for (let i = 0; i < N; i++) {
      const dim = id !== null && !keep.has(i);
      if (dim === dimmedNodes.has(i)) continue;
      if (dim) { dimmedNodes.add(i); nu.push({ id: i, ...dimNode }); }
      else { dimmedNodes.delete(i); nu.push({ id: i, color: groups[CLASSES[ROWS[i][1]].key].color, font: { color: INK } }); }
    }
    if (nu.length) nodes.update(nu);
    if (edgeItems.length > EDGE_DIM_LIMIT) return;
    const eu = [];
    for (const e of edgeItems) {
      const dim = id !== null && e.from !== id && e.to !== id;
      if (dim === dimmedEdges.has(e.id)) continue;
      if (dim) { dimmedEdges.add(e.id); eu.push({ id: e.id, ...dimEdge }); }
      else { dimmedEdges.delete(e.id); eu.push({ id: e.id, color: relColor(RELS[e.rel]) }); }
    }
    if (eu.length) edges.update(eu);
  }

  // ------------------------------------------------------------ selection
  function ensureVisible(i) {
    if (visible(i)) return;
    const c = ROWS[i][1];
    if (!classOn[c]) { classOn[c] = true; syncClassBoxes(); }
    if (hideArticles && c === ARTICLE) { hideArticles = false; $("hide-articles").checked = false; }
    if (sectorSet && !sectorSet.has(i)) { sectorSet = null; $("sector").value = ""; }
    refresh();
  }
  function select(i, focus) {
    ensureVisible(i);
    K.selected = i;
    network.selectNodes([i]);
    highlight(i);
    showDetails(i);
    if (focus) {  // centre the node in the part of the canvas the detail panel leaves free
      const panel = $("details");
      network.focus(i, { scale: Math.max(network.getScale(), 1.0),
        offset: { x: panel.hidden ? 0 : -(panel.offsetWidth + 12) / 2, y: 0 },
        animation: { duration: 450, easingFunction: "easeInOutQuad" } });
    }
  }
  function clearSelection() {
    K.selected = null;
    network.unselectAll();
    highlight(null);
    $("details").hidden = true;
  }
  network.on("click", (p) => {
    if (p.nodes.length) select(p.nodes[0], false);
    else if (!p.edges.length) clearSelection();
  });
  network.on("doubleClick", (p) => { if (p.nodes.length) select(p.nodes[0], true); });

  // ------------------------------------------------------------ detail panel
  function chip(i) {
    const c = CLASSES[ROWS[i][1]];
    const b = el("button", { type: "button", class: "chip", title: DETAILS[i].name + " — " + c.en,
      onclick: () => select(i, true) }, el("i", { class: "dot" }), el("span", null, DETAILS[i].name));
    b.firstChild.style.background = c.color;
    return b;
  }
  const plainChip = (text, hint) => el("span", hint ? { class: "chip plain", title: hint } : { class: "chip plain" },
    el("span", null, text));
  function chips(items, total) {
    const box = el("div", { class: "chips" }, ...items.slice(0, MAX_CHIPS));
    const more = (total || items.length) - Math.min(items.length, MAX_CHIPS);
    if (more > 0) box.append(el("span", { class: "more" }, "+" + more + " more"));
    return box;
  }
  function dl(rows) {
    const box = el("dl");
    for (const [k, v] of rows) if (v !== undefined && v !== null && v !== "") box.append(el("dt", null, k), el("dd", null, v));
    return box;
  }
  function marked(text, quotes) {
    // the quoted mentions inside the sentence, as <mark> elements around Text nodes
    const spans = [];
    for (const q of quotes || []) {
      for (let p = text.indexOf(q); q && p >= 0; p = text.indexOf(q, p + q.length)) spans.push([p, p + q.length]);
    }
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const out = el("blockquote");
    let at = 0;
    for (const [s, e] of spans) {
      if (s < at) continue;
      out.append(text.slice(at, s), el("mark", null, text.slice(s, e)));
      at = e;
    }
    out.append(text.slice(at));
    return out;
  }
  function articleLabel(a) {
    if (a < 0) return el("span", null, "Unknown article");
    const [title, node] = ARTS[a];
    return node >= 0 ? el("button", { type: "button", onclick: () => select(node, true) }, title)
      : el("span", null, title);
  }
  function statusBadge(s) { return s ? el("span", { class: "status " + s.replace(/[^a-z]/g, "") }, s) : ""; }

  function showDetails(i) {
    const d = DETAILS[i], c = CLASSES[ROWS[i][1]];
    const box = $("details");
    const section = (title, ...body) => box.append(el("h4", null, title), ...body);
    box.replaceChildren(
      el("button", { type: "button", class: "close", "aria-label": "Close", onclick: clearSelection }, "×"),
      el("div", { class: "cls" }, shapeIcon(c.shape, c.color, 13), both(c)),
      el("h3", null, d.name));
    if (d.en) box.append(el("div", { class: "muted" }, d.en));
    box.append(el("div", { class: "iri" }, d.iri));
    const names = [...(d.labels || []).map(([t, lang]) => (lang ? t + " @" + lang : t)), ...(d.alt || [])];
    if (names.length) section("Also known as", chips(names.map((t) => plainChip(t))));
    if (d.pos) section("Positions", chips(d.pos.map((t) => plainChip(t))));
    if (c.family === "Agreement") {
      section("Agreement", dl([["Most advanced", both(c)], ["Status", statusBadge(d.status)], ["Latest date", d.date]]));
    }
    if (d.ids || d.url) {
      const rows = (d.ids || []).slice();
      if (d.url) {
        const a = el("a", { rel: "noopener noreferrer", target: "_blank" }, d.url);
        if (/^https?:\/\//.test(d.url)) a.href = d.url;  // a link the reader may follow, never loaded
        rows.push(["Source", a]);
      }
      section("Details", dl(rows));
    }
    // relations: drawn neighbours (clickable) and, in the overview, names of undrawn ones
    const groupsBy = new Map();
    for (const [rel, other, dir] of adj[i]) {
      const key = rel * 2 + dir;
      if (!groupsBy.has(key)) groupsBy.set(key, { ids: new Set(), extra: [], total: 0 });
      groupsBy.get(key).ids.add(other);
    }
    for (const [rel, dir, names2, total] of d.x || []) {
      const key = rel * 2 + dir;
      if (!groupsBy.has(key)) groupsBy.set(key, { ids: new Set(), extra: [], total: 0 });
      const g = groupsBy.get(key);
      g.extra = names2; g.total = total;
    }
    for (const key of [...groupsBy.keys()].sort((a, b) => a - b)) {
      const g = groupsBy.get(key), rel = RELS[key >> 1];
      const ids = [...g.ids].sort((a, b) => ROWS[a][1] - ROWS[b][1] || (DETAILS[a].name < DETAILS[b].name ? -1 : 1));
      const items = [...ids.map(chip), ...g.extra.map((t) => plainChip(t, "not drawn in this view"))];
      section((key & 1 ? rel.in : rel.out) + " (" + (ids.length + g.total) + ")", chips(items, ids.length + g.total));
    }
    if (d.stages && d.stages.length) {
      const body = el("tbody");
      for (const [kind, status, date, art, sent] of d.stages) {
        const row = el("tr", sent >= 0 ? { title: SENT[sent] } : null,
          el("td", null, CLASSES[kind].en), el("td", null, statusBadge(status)), el("td", null, date || "—"),
          el("td", null, articleLabel(art)));
        body.append(row);
      }
      section("Stages (" + d.stages.length + ")", el("table", { class: "stages" },
        el("thead", null, el("tr", null, el("th", null, "Kind"), el("th", null, "Status"), el("th", null, "Date"),
          el("th", null, "Article"))), body));
    }
    if (d.ev && d.ev.length) {
      const body = el("div");
      let last = null;
      for (const [sent, art, quotes] of d.ev) {
        if (art !== last) { body.append(el("div", { class: "art" }, articleLabel(art))); last = art; }
        body.append(marked(SENT[sent], quotes));
      }
      if (d.evMore) body.append(el("div", { class: "more" }, "+" + d.evMore + " more sentences"));
      section("Source sentences (" + (d.ev.length + (d.evMore || 0)) + ")", body);
    }
    box.hidden = false;
    box.scrollTop = 0;
  }

  // ------------------------------------------------------------ filters and legend
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    if (K.selected !== null && !visible(K.selected)) clearSelection();
    summary();
  }
  function summary() {
    let shown = 0;
    for (let i = 0; i < N; i++) if (visible(i)) shown++;
    const mode = META.physics ? "force layout" : "precomputed layout";
    $("summary").textContent = (shown === N ? N + " nodes" : shown + " of " + N + " nodes") + " · " +
      D.edges.length + " edges · " + mode + (META.overview ? " · overview" : "");
  }
  const classBoxes = [];
  function syncClassBoxes() {
    classBoxes.forEach(([box, label, c]) => { box.checked = classOn[c]; label.classList.toggle("off", !classOn[c]); });
  }
  function buildLegend() {
    const box = $("legend-classes");
    let family = null;
    CLASSES.forEach((c, k) => {
      if (!c.count) return;
      if (c.family !== family) { family = c.family; box.append(el("div", { class: "fam" }, META.families[family] || family)); }
      const input = el("input", { type: "checkbox" });
      input.checked = true;
      const label = el("label", { title: both(c) }, input, shapeIcon(c.shape, c.color, 15),
        el("span", { class: "name" }, c.en + " ", c.id && c.id !== c.en ? el("small", null, c.id) : null),
        el("span", { class: "count" }, String(c.count)));
      input.addEventListener("change", () => { classOn[k] = input.checked; syncClassBoxes(); refresh(); });
      classBoxes.push([input, label, k]);
      box.append(label);
    });
    const counts = RELS.map(() => 0);
    for (const e of D.edges) counts[e[2]]++;
    RELS.forEach((r, k) => {
      if (!counts[k]) return;
      const input = el("input", { type: "checkbox" });
      input.checked = true;
      const label = el("label", { title: both(r) }, input, lineIcon(r),
        el("span", { class: "name" }, r.en + " ", r.id && r.id !== r.en ? el("small", null, r.id) : null),
        el("span", { class: "count" }, String(counts[k])));
      input.addEventListener("change", () => { relOn[k] = input.checked; label.classList.toggle("off", !input.checked); refresh(); });
      $("legend-relations").append(label);
    });
    $("all-classes").addEventListener("click", () => { classOn.fill(true); syncClassBoxes(); refresh(); });
  }
  function buildSectorFilter() {
    const sel = $("sector");
    const sectors = [];
    for (let i = 0; i < N; i++) {
      if (ROWS[i][1] !== SECTOR_CLASS) continue;
      const agreements = adj[i].filter(([rel, , dir]) => rel === SECTOR_REL && dir === 1).map(([, o]) => o);
      sectors.push([i, agreements]);
    }
    if (!sectors.length) { sel.closest("section").hidden = true; return; }
    sectors.sort((a, b) => b[1].length - a[1].length || (DETAILS[a[0]].name < DETAILS[b[0]].name ? -1 : 1));
    for (const [i, agreements] of sectors) {
      const d = DETAILS[i];
      sel.append(el("option", { value: String(i) }, (d.en ? d.name + " · " + d.en : d.name) + " (" + agreements.length + ")"));
    }
    const members = new Map(sectors);
    sel.addEventListener("change", () => {
      if (!sel.value) { sectorSet = null; refresh(); return; }
      const s = Number(sel.value);
      sectorSet = new Set([s]);
      for (const a of members.get(s)) {
        sectorSet.add(a);
        for (const [rel, other] of adj[a]) if (rel !== SECTOR_REL) sectorSet.add(other);
      }
      refresh();
      network.fit({ nodes: [...sectorSet].filter(visible), animation: { duration: 400 } });
    });
  }
  $("hide-articles").addEventListener("change", (e) => { hideArticles = e.target.checked; refresh(); });
  $("physics").addEventListener("change", (e) => network.setOptions({ physics: { enabled: e.target.checked } }));
  $("fit").addEventListener("click", () => network.fit({ animation: { duration: 400 } }));
  $("edge-labels").addEventListener("change", (e) => {
    const on = e.target.checked;
    // vis-network keeps an edge label set to "" or null: a blank one hides it
    edges.update(edgeItems.map((x) => ({ id: x.id, label: on ? RELS[x.rel].en : " " })));
  });

  // ------------------------------------------------------------ search
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const index = ROWS.map((r, i) => [fold(DETAILS[i].name), fold(r[0]), ...NAMES[i].map(fold)]);
  const allNames = ROWS.map((r, i) => [DETAILS[i].name, r[0], ...NAMES[i]]);
  function search(query, limit) {
    const q = fold(query.trim());
    if (!q) return [];
    const hits = [];
    for (let i = 0; i < N; i++) {
      let best = 9, via = -1;
      const names = index[i];
      for (let k = 0; k < names.length; k++) {
        const s = names[k], p = s.indexOf(q);
        if (p < 0) continue;
        const rank = s === q ? 0 : p === 0 ? 1 : /[^\p{L}\p{N}]/u.test(s[p - 1]) ? 2 : 3;
        if (rank < best) { best = rank; via = k; }
      }
      if (via >= 0) hits.push({ id: i, rank: best, via: via > 1 ? allNames[i][via] : null });
    }
    hits.sort((a, b) => a.rank - b.rank || ROWS[b.id][2] - ROWS[a.id][2] || a.id - b.id);
    return hits.slice(0, limit || 12);
  }
  const input = $("search"), list = $("suggest");
  let hits = [], active = 0, timer = 0;
  function renderSuggestions() {
    list.replaceChildren();
    hits.forEach((h, k) => {
      const c = CLASSES[ROWS[h.id][1]];
      const li = el("li", { role: "option", "aria-selected": String(k === active), title: both(c) },
        shapeIcon(c.shape, c.color, 13), el("span", null, DETAILS[h.id].name),
        h.via ? el("span", { class: "via" }, h.via) : null);
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); pick(k); });
      list.append(li);
    });
    if (!hits.length && input.value.trim()) list.append(el("li", { class: "more" }, "No match"));
    list.hidden = !input.value.trim();
  }
  function pick(k) {
    const h = hits[k];
    if (!h) return;
    input.value = DETAILS[h.id].name;
    list.hidden = true;
    select(h.id, true);
  }
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => { hits = search(input.value); active = 0; renderSuggestions(); }, N > 5000 ? 120 : 30);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!hits.length) return;
      active = (active + (e.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
      renderSuggestions();
    } else if (e.key === "Enter") {
      e.preventDefault();
      clearTimeout(timer);
      hits = search(input.value);
      pick(Math.min(active, hits.length - 1));
    } else if (e.key === "Escape") {
      if (list.hidden) clearSelection();
      list.hidden = true;
    }
  });
  input.addEventListener("blur", () => { list.hidden = true; });
  document.addEventListener("keydown", (e) => {
    if (e.key === "/" && document.activeElement !== input) { e.preventDefault(); input.focus(); input.select(); }
    else if (e.key === "Escape" && document.activeElement !== input) clearSelection();
  });

  // ------------------------------------------------------------ start
  buildLegend();
  buildSectorFilter();
  summary();
  const nd = META.notDrawn || {};
  const left = CLASSES.filter((c) => nd[c.key]).map((c) => nd[c.key] + " " + c.en.toLowerCase());
  if (META.overview && left.length) {
    const note = $("note");
    note.textContent = "Overview: only regions, agreements and sectors are drawn. Not drawn: " + left.join(", ") +
      " (their names appear in the details). Run `kgraph view --full` to draw everything.";
    note.hidden = false;
  }
})();
