// -f html: one self-contained page. The records travel as JSON inside the page and a small
// script renders them with textContent only (repository text is never parsed as HTML). A
// strict Content-Security-Policy forbids every fetch: the page cannot reach the network.
#include <ostream>

#include "inventory/output.hpp"

namespace nhiscan::inventory {
namespace {

// JSON for a <script> element: '<', '>' and '&' escaped so no value can close the element.
std::string script_safe(const std::string& json) {
    std::string out;
    out.reserve(json.size());
    for (char c : json) {
        if (c == '<') out += "\\u003c";
        else if (c == '>') out += "\\u003e";
        else if (c == '&') out += "\\u0026";
        else out += c;
    }
    return out;
}

const char* const kHead = R"HTML(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nhiscan inventory</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1d2330;background:#fafbfc}
h1{font-size:1.4em;margin:0 0 .2em}
.meta{color:#5b6475;margin-bottom:1em}
.cards{display:flex;flex-wrap:wrap;gap:.8em;margin-bottom:1em}
.card{background:#fff;border:1px solid #d8dde6;border-radius:6px;padding:.5em .8em;min-width:11em}
.card h2{font-size:.8em;text-transform:uppercase;color:#5b6475;margin:0 0 .3em}
.card table td{padding:0 .4em 0 0}
.card table td.n{text-align:right;font-weight:600}
.controls{display:flex;gap:.6em;margin:.6em 0}
input,select{font:inherit;padding:.2em .4em}
table#records{border-collapse:collapse;width:100%;background:#fff}
#records th,#records td{border-bottom:1px solid #e3e7ee;padding:.35em .5em;text-align:left;vertical-align:top}
#records th{cursor:pointer;background:#eef1f6;user-select:none;white-space:nowrap}
#records th[aria-sort=ascending]::after{content:" \25B2"}
#records th[aria-sort=descending]::after{content:" \25BC"}
#records tr.rec{cursor:pointer}
#records tr.rec:hover{background:#f3f6fb}
.sev-critical{color:#fff;background:#a4161a;border-radius:3px;padding:0 .3em}
.sev-high{color:#fff;background:#d9480f;border-radius:3px;padding:0 .3em}
.sev-medium{background:#ffd43b;border-radius:3px;padding:0 .3em}
.sev-low,.sev-info{background:#dee2e6;border-radius:3px;padding:0 .3em}
.timeline{list-style:none;margin:.3em 0;padding-left:1em;border-left:3px solid #adb5bd}
.timeline li{margin:.25em 0}
.timeline .ev{font-weight:600;display:inline-block;min-width:7em}
.detail td{background:#f8f9fb}
code{font-size:.92em}
</style>
</head>
<body>
<h1>nhiscan inventory</h1>
<div class="meta" id="meta"></div>
<div class="cards" id="summary"></div>
<div class="controls">
<input id="filter" type="search" placeholder="Filter: any text (provider, owner, path...)" size="40">
<select id="f-severity"><option value="">all severities</option></select>
<select id="f-state"><option value="">all states</option></select>
<select id="f-environment"><option value="">all environments</option></select>
<span id="shown"></span>
</div>
<table id="records">
<thead><tr>
<th data-col="priority" data-type="num">#</th>
<th data-col="severity" data-type="sev">Severity</th>
<th data-col="provider">Provider</th>
<th data-col="public_id">Identifier</th>
<th data-col="state">State</th>
<th data-col="exposure_days" data-type="num">Exposure (days)</th>
<th data-col="rotation_count" data-type="num">Rotations</th>
<th data-col="owner">Owner</th>
<th data-col="environment">Environment</th>
<th data-col="first_seen">First seen</th>
<th data-col="where">Where</th>
</tr></thead>
<tbody></tbody>
</table>
<script id="inventory-data" type="application/json">)HTML";

const char* const kTail = R"HTML(</script>
<script>
"use strict";
const data = JSON.parse(document.getElementById("inventory-data").textContent);
const SEV = {info: 0, low: 1, medium: 2, high: 3, critical: 4};
function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}
function cell(r, col) {
  switch (col) {
    case "public_id": return r.public_id ? r.public_id.value : "";
    case "owner": return r.owner.value || "(none)";
    case "environment": return r.environment.value;
    case "first_seen": return r.first_seen ? r.first_seen.date.slice(0, 10) : "";
    case "where": return r.places.length ? r.places[0].repo + ":" + r.places[0].path + (r.places.length > 1 ? " (+" + (r.places.length - 1) + ")" : "") : "";
    default: return r[col];
  }
}
document.getElementById("meta").textContent =
  data.summary.total + " credentials in " + data.repos.join(", ") + " \u2014 generated " + data.generated_at;
const summary = document.getElementById("summary");
for (const [name, title] of [["state", "State"], ["severity", "Severity"], ["provider", "Provider"],
                              ["owner", "Owner"], ["environment", "Environment"], ["exposure", "Exposure"]]) {
  const card = el("div", undefined, "card");
  card.dataset.summary = name;
  card.appendChild(el("h2", title));
  const t = el("table");
  for (const [k, n] of Object.entries(data.summary[name])) {
    const tr = el("tr");
    tr.appendChild(el("td", k));
    tr.appendChild(el("td", n, "n"));
    t.appendChild(tr);
  }
  card.appendChild(t);
  summary.appendChild(card);
}
function timeline(r) {
  const ol = el("ol", undefined, "timeline");
  ol.dataset.key = r.key;
  const events = [];
  if (r.first_seen) events.push({event: "introduced", w: r.first_seen});
  for (const x of r.rotations) events.push({event: x.role === "replaced" ? "rotated out" : "rotated in",
    w: {commit: x.commit, date: x.date, author_name: x.author_name, author_email: x.author_email},
    extra: x.path + " (" + x.slot + ")"});
  if (r.removed) events.push({event: "removed", w: r.removed});
  else events.push({event: r.state === "at HEAD" ? "still at HEAD" : r.state, w: null});
  events.sort((a, b) => (a.w ? a.w.date : "\uffff") < (b.w ? b.w.date : "\uffff") ? -1 : 1);
  for (const e of events) {
    const li = el("li");
    li.dataset.event = e.event;
    li.appendChild(el("span", e.event, "ev"));
    if (e.w) {
      li.dataset.commit = e.w.commit;
      li.appendChild(el("span", e.w.date + " "));
      li.appendChild(el("code", e.w.commit.slice(0, 12)));
      li.appendChild(el("span", " by " + e.w.author_name + " <" + e.w.author_email + ">"));
    }
    if (e.extra) li.appendChild(el("span", " \u2014 " + e.extra));
    ol.appendChild(li);
  }
  const places = el("div");
  places.appendChild(el("strong", "Places: "));
  places.appendChild(el("span", r.places.map(p => p.repo + ":" + p.path + ":" + p.first_line + " [" + p.status + "]").join("; ")));
  const why = el("div", "Owner: " + (r.owner.value || "(none)") + " \u2014 " + r.owner.reason +
    ". Environment: " + r.environment.reason + ". Refs: " + (r.refs.join(", ") || "none") + ".");
  const box = el("div");
  box.appendChild(ol);
  box.appendChild(places);
  box.appendChild(why);
  return box;
}
const tbody = document.querySelector("#records tbody");
const cols = [...document.querySelectorAll("#records th")].map(th => th.dataset.col);
const rows = [];
for (const r of data.records) {
  const tr = el("tr", undefined, "rec");
  tr.dataset.key = r.key;
  for (const c of cols) {
    const td = el("td");
    td.dataset.col = c;
    if (c === "severity") td.appendChild(el("span", r.severity, "sev-" + r.severity));
    else td.textContent = String(cell(r, c));
    tr.appendChild(td);
  }
  const detail = el("tr", undefined, "detail");
  detail.dataset.key = r.key;
  detail.hidden = true;
  const td = el("td");
  td.colSpan = cols.length;
  td.appendChild(timeline(r));
  detail.appendChild(td);
  tr.addEventListener("click", () => { detail.hidden = !detail.hidden; });
  rows.push({r, tr, detail});
}
function fill(id, values) {
  const s = document.getElementById(id);
  for (const v of [...new Set(values)].sort()) s.appendChild(new Option(v, v));
}
fill("f-severity", data.records.map(r => r.severity));
fill("f-state", data.records.map(r => r.state));
fill("f-environment", data.records.map(r => r.environment.value));
let sortCol = "priority", sortDir = 1;
function render() {
  const q = document.getElementById("filter").value.toLowerCase();
  const sev = document.getElementById("f-severity").value;
  const st = document.getElementById("f-state").value;
  const env = document.getElementById("f-environment").value;
  const type = document.querySelector('#records th[data-col="' + sortCol + '"]').dataset.type;
  const key = r => type === "sev" ? SEV[r.severity] : type === "num" ? Number(cell(r, sortCol)) : String(cell(r, sortCol)).toLowerCase();
  const sorted = [...rows].sort((a, b) => {
    const x = key(a.r), y = key(b.r);
    return (x < y ? -1 : x > y ? 1 : a.r.priority - b.r.priority) * sortDir;
  });
  tbody.replaceChildren();
  let shown = 0;
  for (const row of sorted) {
    const text = row.tr.textContent.toLowerCase() + " " + row.r.places.map(p => p.path).join(" ").toLowerCase();
    const ok = (!q || text.includes(q)) && (!sev || row.r.severity === sev) && (!st || row.r.state === st) &&
               (!env || row.r.environment.value === env);
    row.tr.hidden = !ok;
    if (!ok) row.detail.hidden = true;
    shown += ok;
    tbody.appendChild(row.tr);
    tbody.appendChild(row.detail);
  }
  for (const th of document.querySelectorAll("#records th"))
    th.setAttribute("aria-sort", th.dataset.col === sortCol ? (sortDir > 0 ? "ascending" : "descending") : "none");
  document.getElementById("shown").textContent = shown + " of " + rows.length + " shown";
}
for (const th of document.querySelectorAll("#records th"))
  th.addEventListener("click", () => {
    if (sortCol === th.dataset.col) sortDir = -sortDir; else { sortCol = th.dataset.col; sortDir = 1; }
    render();
  });
for (const id of ["filter", "f-severity", "f-state", "f-environment"])
  for (const ev of ["input", "change"]) document.getElementById(id).addEventListener(ev, render);
render();
</script>
</body>
</html>
)HTML";

}  // namespace

void write_html(const Report& r, std::ostream& out) {
    out << kHead << script_safe(report_json(r).dump()) << kTail;
}

}  // namespace nhiscan::inventory
