// Dossier's search page. The index files the build writes under search/ are loaded with
// <script> elements (each calls DossierSearch.add), so search works from file:// and under any
// sub-path. Queries are folded the way the build folds the text (lower case, no diacritics,
// letters and digits only); the last word matches as a prefix while typing (from its third
// letter); "quoted words" must appear together in the item's text.
//
// Ranking is BM25: each posting carries its item's score for the word (an "impact"), and a
// word's postings come highest impact first, in blocks. Every query word must match. The page
// reads blocks until no item it has not fully seen could beat the results it has (the
// threshold algorithm), so a common word costs its first blocks, not its whole list.
// Between keystrokes the page fetches what the next one likely needs (fetchAhead), and with
// several words ranks the likely next queries and loads their results' rows (rankAhead).
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
  // The page's words come from the template, in the site's language.
  function say(key, values) {
    var text = form.getAttribute("data-t-" + key) || "";
    return text.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }
  var KINDS = { a: say("kind-article", {}), t: say("kind-topic", {}), s: say("kind-story", {}), q: say("kind-quote", {}) };
  // MAX_EXPANSIONS: as PREFIX_FORMS in src/render/search.rs, which puts the display rows of
  // a prefix's best results in its shard file. AHEAD: shard files fetched ahead for the next
  // letter; DEEP_AHEAD: next letters whose later postings are fetched ahead (fetchAhead).
  var SHOWN = 10, MAX_EXPANSIONS = 12, AHEAD = 6, DEEP_AHEAD = 3;
  // A phrase query ranks at most this many times the results shown as candidates (a phrase
  // that is rare among the items with its words costs their pairs' files).
  var PHRASE_DEPTH = 8;

  var meta = null, leaves = {}, inner = {};
  var children = {}; // prefix split into several files -> [file, share, prefix] of its next letters
  var data = {}; // file name (path under search/ without .js) -> its data
  var waiting = {}; // file name -> {promise, resolve}
  var requested = []; // file names in the order asked for (read by scripts/search-budget.py)
  // Rounds of file loads the query shown waited for, one after another (read by
  // scripts/search-keystrokes.js, which checks them): a file asked for in round k and waited
  // for later ends round k+1 at the latest, so files loaded side by side count once.
  var depth = 0, begun = {}, waited = [];
  var forms = {}; // word -> its postings as loaded so far
  var inlineRows = {}; // item -> its display row, from the shard files loaded (key "")

  window.DossierSearch = {
    add: function (name, value) {
      if (name.lastIndexOf("t/", 0) === 0 && value && value[""]) {
        for (var id in value[""]) inlineRows[id] = value[""][id];
      }
      // The first file of a word's later postings: [postings, rows of its next best items].
      if (name.lastIndexOf("p/", 0) === 0 && Array.isArray(value)) {
        for (var item in value[1]) inlineRows[item] = value[1][item];
        value = value[0];
      }
      data[name] = value;
      if (waiting[name]) waiting[name].resolve(value);
    },
    // Files asked for and not loaded yet (scripts/search-keystrokes.js waits for none).
    loading: function () {
      return requested.filter(function (name) { return !(name in data); }).length;
    }
  };

  function load(name) {
    if (waiting[name]) return waiting[name].promise;
    var entry = {};
    entry.promise = new Promise(function (resolve, reject) {
      entry.resolve = resolve;
      var s = document.createElement("script");
      s.src = base + name + ".js";
      s.async = true;
      s.onload = function () { if (!(name in data)) reject(new Error("no index data in " + s.src)); };
      s.onerror = function () { reject(new Error("cannot load " + s.src)); };
      document.head.appendChild(s);
    });
    waiting[name] = entry;
    requested.push(name);
    begun[name] = { generation: generation, depth: depth };
    return entry.promise;
  }

  // Wait for files: `names` loaded, the round counted when one was still missing.
  function need(names) {
    var after = depth, missing = [];
    names.forEach(function (name) {
      if (name in data) return;
      // Asked for now, earlier in this query, or by an earlier one (still loading).
      var b = begun[name], from = !b ? depth : b.generation === generation ? b.depth : 0;
      after = Math.max(after, from + 1);
      missing.push(name);
    });
    var mine = generation;
    return Promise.all(names.map(load)).then(function (got) {
      if (mine === generation && missing.length) {
        depth = Math.max(depth, after);
        waited.push(after + ":" + missing.join(","));
      }
      return got;
    });
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(function (w) {
      return w.length > 1 || /^\d$/.test(w);
    });
  }

  // A shard's file name, as src/render/search.rs names it.
  function fileName(key) {
    if (/^[a-z0-9]+$/.test(key)) return key;
    return "_" + Array.from(key).map(function (c) { return c.codePointAt(0).toString(16); }).join("_");
  }

  // The shard file holding a word, or the words beginning with it: walk the prefix trie.
  function locate(word) {
    var chars = Array.from(word), key = "";
    for (var i = 0; ; i++) {
      if (leaves[key]) return "t/" + fileName(key);
      if (!inner[key]) return null;
      if (i === chars.length) return key ? "t/" + fileName(key) + ".top" : null;
      key += chars[i];
    }
  }

  // "quoted phrases" and loose words; the last loose word is a prefix unless the query ends in
  // a space or a quote. In a quote still open, the word being typed is not yet the phrase's:
  // it is the prefix, and the phrase is the words before it (a half-typed word would make
  // the phrase one that no item has, and every candidate's word pairs would be read).
  function parse(q) {
    var open = (q.match(/"/g) || []).length % 2 === 1;
    var tail = open ? /[\p{L}\p{N}]+$/u.exec(q) : null;
    var done = tail ? q.slice(0, tail.index) : q;
    var phrases = [], quoted = [], re = /"([^"]*)"?/g, m;
    while ((m = re.exec(done)) !== null) {
      var ws = words(m[1]);
      if (ws.length > 1) phrases.push(ws); else quoted = quoted.concat(ws);
    }
    var rest = done.replace(/"[^"]*"?/g, " ") + (tail ? " " + tail[0] : ""), loose = words(rest);
    // The word being typed: the query ends in it. Two letters begin too many words to mean
    // anything, so a prefix has three or more.
    var typing = /[\p{L}\p{N}]+$/u.exec(rest), last = loose[loose.length - 1];
    var prefix = !!typing && words(typing[0]).join(" ") === last && Array.from(last).length >= 3;
    return { phrases: phrases, loose: loose, quoted: quoted, prefix: prefix };
  }

  // A word's postings: item -> impact, `n` of its `df` read, `last` the lowest impact read
  // (every posting not read yet is at most that).
  function formOf(word, entry) {
    var f = forms[word];
    if (!f) {
      f = forms[word] = { df: entry[0], stem: entry[2], dense: entry[3] || 0, post: new Map(), n: 0, last: 0 };
      absorb(f, entry[1]);
    }
    return f;
  }

  function absorb(f, runs) {
    var before = f.n;
    if (runs) runs.split(";").forEach(function (run) {
      var parts = run.split(","), impact = parseInt(parts[0], 36), id = 0;
      for (var j = 1; j < parts.length; j++) {
        id = j === 1 ? parseInt(parts[j], 36) : id + parseInt(parts[j], 36);
        f.post.set(id, impact);
        f.last = impact;
        f.n++;
      }
    });
    if (f.n === before) f.n = f.df; // nothing more to read: never ask again
  }

  // The files of a word's postings after its first block: its dense file (a very frequent
  // word's impact on every item at once), or the rest of its blocks at once (one round of
  // loading, not one per block; a word with many postings has a dense file, so the rest stays
  // small).
  function laterFiles(f) {
    if (f.dense) return ["p/" + f.stem + ".d"];
    var names = [], start = meta.first, size = meta.first * meta.growth;
    for (var b = 1; start < f.df; b++, start += size, size *= meta.growth) names.push("p/" + f.stem + "." + b);
    return names;
  }

  // Read the rest of a word's postings: waited for through `wait` (need for the query shown,
  // so that files fetched ahead and still loading count as a round; loadAll ahead).
  function nextBlock(f, wait) {
    return wait(laterFiles(f)).then(function (got) {
      if (f.n >= f.df) return;
      if (f.dense) f.post = f.dense === 2 ? byItemMap(got[0]) : denseMap(got[0], f.df);
      else got.forEach(function (runs) { absorb(f, runs); });
      f.n = f.df;
    });
  }

  // A dense file's symbol: "#" (0) onwards, "\\" skipped.
  function symbol(c) { return c - (c > 92 ? 36 : 35); }

  // A dense file read as a map: one character per item, " " for none, else the symbol of the
  // impact - 1.
  function denseMap(text, size) {
    var impact = function (id) {
      var c = text.charCodeAt(id);
      return c === 32 || c !== c ? undefined : symbol(c) + 1;
    };
    return {
      size: size,
      get: impact,
      forEach: function (fn) {
        for (var id = 0; id < text.length; id++) {
          if (text.charCodeAt(id) !== 32) fn(impact(id), id);
        }
      }
    };
  }

  // A query word's forms: itself, or for the prefix the most frequent words it begins. A
  // prefix of which several forms have later postings has its own list (`prefix*`, each item's
  // best impact over those forms): one list to read, and the same ranking.
  function group(word, isPrefix) {
    var shard = data[locate(word)] || {};
    var found = [];
    if (isPrefix && Object.prototype.hasOwnProperty.call(shard, word + "*")) {
      found = [word + "*"];
    } else if (isPrefix) {
      for (var w in shard) if (w && w.lastIndexOf(word, 0) === 0 && w.slice(-1) !== "*") found.push(w);
      found.sort(function (a, b) { return (a === word ? -1 : 0) - (b === word ? -1 : 0) || shard[b][0] - shard[a][0] || (a < b ? -1 : 1); });
      found = found.slice(0, MAX_EXPANSIONS);
    } else if (Object.prototype.hasOwnProperty.call(shard, word)) {
      found = [word];
    }
    return found.map(function (w) { return formOf(w, shard[w]); });
  }

  function threshold(g) {
    var t = 0;
    g.forEach(function (f) { if (f.n < f.df && f.last > t) t = f.last; });
    return t;
  }

  // A dense file that lists its items (src/render/search.rs, by_item), read as a map: each
  // item as the gap from the one before (minus one; the symbol 90 then four digits base 90
  // when long) and the symbol of its impact - 1.
  function byItemMap(text) {
    var best = new Uint8Array(meta.n), ids = [], next = 0;
    for (var at = 0; at < text.length;) {
      var gap = symbol(text.charCodeAt(at++));
      if (gap === 90) {
        gap = 0;
        for (var k = 0; k < 4; k++) gap = gap * 90 + symbol(text.charCodeAt(at++));
      }
      next += gap;
      best[next] = symbol(text.charCodeAt(at++)) + 1;
      ids.push(next++);
    }
    return {
      size: ids.length,
      get: function (id) { return best[id] || undefined; },
      forEach: function (fn) { ids.forEach(function (id) { fn(best[id], id); }); }
    };
  }

  // A prefix's postings: each item's best impact over the forms read so far. Many postings
  // (frequent forms, dense files of tens of thousands of items) go into an array by item
  // rather than a Map.
  function merged(g) {
    if (g.length === 1) return g[0].post;
    var total = 0;
    g.forEach(function (f) { total += f.post.size; });
    if (total < 4096) {
      var m = new Map();
      g.forEach(function (f) {
        f.post.forEach(function (impact, id) { if (!(m.get(id) >= impact)) m.set(id, impact); });
      });
      return m;
    }
    var best = new Uint8Array(meta.n), ids = [];
    g.forEach(function (f) {
      f.post.forEach(function (impact, id) {
        if (best[id] === 0) ids.push(id);
        if (impact > best[id]) best[id] = impact;
      });
    });
    return {
      size: ids.length,
      get: function (id) { return best[id] || undefined; },
      forEach: function (fn) { ids.forEach(function (id) { fn(best[id], id); }); }
    };
  }

  // The `want` best of [item, score] pairs, best first (ties: the lower item), and every pair
  // tied with the last of them. Scores are small integers (impacts of 1 to 255 summed), so the
  // cut is found by counting, and only the pairs above it are sorted: a frequent word has
  // tens of thousands.
  function best(pairs, want) {
    if (pairs.length > 4 * want) {
      var counts = [];
      pairs.forEach(function (p) { counts[p[1]] = (counts[p[1]] || 0) + 1; });
      var cut = counts.length - 1;
      for (var seen = 0; cut > 0; cut--) {
        seen += counts[cut] || 0;
        if (seen >= want) break;
      }
      pairs = pairs.filter(function (p) { return p[1] >= cut; });
    }
    return pairs.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
  }

  // The best `want` items (score = the sum over the query words of each word's best impact),
  // and whether they are final: no item not fully seen could score more.
  function rank(groups, allow, want) {
    var T = groups.map(threshold), M = groups.map(merged);
    // With a word read to its end, only its items can match (the shortest such list is the
    // one walked); else any item seen so far.
    var complete = -1;
    T.forEach(function (t, k) {
      if (t === 0 && (complete < 0 || M[k].size < M[complete].size)) complete = k;
    });
    var sources = complete >= 0 ? [M[complete]] : M;
    var other = complete >= 0 ? -1 : T.reduce(function (a, b) { return a + b; }, 0);
    var seen = sources.length > 1 ? new Set() : null;
    var settled = [];
    sources.forEach(function (m) {
      m.forEach(function (_, id) {
        if (seen) { if (seen.has(id)) return; seen.add(id); }
        if (allow && !allow(id)) return;
        var score = 0, bound = 0, exact = true;
        for (var k = 0; k < M.length; k++) {
          var v = M[k].get(id);
          if (v === undefined) {
            if (T[k] === 0) return;
            exact = false;
            bound += T[k];
          } else {
            score += v;
            if (v < T[k]) { exact = false; bound += T[k]; } else bound += v;
          }
        }
        if (exact) settled.push([id, score]);
        else if (bound > other) other = bound;
      });
    });
    var count = settled.length;
    settled = best(settled, want);
    var final = other < 0 || T.every(function (t) { return t === 0; });
    var done = final || (settled.length >= want && settled[want - 1][1] >= other);
    var total = final ? count
      : (groups.length === 1 && groups[0].length === 1 && !allow ? groups[0][0].df : null);
    // Items that no item not fully seen can pass: shown whatever the next rounds read.
    var sure = settled.slice(0, want).filter(function (h) { return h[1] > other; });
    return { hits: settled.slice(0, want), done: done, total: total, sure: sure };
  }

  // The display rows' files of ranked items (none for those a shard file carried).
  function rowFiles(hits) {
    var files = {};
    hits.forEach(function (h) {
      if (!(h[0] in inlineRows)) files["d/" + Math.floor(h[0] / meta.chunk)] = true;
    });
    return Object.keys(files);
  }

  function rowOf(id) {
    return inlineRows[id] || data["d/" + Math.floor(id / meta.chunk)][id % meta.chunk];
  }

  // Rank; while not final, read the rest of each unfinished query word: of a prefix, of every
  // form whose unread postings could still weigh most, all in one round (with the rows of the
  // best results in the shard files, a round costs more than a few more files; but reading
  // every unfinished form loads the dense files of a common prefix's forms, which cost more
  // still: BENCHMARKS.md "Search index").
  function deepen(groups, allow, want, mine, wait) {
    var r = rank(groups, allow, want);
    if (wait === need) rounds++;
    if (r.done) return Promise.resolve(r);
    // The rows of results already certain load while the postings do.
    rowFiles(r.sure).forEach(function (name) { load(name).catch(function () { /* shown later */ }); });
    var loads = [];
    groups.forEach(function (g) {
      var t = threshold(g);
      g.forEach(function (f) { if (f.n < f.df && f.last * 2 >= t) loads.push(nextBlock(f, wait)); });
    });
    return Promise.all(loads).then(function () {
      return mine === generation ? deepen(groups, allow, want, mine, wait) : null;
    });
  }

  function loadAll(names) { return Promise.all(names.map(load)); }

  function decodeGaps(text) {
    var out = new Set(), id = 0;
    text.split(",").forEach(function (g, i) { id = i ? id + parseInt(g, 36) : parseInt(g, 36); out.add(id); });
    return out;
  }

  // The filters set, as a test on item numbers (null when none is set).
  function filters() {
    var tests = [];
    var facet = function (kind, sel) {
      if (!sel || sel.value === "") return null;
      var pack = "f/" + kind + packOf[kind + sel.value];
      return need([pack]).then(function (got) {
        var lists = got[0];
        var key = pack + "#" + sel.value;
        var set = data[key] || (data[key] = decodeGaps(lists[sel.value]));
        tests.push(function (id) { return set.has(id); });
      });
    };
    var from = fromIn && fromIn.value, to = toIn && toIn.value;
    var dates = from || to ? need(["f/dates"]).then(function (got) {
      var d = got[0];
      // Items are numbered newest first: the range runs from the first item on or before
      // `to` to the last on or after `from`.
      var lo = d.dated, hi = d.dated;
      for (var i = 0; i < d.days.length; i++) {
        if (lo === d.dated && (!to || d.days[i][0] <= to)) lo = d.days[i][1];
        if (from && d.days[i][0] < from) { hi = d.days[i][1]; break; }
      }
      tests.push(function (id) { return id >= lo && id < hi; });
    }) : null;
    var pending = [facet("t", topicSel), facet("s", sourceSel), dates].filter(Boolean);
    return Promise.all(pending).then(function () {
      return tests.length ? function (id) { return tests.every(function (t) { return t(id); }); } : null;
    });
  }

  var generation = 0;
  var started = 0, rounds = 0;

  // The query shown: its words' postings as read so far, and how many results are shown.
  var current = null;

  function run() {
    var q = input.value;
    var mine = ++generation;
    started = performance.now();
    rounds = 0;
    depth = 0;
    waited = [];
    current = null;
    var url = new URL(location.href);
    if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
    try { history.replaceState(null, "", url.href); } catch (e) { /* file:// may refuse */ }
    var parsed = parse(q), terms = queryTerms(parsed);
    if (!terms.length) { show([], parsed, q, 0, false); return; }
    var files = terms.map(locate);
    if (files.indexOf(null) >= 0) { show([], parsed, q, 0, false); return; }
    Promise.all([filters(), need(files)]).then(function (got) {
      if (mine !== generation) return null;
      var groups = groupsOf(terms, parsed);
      if (!groups) { show([], parsed, q, 0, false); return null; }
      current = { q: q, parsed: parsed, groups: groups, allow: got[0], shown: SHOWN };
      return present(current, mine);
    }).catch(failed);
  }

  // The words of a parsed query: loose, quoted, then the phrases'.
  function queryTerms(parsed) {
    var terms = parsed.loose.concat(parsed.quoted);
    parsed.phrases.forEach(function (p) { terms = terms.concat(p); });
    return terms;
  }

  // Each query word's forms (its shard file loaded), or null when a word matches nothing.
  function groupsOf(terms, parsed) {
    var groups = terms.map(function (w, i) { return group(w, parsed.prefix && i === parsed.loose.length - 1); });
    return groups.some(function (g) { return g.length === 0; }) ? null : groups;
  }

  function failed(e) { status.textContent = say("unavailable", {}) + " " + e.message; }

  // The best `state.shown` results: ranked, then their rows loaded and shown.
  function present(state, mine) {
    return state.parsed.phrases.length ? presentPhrases(state, mine, state.shown * 2) : presentWords(state, mine);
  }

  function presentWords(state, mine) {
    var known = !state.allow && state.shown === SHOWN && ranked[state.q];
    var ranking = known ? Promise.resolve(known) : deepen(state.groups, state.allow, state.shown, mine, need);
    return ranking.then(function (r) {
      if (!r || mine !== generation) return null;
      return need(rowFiles(r.hits)).then(function () {
        if (mine !== generation) return;
        var more = r.total === null ? r.hits.length >= state.shown : r.total > state.shown;
        show(r.hits.map(function (h) { return rowOf(h[0]); }), state.parsed, state.q, r.total, more, -1);
      });
    });
  }

  // With a quoted phrase, the best `want` items with all its words are candidates; those
  // whose word pairs (`search/x/`) hold each pair of the phrase, in their rank order, are the
  // results. Their pairs load in the round that loads their rows. When too few hold it, more
  // candidates are ranked, up to PHRASE_DEPTH times the results shown.
  function presentPhrases(state, mine, want) {
    var parsed = state.parsed;
    var known = !state.allow && want === SHOWN * 2 && ranked[state.q];
    var ranking = known ? Promise.resolve(known) : deepen(state.groups, state.allow, want, mine, need);
    return ranking.then(function (r) {
      if (!r || mine !== generation) return null;
      var ids = r.hits.map(function (h) { return h[0]; });
      var unchecked = function () {
        if (mine !== generation) return null;
        return need(rowFiles(r.hits)).then(function () {
          if (mine === generation) showUnchecked(state, r, want);
        });
      };
      if (!meta.pairs) return unchecked();
      // The first candidates' rows load with their pairs (most hold a phrase that is common);
      // more candidates' rows only once they are found to hold it.
      var first = want === state.shown * 2;
      return need(pairFiles(ids, parsed).concat(first ? rowFiles(r.hits) : [])).then(function () {
        // A candidate without a pair set (an item of one word, an index from before quotations
        // had sets) is checked on its row, loaded now if it was not.
        var bare = ids.filter(function (id) { return !loadedRow(id) && !setOf(id); });
        return bare.length ? need(rowFiles(bare.map(function (id) { return [id]; }))) : null;
      }).then(function () {
        if (mine !== generation) return null;
        // Every item with all the words was a candidate.
        var all = r.total === null ? r.hits.length < want : r.total <= want;
        var found = ids.filter(function (id) { return hasPhrases(id, parsed); });
        if (!all && found.length < state.shown && want < state.shown * PHRASE_DEPTH) {
          return presentPhrases(state, mine, want * 2);
        }
        var hits = found.slice(0, state.shown).map(function (id) { return [id]; });
        return need(rowFiles(hits)).then(function () {
          if (mine !== generation) return;
          var total = all ? found.length : null;
          var more = found.length > state.shown || !all;
          // None found among the candidates, but there are more: said, and "More results"
          // checks further (a search.html from before this text has none: "no results").
          var none = !found.length && !all && say("phrase-none", {}) ? ids.length : 0;
          show(found.slice(0, state.shown).map(rowOf), parsed, state.q, total, more, -1, none);
        });
      }, unchecked);
    });
  }

  // Phrases checked on the rows' text only (an index without word pairs, or their files
  // failed to load): an article ships its summary, so one with the phrase there comes first,
  // the others (every word present) after a note that says so.
  function showUnchecked(state, r, want) {
    var parsed = state.parsed, hits = r.hits.map(function (h) { return rowOf(h[0]); });
    var exact = hits.filter(function (row) { return rowHas(row, parsed); });
    var maybe = hits.filter(function (row) { return row[0] === "a" && !rowHas(row, parsed); });
    hits = exact.concat(maybe);
    var total = r.total !== null && r.total <= want ? hits.length : null;
    var more = (r.total === null ? r.hits.length >= want : r.total > state.shown) || hits.length > state.shown;
    show(hits.slice(0, state.shown), parsed, state.q, total, more, maybe.length ? exact.length : -1);
  }

  // Whether a row's title and snippet hold every phrase.
  function rowHas(row, parsed) {
    var text = " " + words(row[1] + " " + row[5]).join(" ") + " ";
    return parsed.phrases.every(function (p) { return text.indexOf(" " + p.join(" ") + " ") >= 0; });
  }

  // The `x/` files of the candidates whose rows, as loaded now, do not show the phrase.
  function pairFiles(ids, parsed) {
    var files = {};
    if (!meta.pairs) return [];
    ids.forEach(function (id) {
      var row = loadedRow(id);
      if (!row || !rowHas(row, parsed)) files["x/" + Math.floor(id / meta.pairs[0])] = true;
    });
    return Object.keys(files);
  }

  function loadedRow(id) {
    var chunk = data["d/" + Math.floor(id / meta.chunk)];
    return inlineRows[id] || (chunk && chunk[id % meta.chunk]);
  }

  function hasPhrases(id, parsed) {
    var row = loadedRow(id);
    if (row && rowHas(row, parsed)) return true;
    var set = setOf(id);
    if (!set) return false;
    var hashes = [];
    parsed.phrases.forEach(function (p) {
      for (var i = 1; i < p.length; i++) hashes.push(pairHash(wordHash(p[i - 1]), wordHash(p[i])));
    });
    return inPairSet(set, hashes);
  }

  // An item's pair set, when its `x/` file has loaded ("" for an item that has none).
  function setOf(id) {
    var file = data["x/" + Math.floor(id / meta.pairs[0])];
    return file && file[id % meta.pairs[0]];
  }

  // As src/render/search.rs hashes a folded word (word_hash: FNV-1a over code points) and
  // two adjacent words (pair_hash).
  function wordHash(w) {
    var h = 0x811c9dc5;
    for (var i = 0; i < w.length; i++) {
      var c = w.codePointAt(i);
      if (c > 0xffff) i++;
      h = Math.imul(h ^ c, 0x01000193);
    }
    return h;
  }

  function pairHash(a, b) {
    var h = Math.imul(a, 0x9e3779b1) ^ b;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  // A hash scaled to 0..range as search.rs's `reduce` does: floor(h * range / 2^32), in two
  // halves so that no product passes 2^53.
  function reduce(h, range) {
    var hi = Math.floor(h / 65536), lo = h % 65536;
    return Math.floor((hi * range + Math.floor(lo * range / 65536)) / 65536);
  }

  var SET_DIGITS = {};
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("").forEach(function (c, i) { SET_DIGITS[c] = i; });

  // Whether a pair set (src/render/search.rs pair_set: "n:" then Golomb-Rice coded gaps, six
  // bits a character) holds every one of `hashes`.
  function inPairSet(set, hashes) {
    var colon = set.indexOf(":"), k = meta.pairs[1], step = Math.pow(2, k);
    var range = Math.min(parseInt(set.slice(0, colon), 36) * step, 4294967296);
    var want = hashes.map(function (h) { return reduce(h, range); }).sort(function (a, b) { return a - b; });
    var at = colon + 1, bits = 0, held = 0, value = 0, next = 0;
    var bit = function () {
      if (!held) {
        if (at >= set.length) return -1;
        bits = SET_DIGITS[set[at++]];
        held = 6;
      }
      held--;
      return (bits >> held) & 1;
    };
    while (next < want.length) {
      var q = 0, b, r = 0;
      while ((b = bit()) === 1) q++;
      if (b < 0) return false;
      for (var j = 0; j < k; j++) {
        if ((b = bit()) < 0) return false;
        r = r * 2 + b;
      }
      value += q * step + r;
      if (want[next] < value) return false;
      while (next < want.length && want[next] === value) next++;
    }
    return true;
  }

  // "More results": the next ten, from the postings already read where they suffice.
  var moreButton = document.createElement("button");
  moreButton.type = "button";
  moreButton.id = "search-more";
  moreButton.textContent = say("more", {});
  moreButton.hidden = true;
  list.parentNode.insertBefore(moreButton, list.nextSibling);
  moreButton.addEventListener("click", function () {
    if (!current) return;
    var mine = ++generation, before = links().length;
    started = performance.now();
    rounds = 0;
    depth = 0;
    waited = [];
    current.shown += SHOWN;
    present(current, mine).then(function () {
      // Keyboard users go on from the first new result.
      var all = links();
      if (document.activeElement === moreButton || moreButton.hidden) {
        if (all[before]) all[before].focus();
      }
    }).catch(failed);
  });

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  // The text with every query word (or a word it begins, for the prefix) marked.
  function mark(text, parsed) {
    var targets = parsed.loose.concat(parsed.quoted, [].concat.apply([], parsed.phrases));
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
    parsed.loose.concat(parsed.quoted, [].concat.apply([], parsed.phrases)).forEach(function (t) {
      var at = f.indexOf(t);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    var start = Math.max(0, first - 80);
    var cut = text.slice(start, start + 240);
    return (start > 0 ? "… " : "") + cut + (start + 240 < text.length ? " …" : "");
  }

  // `loose`: the index of the first row that has a phrase's words but perhaps not side by side
  // (an article ships its summary, not its body), or -1.
  // `checked`: when no result is shown but more candidates could hold a phrase, how many were
  // checked (else 0).
  function show(hits, parsed, q, total, more, loose, checked) {
    // How long this query took, files loaded included, and which index files the page has
    // loaded so far (read by scripts/search-budget.py).
    list.setAttribute("data-ms", (performance.now() - started).toFixed(1));
    list.setAttribute("data-loaded", requested.join(" "));
    list.setAttribute("data-q", q);
    list.setAttribute("data-rounds", String(rounds));
    list.setAttribute("data-waits", String(depth));
    list.setAttribute("data-waited", waited.join(" "));
    if (q) setTimeout(function () { fetchAhead(q); }, 0);
    loadNames();
    moreButton.hidden = !more || (!hits.length && !checked);
    list.innerHTML = "";
    if (!q.trim()) { status.textContent = ""; return; }
    var n = { n: hits.length, total: total, q: q };
    status.textContent = checked ? say("phrase-none", { n: checked, q: q })
      : !hits.length ? say("no-results", n)
      : total === null ? say("best", n)
      : total > hits.length ? say("best-of", n)
      : say(hits.length === 1 ? "one-result" : "results", n);
    hits.forEach(function (r, i) { // kind, title, url, source, date, snippet
      // A search.html overridden before this line existed has no text for it: no line.
      if (i === loose && say("loose", {})) {
        var note = document.createElement("li");
        note.className = "search-note";
        note.textContent = say("loose", {});
        list.appendChild(note);
      }
      var li = document.createElement("li");
      li.className = "search-hit";
      var kicker = [KINDS[r[0]] || r[0], r[3], r[4]].filter(Boolean).map(escapeHtml).join(" · ");
      li.innerHTML = '<p class="kicker">' + kicker + "</p>" +
        '<h2 class="card-title"><a href="' + escapeHtml(root + r[2]) + '">' + mark(r[1], parsed) + "</a></h2>" +
        (r[5] ? '<p class="summary">' + mark(snippet(r[5], parsed), parsed) + "</p>" : "");
      list.appendChild(li);
    });
  }

  // Ahead of the next keystroke, what it will likely need, so that it waits for one round of
  // file loads at most:
  // - the word being typed: when the next letter would need another shard file (the word's
  //   prefix is split by its next letter), the likeliest next ones: letters making up 90 % of
  //   the words' occurrences, at most AHEAD files;
  // - with several words (or a word and a space): the later postings of the words finished,
  //   and, once its shard file is here, those of the word being typed with its likeliest next
  //   letters (at most DEEP_AHEAD), which a query of several words reads; the first of those
  //   files carries the rows of the word's next best items.
  function fetchAhead(q) {
    var tail = /[\p{L}\p{N}]+$/u.exec(q), w = tail ? fold(tail[0]) : "";
    var several = /[\p{L}\p{N}][^\p{L}\p{N}]/u.test(q);
    var queries = []; // the likely next queries, whose results are ranked ahead
    if (several) {
      var parsed = parse(q), typing = tail ? words(tail[0]).join(" ") : "";
      var finished = parsed.loose.filter(function (x, i) { return !(i === parsed.loose.length - 1 && x === typing); })
        .concat(parsed.quoted);
      parsed.phrases.forEach(function (p) { finished = finished.concat(p); });
      finished.forEach(function (x) { laterAhead(x, false); });
    }
    if (w) aheadLetters(q, w, several, queries);
    if (several && parse(q).prefix) queries.splice(1, 0, q + " ");
    if (several) rankAhead(queries);
  }

  // The word `w` being typed at the end of `q`: the shard files of its likeliest next letters,
  // and with several words their later postings; the next queries they make pushed to
  // `queries`, likeliest first.
  function aheadLetters(q, w, several, queries) {
    var next = nextLetters(w);
    if (!next) return;
    var total = 0, sum = 0;
    next.forEach(function (c) { total += c[1]; });
    // With several words a missed shard file costs two rounds (it, then later postings), not
    // one: more of the unlikely letters are fetched.
    var most = several ? 2 * AHEAD : AHEAD, share = several ? 0.99 : 0.9;
    for (var i = 0; i < next.length && i < most && sum < share * total; i++) {
      var prefix = next[i][2], file = next[i][0], deep = several && i < DEEP_AHEAD;
      var then = deep ? laterAhead.bind(null, prefix, Array.from(prefix).length >= 3) : function () { /* shard only */ };
      load(file).then(then).catch(function () { /* reported when a query needs it */ });
      if (deep) queries.push(q + Array.from(prefix).slice(-1)[0]);
      sum += next[i][1];
    }
  }

  // With several words, the results of the likely next queries are ranked ahead, one query
  // after the other, and their rows loaded: their ten results are spread over as many `d/`
  // files, a round that no file of postings carries when the words are common together
  // (`said the`). The keystroke then shows the ranked results (the same: ranking is exact
  // whenever it is done) with no file to wait for. Not with a filter set.
  var ranked = {}; // query -> its ranking, done ahead
  function rankAhead(queries) {
    ranked = {};
    var mine = generation;
    if (filtersSet()) return;
    queries.reduce(function (chain, next) {
      return chain.then(function () { return mine === generation ? rankOne(next, mine) : null; });
    }, Promise.resolve()).catch(function () { /* reported when a query needs it */ });
  }

  function rankOne(q, mine) {
    var parsed = parse(q), terms = queryTerms(parsed), files = terms.map(locate);
    if (!terms.length || files.indexOf(null) >= 0) return null;
    return loadAll(files).then(function () {
      var groups = mine === generation && groupsOf(terms, parsed);
      if (!groups) return null;
      return deepen(groups, null, parsed.phrases.length ? SHOWN * 2 : SHOWN, mine, loadAll);
    }).then(function (r) {
      if (!r || mine !== generation) return null;
      ranked[q] = r;
      var ids = r.hits.map(function (h) { return h[0]; });
      return loadAll(rowFiles(r.hits).concat(parsed.phrases.length ? pairFiles(ids, parsed) : []));
    });
  }

  function filtersSet() {
    return [topicSel, sourceSel, fromIn, toIn].some(function (el) { return el && el.value; });
  }

  // The likely next letters of the word `w` being typed: [file, weight, prefix], likeliest
  // first. A split prefix's are its children's shard files (weighed in meta.js); within a shard
  // already loaded, the words it holds weighed by their item counts.
  function nextLetters(w) {
    if (inner[w]) return children[w] || null;
    var file = locate(w), shard = file && data[file];
    if (!shard) return null;
    var by = {}, len = w.length;
    for (var x in shard) {
      if (x.length > len && x.lastIndexOf(w, 0) === 0 && x.slice(-1) !== "*") {
        var p = x.slice(0, len) + Array.from(x.slice(len))[0];
        by[p] = (by[p] || 0) + shard[x][0];
      }
    }
    return Object.keys(by).map(function (p) { return [file, by[p], p]; })
      .sort(function (a, b) { return b[1] - a[1] || (a[2] < b[2] ? -1 : 1); });
  }

  // Load the later postings of `word` (a prefix when `isPrefix`) if its shard file is here.
  function laterAhead(word, isPrefix) {
    var file = locate(word);
    if (!file || !data[file]) return;
    group(word, isPrefix).forEach(function (f) {
      if (f.n < f.df) laterFiles(f).forEach(function (name) { load(name).catch(function () { /* later */ }); });
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

  // The filters' choices: not needed for a first result, so loaded after it.
  var packOf = {}, named = false;
  function loadNames() {
    if (named) return;
    named = true;
    load("f/names").then(function (names) {
      [["t", topicSel, names.topics], ["s", sourceSel, names.sources]].forEach(function (f) {
        f[2].forEach(function (c) {
          packOf[f[0] + c[0]] = c[2];
          if (f[1]) f[1].add(new Option(c[1], String(c[0])));
        });
      });
    }).catch(function (e) { status.textContent = say("filters-unavailable", {}) + " " + e.message; });
  }

  load("meta").then(function (m) {
    meta = m;
    m.leaves.forEach(function (k) { leaves[k] = true; });
    m.inner.forEach(function (k) { inner[k] = true; });
    m.leaves.concat(m.inner).forEach(function (k, i) {
      var chars = Array.from(k);
      if (!chars.length) return;
      var parent = chars.slice(0, -1).join(""), file = "t/" + fileName(k) + (i < m.leaves.length ? "" : ".top");
      (children[parent] = children[parent] || []).push([file, Math.pow(2, m.weights[i] / 4), k]);
    });
    Object.keys(children).forEach(function (k) {
      children[k].sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
    });
    var params = new URLSearchParams(location.search);
    if (params.get("q")) input.value = params.get("q");
    else loadNames();
    run();
  }).catch(failed);
})();
