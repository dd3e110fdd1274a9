/**
 * The dashboard's script, served as `/__status.js` (the page's CSP forbids inline script).
 * Plain ES2017 for any browser: polls `/__status` for JSON every second and draws each series
 * of the last minute on its canvas. Written without template literals so it can live here.
 */
export const STATUS_SCRIPT = String.raw`'use strict';
(function () {
  var COLORS = { line: '#1a5fb4', fill: 'rgba(26,95,180,.12)', grid: '#e6e6e6', text: '#777' };

  function byId(id) { return document.getElementById(id); }

  function text(el, value) { el.textContent = value; }

  function format(value, kind) {
    if (value === null || value === undefined) return '–';
    if (kind === 'ratio') return (value * 100).toFixed(1) + ' %';
    if (kind === 'ms') return value < 10 ? value.toFixed(2) + ' ms' : Math.round(value) + ' ms';
    return String(Math.round(value));
  }

  function draw(canvas, values, kind) {
    var ratio = window.devicePixelRatio || 1;
    var width = canvas.clientWidth, height = canvas.clientHeight;
    if (canvas.width !== width * ratio) { canvas.width = width * ratio; canvas.height = height * ratio; }
    var ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    var max = kind === 'ratio' ? 1 : 0;
    for (var i = 0; i < values.length; i++) if (values[i] !== null && values[i] > max) max = values[i];
    if (max === 0) max = 1;
    var top = 12, bottom = height - 2;
    ctx.strokeStyle = COLORS.grid;
    ctx.beginPath(); ctx.moveTo(0, top); ctx.lineTo(width, top); ctx.moveTo(0, bottom); ctx.lineTo(width, bottom); ctx.stroke();
    ctx.fillStyle = COLORS.text; ctx.font = '10px system-ui, sans-serif';
    ctx.fillText(format(max, kind) + ' (last 60 s)', 2, 10);
    var step = values.length > 1 ? width / (values.length - 1) : width;
    function y(v) { return bottom - (v / max) * (bottom - top); }
    ctx.beginPath();
    var started = false, firstX = 0, lastX = 0;
    for (var j = 0; j < values.length; j++) {
      if (values[j] === null) continue;
      var x = j * step;
      if (!started) { ctx.moveTo(x, y(values[j])); started = true; firstX = x; } else ctx.lineTo(x, y(values[j]));
      lastX = x;
    }
    if (!started) return;
    ctx.strokeStyle = COLORS.line; ctx.lineWidth = 1.5; ctx.stroke();
    ctx.lineTo(lastX, bottom); ctx.lineTo(firstX, bottom); ctx.closePath();
    ctx.fillStyle = COLORS.fill; ctx.fill();
  }

  function health(healthy) {
    var cell = document.createElement('td');
    var dot = document.createElement('span');
    dot.className = 'dot ' + (healthy ? 'up' : 'down');
    cell.appendChild(dot);
    cell.appendChild(document.createTextNode(healthy ? 'healthy' : 'down'));
    cell.className = healthy ? 'up' : 'down';
    return cell;
  }

  function cell(value) {
    var td = document.createElement('td');
    td.textContent = value === null || value === undefined ? '–' : String(value);
    return td;
  }

  function render(status) {
    var history = status.traffic.history;
    var pick = function (key) { return history.map(function (p) { return p[key]; }); };
    text(byId('rps'), format(status.traffic.requestsPerSecond, 'count'));
    text(byId('hits'), format(status.traffic.hitRatio, 'ratio'));
    text(byId('p99'), format(status.traffic.p99Ms, 'ms'));
    draw(byId('chart-rps'), pick('requests'), 'count');
    draw(byId('chart-hits'), pick('hitRatio'), 'ratio');
    draw(byId('chart-p99'), pick('p99Ms'), 'ms');
    var healthy = status.upstreams.filter(function (u) { return u.healthy; }).length;
    text(byId('healthy'), healthy + ' / ' + status.upstreams.length);
    var list = byId('upstreams');
    list.replaceChildren.apply(list, status.upstreams.map(function (u) {
      var li = document.createElement('li');
      var dot = document.createElement('span');
      dot.className = 'dot ' + (u.healthy ? 'up' : 'down');
      li.appendChild(dot);
      li.appendChild(document.createTextNode(u.url));
      return li;
    }));
    var rows = byId('processes');
    rows.replaceChildren.apply(rows, status.processes.map(function (p) {
      var tr = document.createElement('tr');
      tr.appendChild(cell(p.role));
      tr.appendChild(cell(p.pid));
      tr.appendChild(cell(p.port));
      tr.appendChild(health(p.healthy));
      tr.appendChild(cell(p.restarts));
      tr.appendChild(cell(p.startedAt ? new Date(p.startedAt).toLocaleTimeString() : null));
      return tr;
    }));
    if (status.tiers) renderTiers(status.tiers);
    text(byId('updated'), 'updated ' + new Date(status.generatedAt).toLocaleTimeString());
  }

  function renderTiers(tiers) {
    var history = tiers.history;
    var last = history.length > 0 ? history[history.length - 1] : {};
    var pick = function (key) { return history.map(function (p) { return p[key]; }); };
    text(byId('app-rps'), format(last.appRequests, 'count'));
    text(byId('app-p99'), format(last.appP99Ms, 'ms'));
    text(byId('oc-hits'), format(last.objectCacheHitRatio, 'ratio'));
    text(byId('search-p99'), format(last.searchP99Ms, 'ms') + (last.searchRequests ? ' at ' + format(last.searchRequests, 'count') + '/s' : ''));
    text(byId('db-busy'), last.dbMax ? format(last.dbBusy, 'count') + ' of ' + last.dbMax + (last.dbWaiting ? ', ' + last.dbWaiting + ' waiting' : '') : '–');
    draw(byId('chart-app-rps'), pick('appRequests'), 'count');
    draw(byId('chart-app-p99'), pick('appP99Ms'), 'ms');
    draw(byId('chart-oc-hits'), pick('objectCacheHitRatio'), 'ratio');
    draw(byId('chart-search-p99'), pick('searchP99Ms'), 'ms');
    draw(byId('chart-db-busy'), pick('dbBusy'), 'count');
  }

  function poll() {
    fetch('/__status', { headers: { accept: 'application/json' }, cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(render)
      .catch(function (error) { text(byId('updated'), 'no answer: ' + error.message); })
      .then(function () { setTimeout(poll, 1000); });
  }

  document.addEventListener('DOMContentLoaded', poll);
})();
`;
