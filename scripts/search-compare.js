// Compares the results of two search pages (the same site built before and after a change to
// the index or the page's script) link by link: for each query, the links shown, the status
// line, and the links after "More results" once. Exit 1 when the links differ.
// Uses the Puppeteer that the Lighthouse install brings (scripts/install-tools.sh).
//
//   node scripts/search-compare.js A/search/index.html B/search/index.html [QUERY...]
"use strict";
const path = require("path");
const { execSync } = require("child_process");

const QUERIES = ["minister", "mini", "min", "election", "election results", "election res", "prime minister of",
  "prime min", '"the minister said"', '"the minister', "said the president", "said the", "said the pre",
  "the government said", "pre", "president", "government", "talks", "coalition deal", "ceasefire"];

function puppeteer() {
  const root = execSync("npm root -g").toString().trim();
  for (const p of ["puppeteer-core", path.join(root, "puppeteer-core"), path.join(root, "lighthouse/node_modules/puppeteer-core")]) {
    try { return require(p); } catch (e) { /* next */ }
  }
  throw new Error("puppeteer-core not found (npm install -g lighthouse@12)");
}

async function results(browser, file, q) {
  const page = await browser.newPage();
  try {
    await page.goto("file://" + file + "?q=" + encodeURIComponent(q), { waitUntil: "load" });
    const drawn = (t) => document.getElementById("search-results").getAttribute("data-q") === t;
    await page.waitForFunction(drawn, { timeout: 20000 }, q);
    const read = () => page.evaluate(() => ({
      links: Array.from(document.querySelectorAll("#search-results a")).map((a) => a.getAttribute("href")),
      status: document.getElementById("search-status").textContent,
      more: !document.getElementById("search-more").hidden,
    }));
    const first = await read();
    let more = null;
    if (first.more) {
      // The page sets data-q again when it has drawn the longer list.
      await page.$eval("#search-results", (el) => el.removeAttribute("data-q"));
      await page.click("#search-more");
      await page.waitForFunction(drawn, { timeout: 20000 }, q);
      more = await read();
    }
    return JSON.stringify({ first, more });
  } finally {
    await page.close();
  }
}

(async () => {
  const args = process.argv.slice(2);
  const [a, b] = args.slice(0, 2).map((p) => path.resolve(p));
  const queries = args.length > 2 ? args.slice(2) : QUERIES;
  const browser = await puppeteer().launch({
    executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--allow-file-access-from-files"],
  });
  let differ = 0;
  try {
    for (const q of queries) {
      const [ra, rb] = [await results(browser, a, q), await results(browser, b, q)];
      const [ja, jb] = [JSON.parse(ra), JSON.parse(rb)];
      const links = (r) => JSON.stringify([r.first.links, r.more && r.more.links]);
      const n = ja.first.links.length + (ja.more ? ja.more.links.length : 0);
      if (ra === rb) {
        console.log(`same  ${JSON.stringify(q)} (${n} links compared)`);
      } else if (links(ja) === links(jb)) {
        // The same results; the status line counts all matches only when every posting was
        // read, which depends on how many the page read before it could stop.
        console.log(`same links, status differs  ${JSON.stringify(q)} (${n} links compared)\n` +
          `  A: ${ja.first.status} / ${ja.more && ja.more.status}\n  B: ${jb.first.status} / ${jb.more && jb.more.status}`);
      } else {
        differ++;
        console.log(`DIFF  ${JSON.stringify(q)}\n  A: ${ra}\n  B: ${rb}`);
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`${queries.length - differ} of ${queries.length} queries identical`);
  process.exit(differ ? 1 : 0);
})().catch((e) => { console.error(e.message); process.exit(1); });
