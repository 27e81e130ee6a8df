/* kg viz page: two views of one knowledge graph, a legend that filters, a search that
 * focuses, and a details panel that says where every node and edge comes from.
 *
 * Everything in `data` comes from article and post text and is untrusted. It reaches
 * the page only as textContent, attribute values set with setAttribute (links only
 * after an http(s) check) and vis-network's plain-text titles; never as HTML.
 */
(function () {
  "use strict";

  performance.mark("kg:start");
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  performance.mark("kg:parsed");
  const byId = (id) => document.getElementById(id);

  /** Build an element; strings among the children become text nodes. */
  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) node.append(child);
    }
    return node;
  }

  function link(url, text) {
    return /^https?:\/\//i.test(url || "")
      ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: text || url })
      : h("span", { text: text || url || "" });
  }

  const fold = (s) => s.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
  const otherLang = data.lang === "en" ? "nl" : "en";
  const name = (labels, fallback) => labels[data.lang] || labels[otherLang] || fallback;
  const actorName = (id) => (data.actors[id] ? name(data.actors[id].labels, id) : id);
  const eventName = (id) => (data.events[id] ? name(data.events[id].labels, id) : id);
  const typeInfo = Object.fromEntries(data.types.map((t) => [t.key, t]));
  const classInfo = Object.fromEntries(data.classes.map((c) => [c.cls, c]));

  /* ---------------------------------------------------------------- state */

  const state = {
    view: data.view,
    hiddenTypes: new Set(),
    hiddenClasses: new Set(),
    from: "",
    to: "",
    undated: true,
    affiliations: true,
    hideLoose: true, // actors with no shown event and no affiliation say nothing at first
    top: null, // per view: show only the N most central first (data.top)
    topOn: false,
    pinned: new Set(),
    selected: null,
    frozen: false,
  };
  let nodes = null;
  let edges = null;
  let nodeView = null;
  let edgeView = null;
  let laidOut = new Set(); // node ids that have a position from the last layout

  function inTime(item) {
    if (!state.from && !state.to) return true;
    if (!item.t0) return state.undated;
    return (!state.from || item.t1 >= state.from) && (!state.to || item.t0 <= state.to);
  }

  function eventShown(id) {
    const info = data.events[id];
    return state.pinned.has(id) || (!state.hiddenClasses.has(info.cls) && inTime(info));
  }

  /** Filters: pinned (searched) nodes always show; top-N applies to ranks per kind. */
  function nodeVisible(node) {
    if (state.pinned.has(node.id)) return true;
    if (state.topOn && node.rank >= state.top) return false;
    if (node.kind === "event") return eventShown(node.id);
    const actor = data.actors[node.id];
    if (state.hiddenTypes.has(actor.type)) return false;
    if (!state.hideLoose || actor.events.some(eventShown)) return true;
    return state.view === "actors" && state.affiliations && actor.linked; // drawn only there
  }

  function edgeVisible(edge) {
    if (!nodeView.get(edge.from) || !nodeView.get(edge.to)) return false;
    if (edge.kind === "relation") return state.affiliations;
    return eventShown(edge.ev);
  }

  /** Plain-text hover titles (vis-network shows titles as text, never as HTML). */
  function nodeTitle(node) {
    const actor = data.actors[node.id];
    if (actor) {
      const other = actor.labels[otherLang];
      return `${node.label}\n${typeInfo[actor.type].name}` + (other && other !== node.label ? ` · ${otherLang}: ${other}` : "");
    }
    const e = data.events[node.id];
    return `${node.label}\n${classInfo[e.cls].label}` + (e.time ? ` · ${e.time}` : "");
  }

  function edgeTitle(edge) {
    if (edge.kind === "relation") return `${actorName(edge.from)} — ${edge.label} — ${actorName(edge.to)}`;
    const e = data.events[edge.ev];
    return `${eventName(edge.ev)}\n${data.roleNames[edge.role] || edge.role}` + (e.time ? ` · ${e.time}` : "");
  }

  /* --------------------------------------------------------------- network */

  const network = new vis.Network(byId("graph"), { nodes: [], edges: [] }, data.options);

  // The layout stops at whichever comes first: enough iterations for the size, or the
  // time budget (so a big graph is usable in seconds; "Unfreeze" refines it further).
  const iterationsFor = (count) => (count <= 200 ? 1000 : count <= 1000 ? 500 : 300);
  let layoutStart = 0;

  function setReady(ready) {
    window.kgViz.ready = ready;
    document.body.dataset.state = ready ? "ready" : "layout";
    byId("loading").hidden = ready;
    if (ready) {
      window.kgViz.readyAt = performance.now();
      performance.mark("kg:ready");
    }
  }

  /** Lay out what is shown, in a bounded number of hidden steps, then hold still. */
  function relayout() {
    setReady(false);
    const count = nodeView.length;
    const crowded = edgeView.length > 1000;
    network.setOptions({
      interaction: { hideEdgesOnDrag: crowded, hideEdgesOnZoom: crowded },
      // Thousands of edge labels make every frame slow: show them only when zoomed in.
      edges: { scaling: { label: { drawThreshold: crowded ? 16 : 5 } } },
      // The time budget is checked between batches: keep batches short on big graphs.
      physics: { stabilization: { updateInterval: count > 2000 ? 1 : 10 } },
    });
    // Start now, in the same task as setData: vis-network then skips drawing the
    // unsettled graph (a costly frame on big graphs) and runs the layout in batches.
    performance.mark("kg:layout-start");
    layoutStart = performance.now();
    network.stabilize(iterationsFor(count));
  }

  network.on("stabilizationProgress", (p) => {
    byId("loading").textContent = `Laying out… ${Math.round((100 * p.iterations) / p.total)}%`;
    if (performance.now() - layoutStart > data.layoutBudgetMs) network.stopSimulation();
  });
  network.on("stabilizationIterationsDone", () => {
    performance.mark("kg:layout-done");
    network.setOptions({ physics: { enabled: false } });
    state.frozen = true;
    updateFreeze();
    network.fit({ animation: false });
    network.once("afterDrawing", () => setReady(true)); // usable = settled and drawn
  });

  function loadView(view) {
    state.view = view;
    state.pinned.clear();
    state.selected = null;
    const source = data.views[view];
    nodes = new vis.DataSet(source.nodes.map((n) => ({ ...n, title: nodeTitle(n) })));
    edges = new vis.DataSet(source.edges.map((e) => ({ ...e, title: edgeTitle(e) })));
    state.top = data.top[view];
    state.topOn = state.top !== null && source.nodes.length > state.top;
    nodeView = new vis.DataView(nodes, { filter: nodeVisible });
    edgeView = new vis.DataView(edges, { filter: edgeVisible });
    window.kgViz.nodes = nodes;
    window.kgViz.edges = edges;
    window.kgViz.nodeView = nodeView;
    window.kgViz.edgeView = edgeView;
    window.kgViz.view = view;
    const count = nodeView.length;
    network.setOptions({ physics: { enabled: false }, layout: { improvedLayout: count <= 100 } });
    network.setData({ nodes: nodeView, edges: edgeView });
    performance.mark("kg:data-set");
    laidOut = new Set(nodeView.getIds());
    for (const button of document.querySelectorAll("[data-view]")) {
      button.setAttribute("aria-pressed", String(button.dataset.view === view));
    }
    byId("names").replaceChildren(); // refilled on the next focus of the search box
    updateBanner();
    updateCounts();
    showIntro();
    relayout();
  }

  /** A filter changed: nodes found by search are no longer kept on screen regardless. */
  function filtersChanged() {
    state.pinned.clear();
    refresh();
  }

  /** Re-run the filters; lay out again only if nodes appeared that have no place yet. */
  function refresh() {
    performance.mark("kg:refresh");
    nodeView.refresh();
    edgeView.refresh();
    performance.mark("kg:refreshed");
    updateCounts();
    updateBanner();
    // DataView.getIds() applies the filter afresh, so compare with what we last laid out.
    const now = nodeView.getIds();
    const added = now.filter((id) => !laidOut.has(id));
    const before = laidOut;
    laidOut = new Set(now);
    if (added.length > 20) relayout();
    else added.forEach((id, k) => place(id, k, before));
  }

  /** Put a few newly shown nodes next to a neighbour already in place: the rest stays put. */
  function place(id, k, placed) {
    const next = edges
      .get({ filter: (e) => e.from === id || e.to === id })
      .map((e) => (e.from === id ? e.to : e.from))
      .find((other) => placed.has(other));
    const at = next ? network.getPositions([next])[next] : network.getViewPosition();
    const angle = 0.9 + 2.4 * k;
    network.moveNode(id, at.x + 90 * Math.cos(angle), at.y + 90 * Math.sin(angle));
  }

  function updateCounts() {
    byId("counts").textContent =
      `${nodeView.length.toLocaleString("en")} of ${nodes.length.toLocaleString("en")} nodes · ` +
      `${edgeView.length.toLocaleString("en")} of ${edges.length.toLocaleString("en")} edges shown`;
  }

  function updateFreeze() {
    const button = byId("freeze");
    button.textContent = state.frozen ? "Unfreeze layout" : "Freeze layout";
    button.setAttribute("aria-pressed", String(state.frozen));
  }

  function updateBanner() {
    const banner = byId("banner");
    const count = nodes.length;
    banner.hidden = state.top === null || count <= state.top;
    if (banner.hidden) return;
    const what = state.view === "actors" ? "actors" : "actors and events";
    banner.replaceChildren(
      state.topOn
        ? `Large graph: showing the ${state.top.toLocaleString("en")} most central ${what} (${data.centrality}) of ${count.toLocaleString("en")} nodes. `
        : `Showing all ${count.toLocaleString("en")} nodes. `,
      h("button", {
        id: "toggle-top",
        type: "button",
        text: state.topOn ? "Show all" : `Show top ${state.top.toLocaleString("en")} only`,
        onclick: () => {
          state.topOn = !state.topOn;
          filtersChanged();
          if (state.topOn) relayout();
        },
      }),
    );
  }

  /* ------------------------------------------------------------ selection */

  network.on("click", (params) => {
    if (params.nodes.length > 0) select({ type: "node", id: params.nodes[0] });
    else if (params.edges.length > 0) select({ type: "edge", id: params.edges[0] });
    else select(null);
  });
  network.on("hoverNode", (p) => state.selected || render({ type: "node", id: p.node }));
  network.on("hoverEdge", (p) => state.selected || render({ type: "edge", id: p.edge }));
  network.on("blurNode", () => state.selected || showIntro());
  network.on("blurEdge", () => state.selected || showIntro());

  function select(target) {
    state.selected = target;
    if (target) render(target);
    else showIntro();
  }

  function focusNode(id) {
    if (!nodes.get(id)) return false;
    if (!nodeView.get(id)) {
      state.pinned.add(id);
      refresh();
    }
    network.selectNodes([id]);
    select({ type: "node", id });
    network.focus(id, {
      scale: Math.max(network.getScale(), 1.1),
      animation: { duration: 400, easingFunction: "easeInOutQuad" },
    });
    return true;
  }

  function focusEvent(id) {
    if (state.view === "events") return focusNode(id);
    state.pinned.add(id); // shown even if a filter hides its type or time
    const ids = edges.getIds({ filter: (e) => e.ev === id });
    const ends = new Set();
    for (const id of ids) {
      const edge = edges.get(id);
      for (const end of [edge.from, edge.to]) {
        if (!nodeView.get(end)) state.pinned.add(end);
        ends.add(end);
      }
    }
    refresh();
    network.selectEdges(ids.filter((id) => edgeView.get(id)));
    select({ type: "event", id });
    if (ends.size > 0) network.fit({ nodes: [...ends], animation: { duration: 400 } });
    return true;
  }

  /* --------------------------------------------------------------- details */

  const details = byId("details");

  function render(target) {
    if (target.type === "node") {
      if (data.actors[target.id]) renderActor(target.id);
      else if (data.events[target.id]) renderEvent(target.id, null);
    } else if (target.type === "event") {
      renderEvent(target.id, null);
    } else {
      const edge = edges.get(target.id);
      if (!edge) return;
      if (edge.kind === "relation") renderRelation(edge);
      else renderEvent(edge.ev, edge);
    }
  }

  function field(label, ...value) {
    return h("div", { class: "field" }, h("span", { class: "key", text: label }), h("span", { class: "value" }, ...value));
  }

  function actorButton(id) {
    return h("button", { type: "button", class: "jump", text: actorName(id), onclick: () => focusNode(id) });
  }

  function eventButton(id) {
    const info = data.events[id];
    const when = info.time ? `${info.time} · ` : "";
    return h("button", { type: "button", class: "jump", text: when + eventName(id), onclick: () => focusEvent(id) });
  }

  function sourceLine(id) {
    const s = data.sources[id];
    if (!s) return h("span", { class: "cite", text: "Source unknown" });
    const line = h("span", { class: "cite" });
    if (s.kind === "post") {
      line.append(`Post by ${s.author || "unknown author"}${s.handle ? ` (${s.handle})` : ""}`);
      if (s.date) line.append(`, ${s.date}`);
      if (s.lang) line.append(` [${s.lang}]`);
      if (s.url) line.append(" · ", link(s.url, "link"));
      const article = data.sources[s.article];
      if (article) line.append(`, quoted in “${article.title}”`);
    } else {
      line.append(`Article “${s.title}”`);
      if (s.date) line.append(`, ${s.date}`);
      if (s.lang) line.append(` [${s.lang}]`);
      if (s.url) line.append(" · ", link(s.url, "link"));
    }
    return line;
  }

  function evidenceBlock(ev) {
    const quote = h("blockquote", { class: "evidence" });
    if (ev.mark) {
      const chars = Array.from(ev.text); // offsets count code points, as in Python
      const [b, e] = ev.mark;
      quote.append(chars.slice(0, b).join(""), h("mark", { text: chars.slice(b, e).join("") }), chars.slice(e).join(""));
    } else {
      quote.append(ev.text);
    }
    return h("div", { class: "ev" }, quote, sourceLine(ev.source));
  }

  function labelsField(labels) {
    return field("Labels", Object.entries(labels).map(([lang, text]) => h("span", { class: "lang" }, h("b", { text: lang }), ` ${text}`)));
  }

  function renderActor(id) {
    const a = data.actors[id];
    const type = typeInfo[a.type] || { name: a.type };
    const body = [
      h("h2", { text: name(a.labels, a.iri) }),
      h("div", { class: "badge", text: type.name }),
      labelsField(a.labels),
      a.role ? field("Role", a.role) : null,
      a.aliases.length ? field("Also", a.aliases.join(", ")) : null,
      a.wikidata ? field("Wikidata", link(a.wikidata, a.wikidata.split("/").pop())) : null,
      a.relations.length ? field("Relations", a.relations.map(([rel, target]) => h("span", { class: "rel" }, `${rel} `, actorButton(target)))) : null,
      field("Centrality", `${data.centrality}: ${nodeCentrality(id)}`),
      field("Rule", a.rule || "not recorded in the graph"),
      field("IRI", h("code", { text: a.iri })),
    ];
    if (a.events.length) {
      body.push(h("h3", { text: `Events (${a.events.length})` }), h("ul", { class: "list" }, a.events.slice(0, 50).map((e) => h("li", {}, eventButton(e)))));
    }
    body.push(h("h3", { text: "Evidence" }));
    if (a.evidence.length) body.push(...a.evidence.map(evidenceBlock));
    else body.push(h("p", { class: "muted", text: "No mention recorded." }));
    if (a.more > 0) body.push(h("p", { class: "muted", text: `…and ${a.more} more mentions.` }));
    details.replaceChildren(...body.filter(Boolean));
  }

  function nodeCentrality(id) {
    const node = nodes.get(id);
    return node ? node.centrality.toFixed(3) : "–";
  }

  function renderEvent(id, edge) {
    const e = data.events[id];
    const cls = classInfo[e.cls];
    const places = e.roles.filter((r) => r[0] === "place").map((r) => r[1]);
    const body = [
      h("h2", { text: name(e.labels, e.iri) }),
      h("div", { class: "badge", style: `border-color:${cls.color}` }, `${cls.label}`, e.cameo ? ` · CAMEO ${e.cameo} (${cls.rootName})` : ""),
    ];
    if (edge) {
      body.push(h("p", { class: "edge-role" }, actorButton(edge.from), ` → `, actorButton(edge.to), ` (${data.roleNames[edge.role] || edge.role})`));
    }
    body.push(
      labelsField(e.labels),
      field("When", e.time || "no date stated"),
      places.length ? field("Where", places.map(actorButton)) : null,
      field("Roles", e.roles.map(([role, actor]) => h("span", { class: "rel" }, `${data.roleNames[role] || role}: `, actorButton(actor)))),
      e.according.length ? field("According to", e.according.join("; ")) : null,
      field("Rule", e.rule || "unknown"),
      field("IRI", h("code", { text: e.iri })),
      h("h3", { text: "Evidence" }),
    );
    if (e.evidence.length) body.push(...e.evidence.map(evidenceBlock));
    else body.push(h("p", { class: "muted", text: "No evidence sentence recorded." }));
    details.replaceChildren(...body.filter(Boolean));
  }

  function renderRelation(edge) {
    details.replaceChildren(
      h("h2", { text: edge.label }),
      h("p", { class: "edge-role" }, actorButton(edge.from), ` → `, actorButton(edge.to)),
      h("p", { class: "muted", text: "An affiliation from the entity rules (not an event); see each actor for its evidence." }),
    );
  }

  function showIntro() {
    const s = data.story;
    const body = [h("h2", { text: "What this graph says" })];
    for (const src of s.articles.slice(0, 3)) body.push(h("p", {}, sourceLine(src)));
    if (s.articles.length > 3) body.push(h("p", { class: "muted", text: `…and ${s.articles.length - 3} more articles.` }));
    body.push(h("p", { class: "muted", text: `${s.actors} actors, ${s.events} events, ${s.posts} quoted posts. Click or hover any node or edge for its evidence.` }));
    body.push(h("h3", { text: "Most central actors" }), h("ul", { class: "list" }, s.central.map((id) => h("li", {}, actorButton(id)))));
    body.push(h("h3", { text: "Events in time order" }), h("ul", { class: "list" }, s.timeline.map((id) => h("li", {}, eventButton(id)))));
    if (s.more > 0) body.push(h("p", { class: "muted", text: `…and ${s.more} more events.` }));
    details.replaceChildren(...body);
  }

  /* ------------------------------------------------------ legend & filters */

  function shapeIcon(shape, color, border) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("class", "icon");
    const paths = {
      dot: "M10 2a8 8 0 1 0 0.001 0Z",
      square: "M3 3h14v14H3Z",
      diamond: "M10 1l9 9-9 9-9-9Z",
      hexagon: "M5 2h10l5 8-5 8H5L0 10Z",
      triangle: "M10 2l9 16H1Z",
      triangleDown: "M1 2h18l-9 16Z",
      box: "M2 5h16v10H2Z",
      line: "M1 10h18",
      dashed: "M1 10h4M8 10h4M15 10h4",
    };
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", paths[shape] || paths.dot);
    if (shape === "line" || shape === "dashed") {
      path.setAttribute("stroke", color);
      path.setAttribute("stroke-width", "3");
      path.setAttribute("fill", "none");
    } else {
      path.setAttribute("fill", color);
      path.setAttribute("stroke", border || color);
    }
    svg.append(path);
    return svg;
  }

  function checkbox(id, label, checked, onchange, ...before) {
    const input = h("input", { type: "checkbox", id, onchange: (ev) => onchange(ev.target.checked) });
    input.checked = checked;
    return h("label", { class: "check", for: id }, input, ...before, label);
  }

  function buildLegend() {
    byId("legend-types").replaceChildren(
      ...data.types.map((t) =>
        checkbox(`type-${t.key}`, ` ${t.name} (${t.count})`, true, (on) => {
          if (on) state.hiddenTypes.delete(t.key);
          else state.hiddenTypes.add(t.key);
          filtersChanged();
        }, shapeIcon(t.shape, t.color)),
      ),
    );
    byId("legend-events").replaceChildren(
      ...data.classes.map((c) =>
        checkbox(`class-${c.cls}`, ` ${c.label}${c.cameo ? ` (${c.cameo})` : ""} · ${c.count}`, true, (on) => {
          if (on) state.hiddenClasses.delete(c.cls);
          else state.hiddenClasses.add(c.cls);
          filtersChanged();
        }, shapeIcon("line", c.color)),
      ),
    );
    byId("legend-roots").replaceChildren(
      ...data.roots.map((r) => h("div", { class: "root" }, shapeIcon("box", r.color), ` ${r.code} ${r.name}`)),
    );
    byId("legend-size").textContent = `Node size: ${data.centrality} (networkx), per view.`;
    byId("legend-statements").textContent = data.hiddenStatements
      ? `${data.hiddenStatements} statements the texts do not assert (denied, negated, asked, possible, conditional, future) are left out; draw them dashed with: kg viz --statements all`
      : "Only what the texts assert is drawn; dashed edges [denied, question, …] are statements they do not assert.";
    byId("legend-edges").replaceChildren(
      h("div", {}, shapeIcon("line", "#555"), " event (actors view: doer → undergoer; events view: role)"),
      h("div", {}, shapeIcon("dashed", "#9a9a9a"), " affiliation (leader of, part of, …)"),
    );
    const times = data.times;
    for (const [id, key] of [["time-from", "from"], ["time-to", "to"]]) {
      const select = byId(id);
      select.replaceChildren(h("option", { value: "", text: key === "from" ? "earliest" : "latest" }), ...times.map((t) => h("option", { value: key === "from" ? t.t0 : t.t1, text: t.value })));
      select.addEventListener("change", () => {
        state[key] = select.value;
        filtersChanged();
      });
    }
    byId("undated").addEventListener("change", (ev) => {
      state.undated = ev.target.checked;
      filtersChanged();
    });
    byId("affiliations").addEventListener("change", (ev) => {
      state.affiliations = ev.target.checked;
      filtersChanged();
    });
    const loose = Object.values(data.actors).filter((a) => a.events.length === 0 && !a.linked).length;
    byId("loose-count").textContent = `(${loose})`;
    byId("hide-loose").checked = state.hideLoose;
    byId("hide-loose").addEventListener("change", (ev) => {
      state.hideLoose = ev.target.checked;
      filtersChanged();
    });
  }

  /* ------------------------------------------------------- search & buttons */

  function namesOf(id) {
    const info = data.actors[id] || data.events[id];
    return info ? [...Object.values(info.labels), ...(info.aliases || [])] : [];
  }

  function fillNames() {
    const names = new Set();
    nodes.forEach((node) => namesOf(node.id).forEach((n) => names.add(n)));
    byId("names").replaceChildren(...[...names].sort().map((n) => h("option", { value: n })));
  }

  /** Best node for a query: exact name, then prefix, then substring; actors and central ones first. */
  function find(query) {
    const q = fold(query.trim());
    if (!q) return null;
    let best = null;
    let bestScore = Infinity;
    nodes.forEach((node) => {
      for (const n of namesOf(node.id).map(fold)) {
        const match = n === q ? 0 : n.startsWith(q) ? 1 : n.includes(q) ? 2 : -1;
        if (match < 0) continue;
        const score = match * 1e7 + (node.kind === "actor" ? node.rank : 5e6);
        if (score < bestScore) {
          best = node.id;
          bestScore = score;
        }
      }
    });
    return best;
  }

  function search() {
    const input = byId("search");
    const id = find(input.value);
    byId("search-status").textContent = id ? "" : "not found";
    if (id) focusNode(id);
  }

  byId("search").addEventListener("focus", () => byId("names").childElementCount || fillNames());
  byId("search").addEventListener("keydown", (ev) => ev.key === "Enter" && search());
  // Picking a suggestion from the list (not typing) searches at once.
  byId("search").addEventListener("input", (ev) => ev.inputType === "insertReplacementText" && search());
  byId("search-go").addEventListener("click", search);
  byId("freeze").addEventListener("click", () => {
    state.frozen = !state.frozen;
    network.setOptions({ physics: { enabled: !state.frozen } });
    updateFreeze();
  });
  byId("fit").addEventListener("click", () => network.fit({ animation: { duration: 300 } }));
  for (const button of document.querySelectorAll("[data-view]")) {
    button.addEventListener("click", () => button.dataset.view !== state.view && loadView(button.dataset.view));
  }

  window.kgViz = { data, network, ready: false, readyAt: null, find, focusNode, focusEvent, loadView };
  buildLegend();
  loadView(data.view);
})();
