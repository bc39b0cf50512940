// The live dashboard: reads each part once, then re-reads exactly the part that the change stream
// (GET /api/dashboard/changes) names. The stream is read with fetch, not EventSource, because
// EventSource cannot send the X-User-Id header the API authenticates with; it reconnects with
// Last-Event-ID like EventSource would. Data is shown with textContent only, never as HTML.
"use strict";
(() => {
  const USER_ID = /^[A-Za-z0-9._@-]{1,64}$/;
  const requested = new URLSearchParams(location.search).get("user");
  const USER = requested && USER_ID.test(requested) ? requested : "demo-1";
  const LOG_LENGTH = 30;

  const byId = (id) => document.getElementById(id);
  const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : "—");
  const text = (v) => (v == null ? "—" : String(v));

  function element(tag, className, content) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content != null) node.textContent = content;
    return node;
  }

  function row(main, side) {
    const item = element("li");
    item.append(element("span", null, main), element("span", "muted", side));
    return item;
  }

  // ---- the parts: where each is read from and how it is shown

  const PARTS = {
    overview: { path: "/api/dashboard/overview", show: showOverview },
    recent_activity: { path: "/api/dashboard/recent-activity", show: showActivity },
    notifications: { path: "/api/dashboard/notifications", show: showNotifications },
    system_status: { path: "/api/dashboard/system-status", show: showStatus },
  };

  function showOverview(body) {
    const total = byId("ov-total");
    total.dataset.value = text(body.totalDetections);
    total.textContent = text(body.totalDetections);
    byId("ov-cameras").textContent = text(body.activeCameras);
    byId("ov-unread").textContent = text(body.unreadNotifications);
    byId("ov-pending").textContent = text(body.pendingAnalyses);
    byId("ov-last").textContent = time(body.lastDetectionAt);
  }

  function showActivity(body) {
    const items = Array.isArray(body.items) ? body.items : [];
    byId("activity-list").replaceChildren(...items.slice(0, 10).map((item) => {
      const entry = row(`${text(item.label)} on ${text(item.camera)}`, time(item.at));
      entry.dataset.detection = text(item.detectionId);
      return entry;
    }));
  }

  function showNotifications(body) {
    const unread = byId("notif-unread");
    unread.dataset.value = text(body.unread);
    unread.textContent = text(body.unread);
    const items = Array.isArray(body.items) ? body.items : [];
    byId("notif-list").replaceChildren(...items.map((item) => row(text(item.message), time(item.at))));
  }

  function showStatus(body) {
    const status = byId("sys-status");
    status.dataset.value = text(body.status);
    status.textContent = text(body.status);
    byId("sys-queue").textContent = text(body.queueDepth);
  }

  const loading = new Map();

  /** Re-reads a part; a read asked for while one runs happens once, right after it. */
  function load(name) {
    if (loading.has(name)) {
      loading.set(name, true);
      return;
    }
    loading.set(name, false);
    read(name).finally(() => {
      const again = loading.get(name);
      loading.delete(name);
      if (again) load(name);
    });
  }

  async function read(name) {
    const part = PARTS[name];
    const card = byId("part-" + name);
    try {
      const response = await fetch(part.path, { cache: "no-store", headers: { "X-User-Id": USER, Accept: "application/json" } });
      const body = await response.json();
      if (!response.ok) throw new Error(text(body.detail));
      part.show(body);
      card.dataset.loads = String(Number(card.dataset.loads) + 1);
      card.querySelector(".read-at").textContent = new Date().toLocaleTimeString();
      card.querySelector(".cache-state").textContent = "X-Cache " + text(response.headers.get("X-Cache"));
      card.classList.add("fresh");
      setTimeout(() => card.classList.remove("fresh"), 400);
    } catch (failure) {
      card.querySelector(".cache-state").textContent = "could not read: " + failure.message;
    }
  }

  // ---- the change stream

  let lastEventId = null;
  let heard = 0;

  function showState(state, label) {
    const pill = byId("stream-state");
    pill.dataset.state = state;
    pill.className = "pill " + (state === "live" ? "pill-up" : state === "retrying" ? "pill-degraded" : "pill-unknown");
    pill.textContent = label;
  }

  function onChange(id, data) {
    if (id) lastEventId = id;
    let change;
    try {
      change = JSON.parse(data);
    } catch (notJson) {
      return;
    }
    heard++;
    const count = byId("changes-count");
    count.dataset.value = String(heard);
    count.textContent = String(heard);
    const entry = row(`${text(change.scope)} ${text(change.type)}`, text(change.eventId));
    entry.dataset.type = text(change.type);
    entry.dataset.scope = text(change.scope);
    const log = byId("change-log");
    log.prepend(entry);
    while (log.children.length > LOG_LENGTH) log.lastElementChild.remove();
    if (change.type === "*") {
      Object.keys(PARTS).forEach(load);
    } else if (PARTS[change.type]) {
      load(change.type);
    }
  }

  /** Reads Server-Sent Events from a fetch body: "id:" and "data:" fields, a blank line ends an event. */
  async function consume(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    let id = null;
    let data = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let newline;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, "");
        buffer = buffer.slice(newline + 1);
        if (line === "") {
          if (data.length > 0) onChange(id, data.join("\n"));
          id = null;
          data = [];
        } else if (line.startsWith("data:")) {
          data.push(line.slice(5).trimStart());
        } else if (line.startsWith("id:")) {
          id = line.slice(3).trim();
        } else if (line === ": connected") {
          showState("live", "live");
          // the first time, read everything now that no change can slip by unheard
          if (lastEventId === null) Object.keys(PARTS).forEach(load);
        }
      }
    }
  }

  async function listen() {
    let wait = 2000;
    try {
      const headers = { "X-User-Id": USER, Accept: "text/event-stream" };
      if (lastEventId) headers["Last-Event-ID"] = lastEventId;
      const response = await fetch("/api/dashboard/changes", { cache: "no-store", headers });
      if (response.status === 429) {
        wait = 1000 * Number(response.headers.get("Retry-After") || 5);
        throw new Error("too many streams open");
      }
      if (!response.ok || !response.body) throw new Error("HTTP " + response.status);
      await consume(response.body);
    } catch (failure) {
      // the stream ended or could not start: try again, as EventSource would
    }
    showState("retrying", "reconnecting…");
    setTimeout(listen, wait);
  }

  // ---- start

  byId("user-name").textContent = USER;
  const picker = byId("user-picker");
  if (![...picker.options].some((option) => option.value === USER)) {
    picker.append(element("option", null, USER));
    picker.lastElementChild.value = USER;
  }
  picker.value = USER;
  picker.addEventListener("change", () => {
    location.search = "?user=" + encodeURIComponent(picker.value);
  });
  Object.keys(PARTS).forEach(load);
  listen();
})();
