// Dossier's search page: BM25 over the index files the build writes under search/, loaded with
// <script> elements so it works from file:// and under any sub-path. Queries are folded the way
// the build folds the text (lower case, no diacritics, letters and digits only); the last word
// matches as a prefix while typing; "quoted words" must appear together in the item's text.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) return;
  var input = document.getElementById("search-q");
  var topicSel = document.getElementById("search-topic");
  var sourceSel = document.getElementById("search-source");
  var fromIn = document.getElementById("search-from");
  var toIn = document.getElementById("search-to");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var base = form.getAttribute("data-index"); // folder of the index files, relative to the page
  var root = form.getAttribute("data-root"); // from the page to the site root
  var KINDS = { a: "Article", t: "Topic", s: "Story", q: "Quote" };
  var K1 = 1.2, B = 0.75, SHOWN = 20, MAX_EXPANSIONS = 40;

  var meta = null;
  var shards = {}, chunks = {}, waiting = {};
  var known = null;

  // The index files call these as they load.
  var api = window.DossierSearch = {
    meta: function (m) { meta = m; known = {}; m.shards.forEach(function (s) { known[s] = true; }); done("meta"); },
    shard: function (name, words) { shards[name] = words; done("t/" + name); },
    chunk: function (n, rows) { chunks[n] = rows; done("d/" + n); }
  };

  function done(key) {
    var w = waiting[key];
    if (w) { w.resolve(); }
  }

  function load(key) {
    if (waiting[key]) return waiting[key].promise;
    var entry = {};
    entry.promise = new Promise(function (resolve, reject) {
      entry.resolve = resolve;
      var s = document.createElement("script");
      s.src = base + key + ".js";
      s.async = true;
      s.onerror = function () { reject(new Error("cannot load " + s.src)); };
      document.head.appendChild(s);
    });
    waiting[key] = entry;
    return entry.promise;
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(function (w) {
      return w.length > 1 || /^\d$/.test(w);
    });
  }

  function shardFile(word) {
    var two = Array.from(word).slice(0, 2).join("");
    if (/^[a-z0-9]+$/.test(two)) return two;
    return Array.from(two).map(function (c) { return "u" + c.codePointAt(0).toString(16); }).join("-");
  }
  function shardName(word) { return Array.from(word).slice(0, 2).join(""); }

  // "quoted phrases" and loose words; the last loose word is a prefix unless the query ends in
  // a space or a quote.
  function parse(q) {
    var phrases = [], loose = [];
    var re = /"([^"]*)"?/g, m, rest = q;
    while ((m = re.exec(q)) !== null) {
      var ws = words(m[1]);
      if (ws.length) phrases.push(ws);
    }
    rest = q.replace(/"[^"]*"?/g, " ");
    loose = words(rest);
    var prefix = loose.length > 0 && /[\p{L}\p{N}]$/u.test(q) && !/"\s*$/.test(q);
    return { phrases: phrases, loose: loose, prefix: prefix };
  }

  function postings(word) {
    var shard = shards[shardName(word)];
    return shard && shard[word] ? decode(shard[word]) : null;
  }

  function decode(text) {
    var out = new Map();
    text.split(",").forEach(function (p) {
      var i = p.indexOf(":");
      out.set(parseInt(p.slice(0, i), 36), parseInt(p.slice(i + 1), 10));
    });
    return out;
  }

  function expand(prefix) {
    var shard = shards[shardName(prefix)];
    if (!shard) return [];
    var found = [];
    for (var w in shard) {
      if (w.lastIndexOf(prefix, 0) === 0) {
        found.push(w);
        if (found.length >= MAX_EXPANSIONS) break;
      }
    }
    return found;
  }

  function idf(df) { return Math.log(1 + (meta.n - df + 0.5) / (df + 0.5)); }

  function allowed(id) {
    var it = meta.items[id];
    if (topicSel && topicSel.value !== "" && it[4].indexOf(+topicSel.value) < 0) return false;
    if (sourceSel && sourceSel.value !== "" && it[3] !== +sourceSel.value) return false;
    if (fromIn && fromIn.value && (!it[2] || it[2] < fromIn.value)) return false;
    if (toIn && toIn.value && (!it[2] || it[2] > toIn.value)) return false;
    return true;
  }

  var generation = 0;

  var started = 0;

  function run() {
    var q = input.value;
    var mine = ++generation;
    started = performance.now();
    var url = new URL(location.href);
    if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
    try { history.replaceState(null, "", url.href); } catch (e) { /* file:// may refuse */ }
    var parsed = parse(q);
    var terms = parsed.loose.slice();
    parsed.phrases.forEach(function (p) { terms = terms.concat(p); });
    if (!terms.length) { show([], parsed, q); return; }
    var needed = {};
    terms.forEach(function (w) { var s = shardName(w); if (known[s]) needed[shardFile(w)] = true; });
    Promise.all(Object.keys(needed).map(function (f) { return load("t/" + f); })).then(function () {
      if (mine !== generation) return;
      // Each query word: the items that have it, with their counts; a prefix takes any word it
      // begins (the best count).
      var groups = terms.map(function (w, i) {
        var isPrefix = parsed.prefix && i === parsed.loose.length - 1;
        var forms = isPrefix ? expand(w) : [w];
        if (!isPrefix || forms.indexOf(w) < 0) { if (!isPrefix) forms = [w]; }
        var merged = new Map();
        forms.forEach(function (f) {
          var p = postings(f);
          if (!p) return;
          p.forEach(function (tf, id) { merged.set(id, Math.max(merged.get(id) || 0, tf)); });
        });
        return merged;
      });
      if (groups.some(function (g) { return g.size === 0; })) { show([], parsed, q); return; }
      groups.sort(function (a, b) { return a.size - b.size; });
      var scores = [];
      groups[0].forEach(function (_, id) {
        if (!allowed(id)) return;
        var len = meta.items[id][1] || 1;
        var score = 0;
        for (var g = 0; g < groups.length; g++) {
          var tf = groups[g].get(id);
          if (tf === undefined) return;
          score += idf(groups[g].size) * tf * (K1 + 1) / (tf + K1 * (1 - B + B * len / meta.avgdl));
        }
        scores.push([id, score]);
      });
      scores.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      // Phrases are checked on the item's text, so more candidates than are shown are read.
      var pool = scores.slice(0, parsed.phrases.length ? 200 : SHOWN);
      var files = {};
      pool.forEach(function (s) { files[Math.floor(s[0] / meta.chunk)] = true; });
      return Promise.all(Object.keys(files).map(function (n) { return load("d/" + n); })).then(function () {
        if (mine !== generation) return;
        var hits = pool.map(function (s) { return { id: s[0], row: chunks[Math.floor(s[0] / meta.chunk)][s[0] % meta.chunk] }; });
        if (parsed.phrases.length) {
          // Topics, stories and quotes ship their whole text: a phrase must be in it. An
          // article ships its summary only: one with the phrase there comes first, the others
          // (every word present, the phrase perhaps further in its body) after.
          var has = function (h) {
            var text = " " + words(h.row[1] + " " + h.row[5]).join(" ") + " ";
            return parsed.phrases.every(function (p) { return text.indexOf(" " + p.join(" ") + " ") >= 0; });
          };
          var exact = hits.filter(has);
          var maybe = hits.filter(function (h) { return h.row[0][0] === "a" && !has(h); });
          hits = exact.concat(maybe);
        }
        show(hits.slice(0, SHOWN), parsed, q, scores.length);
      });
    }).catch(function (e) { status.textContent = "Search is unavailable: " + e.message; });
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  // The snippet with every query word (or a word it begins, for the prefix) marked.
  function mark(text, parsed) {
    var targets = parsed.loose.concat([].concat.apply([], parsed.phrases));
    var out = "", re = /[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu, m;
    while ((m = re.exec(text)) !== null) {
      var piece = m[0], f = fold(piece);
      var hit = /[\p{L}\p{N}]/u.test(piece) && targets.some(function (t, i) {
        var isPrefix = parsed.prefix && i === parsed.loose.length - 1;
        return isPrefix ? f.lastIndexOf(t, 0) === 0 : f === t;
      });
      out += hit ? "<mark>" + escapeHtml(piece) + "</mark>" : escapeHtml(piece);
    }
    return out;
  }

  function snippet(text, parsed) {
    var f = fold(text), first = -1;
    parsed.loose.concat([].concat.apply([], parsed.phrases)).forEach(function (t) {
      var at = f.indexOf(t);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    var start = Math.max(0, first - 80);
    var cut = text.slice(start, start + 240);
    return (start > 0 ? "… " : "") + cut + (start + 240 < text.length ? " …" : "");
  }

  function show(hits, parsed, q, total) {
    // How long this query took, files loaded included (read by scripts/search-budget.py).
    list.setAttribute("data-ms", (performance.now() - started).toFixed(1));
    list.innerHTML = "";
    if (!q.trim()) { status.textContent = ""; return; }
    status.textContent = hits.length
      ? (total > hits.length ? "The best " + hits.length + " of " + total + " results" : hits.length + (hits.length === 1 ? " result" : " results")) + " for " + q
      : "No results for " + q;
    hits.forEach(function (h) {
      var r = h.row; // kind, title, url, source, date, snippet
      var li = document.createElement("li");
      li.className = "search-hit";
      var meta = [KINDS[r[0][0]] || r[0], r[3], r[4]].filter(Boolean).map(escapeHtml).join(" · ");
      li.innerHTML = '<p class="kicker">' + meta + "</p>" +
        '<h2 class="card-title"><a href="' + escapeHtml(root + r[2]) + '">' + mark(r[1], parsed) + "</a></h2>" +
        (r[5] ? '<p class="summary">' + mark(snippet(r[5], parsed), parsed) + "</p>" : "");
      list.appendChild(li);
    });
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

  // Arrow keys move between the results and the box; Escape clears.
  document.addEventListener("keydown", function (e) {
    var all = links(), at = all.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && (document.activeElement === input || at >= 0)) {
      if (at + 1 < all.length) { all[at + 1].focus(); e.preventDefault(); }
    } else if (e.key === "ArrowUp" && at >= 0) {
      (at > 0 ? all[at - 1] : input).focus();
      e.preventDefault();
    } else if (e.key === "Escape" && (document.activeElement === input || at >= 0)) {
      input.value = "";
      input.focus();
      run();
    }
  });

  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  input.addEventListener("input", run);
  [topicSel, sourceSel, fromIn, toIn].forEach(function (el) { if (el) el.addEventListener("change", run); });

  load("meta").then(function () {
    meta.topics.forEach(function (name, i) { if (topicSel) topicSel.add(new Option(name, String(i))); });
    meta.sources.forEach(function (name, i) { if (sourceSel) sourceSel.add(new Option(name, String(i))); });
    var params = new URLSearchParams(location.search);
    if (params.get("q")) input.value = params.get("q");
    run();
  }).catch(function (e) { status.textContent = "Search is unavailable: " + e.message; });
  void api;
})();
