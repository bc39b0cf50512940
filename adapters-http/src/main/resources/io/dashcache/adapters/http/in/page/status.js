// The status page: polls /api/cache/metrics, /health and /api/cache/hot-keys and renders them with DOM calls only
// (textContent only, never parsing strings as HTML), so nothing in the data can become markup.
"use strict";
(() => {
  const SVG = "http://www.w3.org/2000/svg";
  const GRADES = new Set(["excellent", "good", "acceptable", "poor", "critical"]);
  const KINDS = {
    LOW_HIT_RATE: "Low hit rate",
    HIGH_LATENCY: "High latency",
    HIGH_ERROR_RATE: "High error rate",
    REDIS_DEGRADED: "Redis degraded",
    ENGINE_DEGRADED: "Engine degraded",
    DEPENDENCY_DEGRADED: "Dependency degraded",
  };
  const requested = Number(new URLSearchParams(location.search).get("refresh"));
  const REFRESH_MS = 1000 * (requested >= 1 && requested <= 60 ? requested : 5);
  const HOT_KEYS = 10;

  const byId = (id) => document.getElementById(id);
  const percent = (v) => (v == null ? "—" : (v * 100).toFixed(1) + " %");
  const ms = (v) => (v == null ? "—" : v < 1 ? Math.round(v * 1000) + " µs"
    : (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)) + " ms");
  const count = (v) => (v == null ? "—" : String(v));
  const clock = (iso) => (iso ? new Date(iso).toLocaleTimeString() : "—");

  function bytes(v) {
    if (v == null) return "—";
    if (v < 1024) return v + " B";
    if (v < 1024 * 1024) return (v / 1024).toFixed(1) + " KiB";
    return (v / 1024 / 1024).toFixed(1) + " MiB";
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  /** Shows a formatted figure and keeps the raw value beside it, for tools and tests. */
  function show(node, value, text) {
    node.dataset.value = value == null ? "" : String(value);
    node.textContent = text;
  }

  function showGrade(node, grade) {
    const known = GRADES.has(grade) ? grade : null;
    node.className = "grade grade-" + (known || "none");
    node.dataset.grade = known || "";
    node.textContent = known || "no reads";
  }

  function showState(node, state) {
    const up = state === "UP";
    node.className = "pill " + (state == null ? "pill-unknown" : up ? "pill-up" : "pill-degraded");
    node.dataset.state = state || "";
    node.textContent = state || "—";
  }

  /**
   * A small line chart of [{t, v}] over [t0, t1]: null values break the line, a lone point and
   * the latest one are dots, and the alert threshold is a dashed line when it is in range.
   */
  function chart(container, points, t0, t1, options) {
    const values = points.filter((p) => p.v != null);
    if (values.length === 0) {
      container.replaceChildren(element("p", "chart-label", "no reads yet"));
      return;
    }
    const W = 300, H = 60, PAD = 4;
    const top = options.max != null ? options.max : Math.max(...values.map((p) => p.v)) * 1.25 || 1;
    const x = (t) => PAD + ((t - t0) / Math.max(1, t1 - t0)) * (W - 2 * PAD);
    const y = (v) => H - PAD - (Math.min(v, top) / top) * (H - 2 * PAD);
    const svg = document.createElementNS(SVG, "svg");
    const add = (tag, className, attributes) => {
      const node = document.createElementNS(SVG, tag);
      node.setAttribute("class", className);
      for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
      svg.append(node);
    };
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("role", "img");
    const title = document.createElementNS(SVG, "title");
    title.textContent = options.label;
    svg.append(title);
    add("rect", "frame", { x: 0.5, y: 0.5, width: W - 1, height: H - 1 });
    if (options.limit != null && options.limit <= top) {
      add("line", "limit", { x1: 0, x2: W, y1: y(options.limit), y2: y(options.limit) });
    }
    const dot = (p) => add("line", "dot", { x1: x(p.t), x2: x(p.t), y1: y(p.v), y2: y(p.v) });
    let run = [];
    const flush = () => {
      if (run.length === 1) dot(run[0]);
      if (run.length > 1) {
        const coords = run.map((p) => [x(p.t), y(p.v)]);
        const floor = [[coords[0][0], H - PAD], ...coords, [coords[coords.length - 1][0], H - PAD]];
        add("polygon", "area", { points: floor.map((c) => c.join(",")).join(" ") });
        add("polyline", "line", { points: coords.map((c) => c.join(",")).join(" ") });
      }
      run = [];
    };
    for (const p of points) {
      if (p.v == null) flush(); else run.push(p);
    }
    flush();
    dot(values[values.length - 1]);
    container.replaceChildren(svg);
  }

  function figure(list, label, id, field) {
    const wrap = element("div");
    const value = element("dd", null, "—");
    value.id = id;
    value.dataset.field = field;
    value.dataset.value = "";
    wrap.append(element("dt", null, label), value);
    list.append(wrap);
  }

  function typeCard(segment) {
    const card = element("article", "type");
    card.id = "type-" + segment;
    card.dataset.type = segment;
    const head = element("div", "type-head");
    const grade = element("span", "grade grade-none", "no reads");
    grade.id = `type-${segment}-grade`;
    head.append(element("h3", null, segment.replace(/_/g, " ")), grade);
    const figures = element("dl", "type-figures");
    figure(figures, "hit rate", `type-${segment}-hit-rate`, "hitRate");
    figure(figures, "p95", `type-${segment}-p95`, "p95Ms");
    figure(figures, "reads", `type-${segment}-requests`, "requests");
    figure(figures, "p50", `type-${segment}-p50`, "p50Ms");
    figure(figures, "p99", `type-${segment}-p99`, "p99Ms");
    figure(figures, "since start", `type-${segment}-requests-total`, "requestsSinceStart");
    const charts = element("div", "type-charts");
    for (const [label, suffix] of [["hit rate, last hour", "hit-rate"], ["p95, last hour", "p95"]]) {
      const box = element("div");
      const plot = element("div", "chart");
      plot.id = `chart-${segment}-${suffix}`;
      box.append(element("p", "chart-label", label), plot);
      charts.append(box);
    }
    card.append(head, figures, charts);
    return card;
  }

  function showFigures(prefix, f) {
    show(byId(prefix + "-hit-rate"), f.hitRate, percent(f.hitRate));
    show(byId(prefix + "-p95"), f.p95Ms, ms(f.p95Ms));
    show(byId(prefix + "-p50"), f.p50Ms, ms(f.p50Ms));
    show(byId(prefix + "-p99"), f.p99Ms, ms(f.p99Ms));
    show(byId(prefix + "-requests"), f.requests, count(f.requests));
    show(byId(prefix + "-requests-total"), f.requestsSinceStart, count(f.requestsSinceStart));
  }

  function alertItem(alert) {
    const item = element("li", "alert");
    item.dataset.kind = alert.kind;
    item.dataset.severity = alert.severity;
    if (alert.type) item.dataset.type = alert.type;
    if (alert.dependency) item.dataset.dependency = alert.dependency;
    const head = element("div", "alert-head");
    const critical = alert.severity === "CRITICAL";
    head.append(
      element("span", "pill severity" + (critical ? " severity-critical" : ""), alert.severity),
      element("span", "alert-kind", (KINDS[alert.kind] || alert.kind) + " · " + (alert.type || alert.dependency || "all data types")),
      element("span", "alert-since", "since " + clock(alert.since)));
    item.append(head, element("p", "alert-message", alert.message), element("p", "alert-advice", alert.recommendation));
    return item;
  }

  function renderReport(report) {
    const overall = report.overall;
    showGrade(byId("overall-grade"), overall.grade);
    showFigures("overall", overall);
    show(byId("overall-error-rate"), overall.errorRate, percent(overall.errorRate));
    const windowSeconds = String(Math.round(report.window.seconds));
    byId("window-seconds").textContent = windowSeconds;
    byId("window-seconds-types").textContent = windowSeconds;
    byId("history-interval").textContent = String(Math.round(report.history.intervalSeconds));
    const thresholds = report.thresholds;
    byId("threshold-hit-rate").textContent = percent(thresholds.minHitRate);
    byId("threshold-p95").textContent = ms(thresholds.maxP95Ms);
    byId("threshold-error-rate").textContent = percent(thresholds.maxErrorRate);
    byId("threshold-samples").textContent = String(thresholds.minSamples);
    const updated = byId("updated-at");
    updated.dataset.generatedAt = report.generatedAt;
    updated.dateTime = report.generatedAt;
    updated.textContent = clock(report.generatedAt);

    const alerts = report.alerts || [];
    byId("alert-count").textContent = String(alerts.length);
    byId("no-alerts").hidden = alerts.length > 0;
    byId("alert-list").replaceChildren(...alerts.map(alertItem));

    const points = report.history.points || [];
    const t1 = Date.parse(report.generatedAt);
    const first = points.length ? Date.parse(points[0].at) - 1000 * report.history.intervalSeconds : t1;
    const t0 = Math.max(t1 - 1000 * report.history.retentionSeconds, first);
    const series = (pick) => points.map((p) => ({ t: Date.parse(p.at), v: pick(p) }));
    chart(byId("chart-overall-hit-rate"), series((p) => p.hitRate), t0, t1,
      { max: 1, limit: thresholds.minHitRate, label: "hit rate over the last hour" });
    chart(byId("chart-overall-p95"), series((p) => p.p95Ms), t0, t1,
      { limit: thresholds.maxP95Ms, label: "p95 latency over the last hour" });
    chart(byId("chart-overall-requests"), series((p) => p.requests), t0, t1, { label: "reads per interval" });

    const container = byId("types");
    for (const [segment, figures] of Object.entries(report.types)) {
      if (!byId("type-" + segment)) container.append(typeCard(segment));
      byId("type-" + segment).classList.toggle("idle", figures.requests === 0);
      showGrade(byId(`type-${segment}-grade`), figures.grade);
      showFigures("type-" + segment, figures);
      const pick = (field) => (p) => (p.types && p.types[segment] ? p.types[segment][field] : null);
      chart(byId(`chart-${segment}-hit-rate`), series(pick("hitRate")), t0, t1,
        { max: 1, limit: thresholds.minHitRate, label: segment + " hit rate over the last hour" });
      chart(byId(`chart-${segment}-p95`), series(pick("p95Ms")), t0, t1,
        { limit: thresholds.maxP95Ms, label: segment + " p95 latency over the last hour" });
    }
  }

  function renderHealth(health) {
    const status = byId("service-status");
    showState(status, health.status);
    for (const name of ["redis", "engine"]) {
      const dependency = (health.dependencies || {})[name];
      showState(byId(`dep-${name}-state`), dependency ? dependency.state : null);
      byId(`dep-${name}-detail`).textContent = dependency && dependency.detail ? dependency.detail : "";
    }
    const l1 = health.l1 || {};
    byId("l1-entries").textContent = count(l1.entries);
    byId("l1-bytes").textContent = bytes(l1.bytes);
  }

  /** The invalidation lag of the window, a row per stage that saw events. */
  function renderLag(report) {
    const stages = Object.entries(report.invalidationLag || {});
    byId("window-seconds-lag").textContent = report.window ? String(Math.round(report.window.seconds)) : "—";
    byId("lag-note").hidden = stages.length > 0;
    byId("lag-table").hidden = stages.length === 0;
    byId("lag-list").replaceChildren(...stages.map(([stage, lag]) => {
      const row = element("tr", "lag-stage");
      row.dataset.stage = stage;
      row.append(element("td", null, stage.replaceAll("_", " ")), element("td", "number", count(lag.events)),
        element("td", "number", lag.p95Ms == null ? "—" : lag.p95Ms.toFixed(1) + " ms"));
      return row;
    }));
  }

  /** The hottest keys, or why they cannot be shown (under jwt the page has no admin token). */
  function renderHotKeys(result) {
    const note = byId("hot-keys-note");
    const table = byId("hot-keys-table");
    if (result.status !== "fulfilled") {
      const refused = /answered 40[13]$/.test(String(result.reason && result.reason.message));
      note.textContent = refused ? "Hot keys need an operator (the admin scope)." : "Hot keys are not available right now.";
      note.hidden = false;
      table.hidden = true;
      return;
    }
    const keys = result.value.keys || [];
    byId("hot-key-count").textContent = String(keys.length);
    note.textContent = "No reads yet.";
    note.hidden = keys.length > 0;
    table.hidden = keys.length === 0;
    byId("hot-key-list").replaceChildren(...keys.map((hot, index) => {
      const row = element("tr", "hot-key");
      row.dataset.key = hot.key;
      row.dataset.estimatedReads = String(hot.estimatedReads);
      row.append(element("td", "number", String(index + 1)), element("td", "key", hot.key),
        element("td", null, hot.type), element("td", "number", count(hot.estimatedReads)));
      return row;
    }));
  }

  async function json(path) {
    const response = await fetch(path, { cache: "no-store", headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(path + " answered " + response.status);
    return response.json();
  }

  let refreshes = 0;
  async function refresh() {
    try {
      const [report, health, hot] = await Promise.allSettled([json("/api/cache/metrics"), json("/health"),
        json("/api/cache/hot-keys?limit=" + HOT_KEYS)]);
      if (report.status === "fulfilled") {
        renderReport(report.value);
        renderLag(report.value);
      }
      if (health.status === "fulfilled") renderHealth(health.value);
      renderHotKeys(hot);
      byId("connection").hidden = report.status === "fulfilled" && health.status === "fulfilled";
      if (report.status === "fulfilled") document.body.dataset.refreshes = String(++refreshes);
    } finally {
      setTimeout(refresh, REFRESH_MS);
    }
  }

  refresh();
})();
