/**
 * The `/__status` dashboard: a static shell whose script (`/__status.js`) fetches the JSON
 * every second and draws the charts itself. No inline script or style, so it runs under a
 * strict Content-Security-Policy, and no external assets, so it works with the site down.
 */
export const STATUS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Yuletide · cluster status</title>
<link rel="stylesheet" href="/__status.css">
<script src="/__status.js" defer></script>
</head>
<body>
<header>
<h1>Yuletide <span>cluster status</span></h1>
<p id="updated" aria-live="polite">connecting…</p>
</header>
<main>
<section class="cards">
<div class="card"><h2>Requests / s</h2><p class="figure" id="rps">–</p><canvas id="chart-rps" aria-label="requests per second, last minute"></canvas></div>
<div class="card"><h2>Page-cache hit ratio</h2><p class="figure" id="hits">–</p><canvas id="chart-hits" aria-label="hit ratio, last minute"></canvas></div>
<div class="card"><h2>p99 response time</h2><p class="figure" id="p99">–</p><canvas id="chart-p99" aria-label="99th percentile response time, last minute"></canvas></div>
<div class="card"><h2>App servers in rotation</h2><p class="figure" id="healthy">–</p><ul id="upstreams"></ul></div>
</section>
<section>
<h2>App tier</h2>
<div class="cards">
<div class="card"><h2>App requests / s</h2><p class="figure" id="app-rps">–</p><canvas id="chart-app-rps" aria-label="app server requests per second, last minute"></canvas></div>
<div class="card"><h2>App p99</h2><p class="figure" id="app-p99">–</p><canvas id="chart-app-p99" aria-label="app server 99th percentile, last minute"></canvas></div>
<div class="card"><h2>Object-cache hit ratio</h2><p class="figure" id="oc-hits">–</p><canvas id="chart-oc-hits" aria-label="object cache hit ratio, last minute"></canvas></div>
<div class="card"><h2>Search p99</h2><p class="figure" id="search-p99">–</p><canvas id="chart-search-p99" aria-label="search daemon 99th percentile as the app servers see it, last minute"></canvas></div>
<div class="card"><h2>Database connections in use</h2><p class="figure" id="db-busy">–</p><canvas id="chart-db-busy" aria-label="database connections in use, last minute"></canvas></div>
</div>
</section>
<section>
<h2>Processes</h2>
<table>
<thead><tr><th>role</th><th>pid</th><th>port</th><th>health</th><th>restarts</th><th>started</th></tr></thead>
<tbody id="processes"></tbody>
</table>
</section>
<p class="links"><a href="/__status?format=json">JSON</a> · <a href="/__metrics">Prometheus metrics</a></p>
</main>
</body>
</html>
`;

export const STATUS_CSS = `:root{--ink:#222;--muted:#777;--bg:#f6f3ee;--card:#fff;--red:#b3261e;--green:#1e7b34;--line:#1a5fb4}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,sans-serif;color:var(--ink);background:var(--bg)}
header{display:flex;justify-content:space-between;align-items:baseline;padding:1rem 1.5rem;background:var(--red);color:#fff}
header h1{margin:0;font-size:1.4rem}header h1 span{font-weight:400;opacity:.85}
header p{margin:0;opacity:.9}
main{padding:1rem 1.5rem;max-width:80rem;margin:0 auto}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}
.card{background:var(--card);border-radius:10px;padding:1rem;box-shadow:0 1px 6px #0001}
.card h2,section>h2{margin:0;font-size:.85rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.figure{font-size:2rem;margin:.2rem 0 .5rem;font-variant-numeric:tabular-nums}
canvas{width:100%;height:90px;display:block}
ul{list-style:none;margin:0;padding:0}li{padding:.15rem 0}
table{width:100%;border-collapse:collapse;background:var(--card);border-radius:10px;overflow:hidden;margin-top:.5rem}
th,td{text-align:left;padding:.45rem .8rem;border-bottom:1px solid #eee;font-variant-numeric:tabular-nums}
th{font-size:.8rem;color:var(--muted);font-weight:600}
section{margin-top:1.5rem}
.up{color:var(--green)}.down{color:var(--red);font-weight:600}
.dot{display:inline-block;width:.7em;height:.7em;border-radius:50%;margin-right:.4em;vertical-align:baseline}
.dot.up{background:var(--green)}.dot.down{background:var(--red)}
.links{color:var(--muted)}a{color:var(--line)}
`;
