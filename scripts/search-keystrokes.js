// Types each query into the search page a key at a time, as a person would (a pause between
// keys), and reports how long each keystroke took to show its results: from the input event
// to the result list redrawn, index files loaded included (the page's data-ms), in real time.
// "+N" after a time: the keystroke waited for N rounds of file loads one after another
// (data-waits, counted by the page: files loaded side by side are one round).
// The page's data-ms starts when its input handler runs; work the page does between
// keystrokes (ranking ahead) could delay that handler, so the summary also gives the time
// from the keydown event (its timestamp, taken when the browser received the key) to the
// result list's change, seen by a MutationObserver (the second table).
// Uses the Puppeteer that the Lighthouse install brings (scripts/install-tools.sh).
//
//   node scripts/search-keystrokes.js [--runs N] [--settle] [--max-waits N] [-v]
//        PAGE.html [PAGE.html...] [QUERY...]
//
// Several pages (the same site built two ways, say) are measured in turn, run after run, so a
// change in the machine's load falls on both; the summary table gives each query's slowest
// keystroke per page and run, with the load average when the run began. Without queries, the
// five of BENCHMARKS.md "Search index".
// --settle: before each key, wait until the page has no file loading (what it fetches ahead
// for the next key included), as if the person typed slowly. The rounds are then the same
// from run to run, whatever the machine's load: --max-waits N exits 1 if a keystroke waited
// for more than N rounds (the check scripts/search-size-check.sh runs).
// -v: the files of each round, for each keystroke that waited and the slowest of each query.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execSync } = require("child_process");

const QUERIES = ["minister", "election results", "prime minister of", '"the minister said"', "said the president"];

function puppeteer() {
  const root = execSync("npm root -g").toString().trim();
  for (const p of ["puppeteer-core", path.join(root, "puppeteer-core"), path.join(root, "lighthouse/node_modules/puppeteer-core")]) {
    try { return require(p); } catch (e) { /* next */ }
  }
  throw new Error("puppeteer-core not found (npm install -g lighthouse@12)");
}

function parseArgs(argv) {
  const o = { runs: 1, settle: false, maxWaits: null, verbose: false, pages: [], queries: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--runs") o.runs = +argv[++i];
    else if (a === "--max-waits") o.maxWaits = +argv[++i];
    else if (a === "--settle") o.settle = true;
    else if (a === "-v") o.verbose = true;
    else if (a.endsWith(".html") && fs.existsSync(a)) o.pages.push(path.resolve(a));
    else o.queries.push(a);
  }
  if (!o.pages.length) throw new Error("usage: search-keystrokes.js [--runs N] [--settle] [--max-waits N] PAGE.html... [QUERY...]");
  if (!o.queries.length) o.queries = QUERIES;
  return o;
}

// One query typed into a fresh page: each keystroke's [text, ms, rounds, files per round].
async function typeQuery(browser, file, q, settle) {
  const page = await browser.newPage();
  try {
    await page.goto("file://" + file, { waitUntil: "load" });
    await page.waitForFunction(() => document.getElementById("search-results").hasAttribute("data-ms"), { timeout: 10000 });
    await page.evaluate(() => {
      window.keyAt = 0;
      window.drawnAt = {};
      document.addEventListener("keydown", (e) => { window.keyAt = e.timeStamp; }, true);
      const list = document.getElementById("search-results");
      new MutationObserver(() => {
        const q = list.getAttribute("data-q");
        if (q !== null && !(q in window.drawnAt)) window.drawnAt[q] = performance.now() - window.keyAt;
      }).observe(list, { attributes: true, attributeFilter: ["data-q"] });
    });
    const keys = [];
    for (let i = 1; i <= q.length; i++) {
      const typed = q.slice(0, i);
      if (settle) {
        // Nothing loading, then a moment for the page's idle callbacks to ask for more.
        for (let k = 0; k < 3; k++) {
          await new Promise((r) => setTimeout(r, 60));
          await page.waitForFunction(() => !window.DossierSearch.loading || window.DossierSearch.loading() === 0, { timeout: 10000 });
        }
      }
      await page.type("#search-q", q[i - 1]);
      await page.waitForFunction((t) => document.getElementById("search-results").getAttribute("data-q") === t,
        { timeout: 10000 }, typed);
      const [ms, waits, waited] = await page.$eval("#search-results",
        (el) => [+el.getAttribute("data-ms"), +el.getAttribute("data-waits"), el.getAttribute("data-waited") || ""]);
      const fromKey = await page.evaluate((t) => window.drawnAt[t], typed);
      keys.push({ typed, ms, waits, waited, fromKey });
      if (!settle) await new Promise((r) => setTimeout(r, 150));
    }
    const status = await page.$eval("#search-status", (el) => el.textContent);
    return { keys, status };
  } finally {
    await page.close();
  }
}

(async () => {
  const o = parseArgs(process.argv.slice(2));
  const browser = await puppeteer().launch({
    executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--allow-file-access-from-files"],
  });
  // rows[query][page] = [{slowest, at, waits, load}] per run
  const rows = {}, loads = [];
  let over = 0;
  try {
    for (let run = 0; run < o.runs; run++) {
      for (const [p, file] of o.pages.entries()) {
        const load = os.loadavg()[0];
        loads.push(load);
        console.log(`# run ${run + 1}, page ${p + 1} (${file}), load average ${load.toFixed(2)}`);
        for (const q of o.queries) {
          const { keys, status } = await typeQuery(browser, file, q, o.settle);
          const worst = keys.reduce((a, k) => (k.ms > a.ms ? k : a));
          const most = Math.max(...keys.map((k) => k.waits));
          console.log(`${JSON.stringify(q)}: keystrokes ${keys.map((k) => k.ms.toFixed(0) + (k.waits ? "+" + k.waits : "")).join(" ")} ms ` +
            `(slowest ${worst.ms.toFixed(1)} ms at ${JSON.stringify(worst.typed)}); ${status}`);
          if (o.verbose) {
            for (const k of keys.filter((k) => k.waits > 0 || k === worst)) {
              console.log(`  ${JSON.stringify(k.typed)} ${k.ms.toFixed(0)} ms waited for: ${k.waited || "nothing"}`);
            }
          }
          if (o.maxWaits !== null) {
            for (const k of keys.filter((k) => k.waits > o.maxWaits)) {
              console.log(`  FAIL ${JSON.stringify(k.typed)} waited for ${k.waits} rounds of file loads (at most ${o.maxWaits}): ${k.waited}`);
              over++;
            }
          }
          const all = keys.reduce((a, k) => a + k.waits, 0);
          const fromKey = Math.max(...keys.map((k) => k.fromKey || 0));
          ((rows[q] = rows[q] || {})[p] = rows[q][p] || []).push({ ms: worst.ms, at: worst.typed, waits: most, all, load, fromKey });
        }
      }
    }
  } finally {
    await browser.close();
  }
  // The summary: slowest keystroke (ms) per query, page and run; the most rounds of file loads
  // one keystroke waited for, and the rounds of all the query's keystrokes together.
  console.log("\n| query | " + o.pages.map((_, p) => `page ${p + 1}: slowest keystroke per run, ms (rounds: most/all)`).join(" | ") + " |");
  console.log("|---|" + o.pages.map(() => "---|").join(""));
  let worst = 0;
  for (const q of o.queries) {
    const cells = o.pages.map((_, p) => (rows[q][p] || []).map((r) => {
      worst = Math.max(worst, r.ms);
      return `${r.ms.toFixed(0)} (${r.waits}/${r.all})`;
    }).join(", "));
    console.log(`| \`${q}\` | ${cells.join(" | ")} |`);
  }
  console.log("\n| query | " + o.pages.map((_, p) => `page ${p + 1}: slowest, from the keydown event, ms`).join(" | ") + " |");
  console.log("|---|" + o.pages.map(() => "---|").join(""));
  for (const q of o.queries) {
    console.log(`| \`${q}\` | ${o.pages.map((_, p) => (rows[q][p] || []).map((r) => r.fromKey.toFixed(0)).join(", ")).join(" | ")} |`);
  }
  console.log(`\npages: ${o.pages.map((f, p) => `${p + 1} = ${f}`).join("; ")}`);
  console.log(`load average (1 min) at each page's run: ${loads.map((l) => l.toFixed(1)).join(", ")}`);
  console.log(`slowest keystroke: ${worst.toFixed(1)} ms`);
  if (over) {
    console.log(`${over} keystrokes waited for more than ${o.maxWaits} rounds of file loads`);
    process.exit(1);
  }
})().catch((e) => { console.error(e.message); process.exit(1); });
