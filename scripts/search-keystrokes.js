// Types each query into the search page a key at a time, as a person would (a pause between
// keys), and reports how long each keystroke took to show its results: from the input event
// to the result list redrawn, index files loaded included (the page's data-ms), in real time;
// "/N" after a time: the ranking needed N rounds of postings (data-rounds).
// Uses the Puppeteer that the Lighthouse install brings (scripts/install-tools.sh).
//
//   node scripts/search-keystrokes.js /abs/path/to/public/search/index.html QUERY...
"use strict";
const path = require("path");
const { execSync } = require("child_process");

function puppeteer() {
  const root = execSync("npm root -g").toString().trim();
  for (const p of ["puppeteer-core", path.join(root, "puppeteer-core"), path.join(root, "lighthouse/node_modules/puppeteer-core")]) {
    try { return require(p); } catch (e) { /* next */ }
  }
  throw new Error("puppeteer-core not found (npm install -g lighthouse@12)");
}

(async () => {
  const [page_, ...queries] = process.argv.slice(2);
  const browser = await puppeteer().launch({
    executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--allow-file-access-from-files"],
  });
  let worst = 0;
  try {
    for (const q of queries) {
      // A fresh page per query: nothing of the index cached but what the page loads itself.
      const page = await browser.newPage();
      await page.goto("file://" + page_, { waitUntil: "load" });
      await page.waitForFunction(() => document.getElementById("search-results").hasAttribute("data-ms"), { timeout: 10000 });
      const times = [], steps = [];
      for (let i = 1; i <= q.length; i++) {
        const typed = q.slice(0, i);
        await page.type("#search-q", q[i - 1]);
        await page.waitForFunction((t) => document.getElementById("search-results").getAttribute("data-q") === t,
          { timeout: 10000 }, typed);
        const [ms, rounds] = await page.$eval("#search-results", (el) => [+el.getAttribute("data-ms"), el.getAttribute("data-rounds")]);
        times.push(ms);
        steps.push(ms.toFixed(0) + (rounds > 1 ? "/" + rounds : ""));
        await new Promise((r) => setTimeout(r, 150));
      }
      const status = await page.$eval("#search-status", (el) => el.textContent);
      const max = Math.max(...times);
      worst = Math.max(worst, max);
      console.log(`${JSON.stringify(q)}: keystrokes ${steps.join(" ")} ms ` +
        `(slowest ${max.toFixed(1)} ms, last ${times[times.length - 1].toFixed(1)} ms); ${status}`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`slowest keystroke: ${worst.toFixed(1)} ms`);
})().catch((e) => { console.error(e.message); process.exit(1); });
