// The decision library's search: reads the query and filters from the address, fetches from
// search/ only the index files they need (meta.json, a chunk a word, a file a filter, the dates
// table, the places of a long phrase's triples, a fragment a result shown) and shows one page
// of results. See docs/search-index.md.
(function () {
  "use strict";
  var PER_PAGE = 20;
  var FILTERS = ["outcome", "area", "subject", "authority"];
  var form = document.getElementById("search-form");
  var box = document.getElementById("results");
  var status = document.getElementById("results-status");
  var list = document.getElementById("results-list");
  var pages = document.getElementById("results-pages");
  var encoder = new TextEncoder();
  var decoder = new TextDecoder();
  var files = new Map();
  // The library's words, from the wording; `say` fills their words in braces.
  var WORDS = {{ script_words | json_encode() | safe }};
  function say(key, values) {
    return WORDS[key].replace(/\{([a-z_]+)\}/g, function (all, name) {
      return values && name in values ? String(values[name]) : all;
    });
  }

  function get(path, json) {
    if (!files.has(path)) {
      files.set(path, fetch("search/" + path).then(function (r) {
        if (!r.ok) { throw new Error("search/" + path + ": " + r.status); }
        return json ? r.json() : r.arrayBuffer().then(function (b) { return new Uint8Array(b); });
      }));
    }
    return files.get(path);
  }

  function Reader(bytes) { this.b = bytes; this.at = 0; }
  Reader.prototype.done = function () { return this.at >= this.b.length; };
  Reader.prototype.varint = function () {
    var n = 0, mul = 1;
    for (;;) {
      var x = this.b[this.at++];
      if (x === undefined) { throw new Error("the index ends inside a number"); }
      n += (x & 0x7f) * mul;
      if (x < 0x80) { return n; }
      mul *= 128;
    }
  };
  Reader.prototype.bytes = function (n) { var s = this.b.subarray(this.at, this.at + n); this.at += n; return s; };
  Reader.prototype.sized = function () { return this.bytes(this.varint()); };

  // A set of ids: a list of gaps (kind 0) or a bitmap from a base (kind 1).
  function decodeIds(bytes) {
    var r = new Reader(bytes), kind = r.bytes(1)[0], ids = [], i;
    if (kind === 0) {
      var n = r.varint(), last = 0;
      for (i = 0; i < n; i++) { last = i === 0 ? r.varint() : last + r.varint(); ids.push(last); }
    } else {
      var base = r.varint(), map = r.bytes(r.varint());
      for (i = 0; i < map.length; i++) {
        if (!map[i]) { continue; }
        for (var bit = 0; bit < 8; bit++) { if (map[i] & (1 << bit)) { ids.push(base + i * 8 + bit); } }
      }
    }
    return ids;
  }

  function parseChunk(bytes) {
    var r = new Reader(bytes), records = new Map();
    while (!r.done()) {
      var key = decoder.decode(r.sized()), stem = r.sized(), alias = null;
      if (stem.length) { alias = decoder.decode(stem); r.varint(); }
      var ids = r.sized();
      records.set(key, { alias: alias, ids: ids.length ? ids : null });
    }
    return records;
  }

  function compareBytes(a, b) {
    for (var i = 0; i < Math.min(a.length, b.length); i++) { if (a[i] !== b[i]) { return a[i] - b[i]; } }
    return a.length - b.length;
  }

  // The record of a key: in the last chunk whose first key is not after it, of the word
  // index (`w/`) or of the triples' places (`p/`).
  function record(meta, key, dir) {
    var list = dir === "p" ? meta.placeChunks : meta.words;
    var firsts = dir === "p" ? meta.placeFirsts : meta.firsts;
    if (!list.length) { return Promise.resolve(null); }
    var k = encoder.encode(key), lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (compareBytes(firsts[mid], k) <= 0) { lo = mid + 1; } else { hi = mid; }
    }
    var file = (dir || "w") + "/" + list[Math.max(0, lo - 1)][1];
    var key2 = "chunk:" + file;
    if (!files.has(key2)) { files.set(key2, get(file).then(parseChunk)); }
    return files.get(key2).then(function (c) { return c.get(key) || null; });
  }

  // Where a triple stands in each decision: id -> its places, ascending.
  function placesOf(meta, key) {
    // The list of the chunks of places is fetched once, for the first long phrase.
    if (!meta.placesListed) {
      meta.placesListed = get(meta.places, true).then(function (list) {
        meta.placeChunks = list;
        meta.placeFirsts = list.map(function (w) { return encoder.encode(w[0]); });
      });
    }
    return meta.placesListed.then(function () {
      return record(meta, key, "p");
    }).then(function (r) {
      var out = new Map();
      if (!r || !r.ids) { return out; }
      var rd = new Reader(r.ids), id = 0, first = true;
      while (!rd.done()) {
        id = first ? rd.varint() : id + rd.varint();
        first = false;
        var n = rd.varint(), at = [], last = 0;
        for (var i = 0; i < n; i++) { last = i === 0 ? rd.varint() : last + rd.varint(); at.push(last); }
        out.set(id, at);
      }
      return out;
    });
  }

  // The stems of a decision changed since the places were built, in order (`q/<id>.bin`).
  function sequenceOf(id) {
    return get("q/" + id + ".bin").then(function (bytes) {
      var r = new Reader(bytes), n = r.varint(), stems = [], out = [];
      for (var i = 0; i < n; i++) { stems.push(decoder.decode(r.sized())); }
      while (!r.done()) { out.push(stems[r.varint()]); }
      return out;
    });
  }

  function holds(sorted, x) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (sorted[mid] < x) { lo = mid + 1; } else { hi = mid; } }
    return lo < sorted.length && sorted[lo] === x;
  }

  // A phrase of more than three words holds in a decision where its first triple stands at
  // some place and the triples that tile it stand at that place and the right distance on.
  function wholePhrases(meta, ids, phrases) {
    var long = phrases.filter(function (st) { return st.length > 3; });
    if (!long.length || !ids.length) { return Promise.resolve(ids); }
    var moved = new Set(meta.moved || []);
    return Promise.all(long.map(function (st) {
      var offsets = [];
      for (var o = 0; o < st.length - 2; o += 3) { offsets.push(o); }
      if (offsets[offsets.length - 1] !== st.length - 3) { offsets.push(st.length - 3); }
      return Promise.all(offsets.map(function (o) { return placesOf(meta, st.slice(o, o + 3).join(" ")); }))
        .then(function (maps) { return { stems: st, offsets: offsets, maps: maps }; });
    })).then(function (checks) {
      var fromQ = ids.filter(function (id) { return moved.has(id); });
      return Promise.all(fromQ.map(sequenceOf)).then(function (seqs) {
        var seq = new Map();
        fromQ.forEach(function (id, i) { seq.set(id, seqs[i]); });
        return ids.filter(function (id) {
          return checks.every(function (c) {
            if (moved.has(id)) {
              var s = seq.get(id), n = c.stems.length;
              for (var i = 0; i + n <= s.length; i++) {
                var j = 0;
                while (j < n && s[i + j] === c.stems[j]) { j++; }
                if (j === n) { return true; }
              }
              return false;
            }
            var at = c.maps.map(function (m) { return m.get(id) || []; });
            return at[0].some(function (p) {
              return c.offsets.every(function (o, k) { return holds(at[k], p + o); });
            });
          });
        });
      });
    });
  }

  // A word as typed stands for the stem it was given where it occurs in the library.
  function stem(meta, word) {
    return record(meta, word).then(function (r) { return r && r.alias ? r.alias : word; });
  }

  function idsOf(meta, key) {
    return record(meta, key).then(function (r) { return r && r.ids ? decodeIds(r.ids) : []; });
  }

  // Words as the index cuts them: Unicode word boundaries, lower case, straight apostrophes.
  function words(text) {
    var out = [];
    var seg = new Intl.Segmenter("en", { granularity: "word" });
    for (var s of seg.segment(text)) {
      if (s.isWordLike) { out.push({ word: s.segment.toLowerCase().replace(/\u2019/g, "'"), at: s.index, len: s.segment.length }); }
    }
    return out;
  }

  // The query: loose words, and "quoted phrases" of several words.
  function parseQuery(q) {
    var loose = [], phrases = [];
    var parts = q.replace(/[\u201c\u201d]/g, "\"").split("\"");
    parts.forEach(function (part, i) {
      var w = words(part).map(function (x) { return x.word; });
      if (i % 2 === 1 && w.length > 1) { phrases.push(w); } else { loose.push.apply(loose, w); }
    });
    return { loose: loose, phrases: phrases };
  }

  function decodeDates(bytes, count) {
    var days = new Uint32Array(count), r = new Reader(bytes), at = 0;
    while (!r.done()) {
      var day = r.varint(), run = r.varint();
      days.fill(day, at, at + run);
      at += run;
    }
    return days;
  }

  function dayOf(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000 : null;
  }

  function intersect(sets, size) {
    sets.sort(function (a, b) { return a.length - b.length; });
    var result = sets[0];
    for (var i = 1; i < sets.length; i++) {
      var mark = new Uint8Array(size);
      sets[i].forEach(function (id) { mark[id] = 1; });
      result = result.filter(function (id) { return mark[id]; });
    }
    return result;
  }

  function run(meta, p) {
    var query = parseQuery(p.q || "");
    var all = query.loose.concat.apply(query.loose, query.phrases);
    var phraseStems = [];
    return Promise.all(all.map(function (w) { return stem(meta, w); })).then(function (stems) {
      var byWord = new Map();
      all.forEach(function (w, i) { byWord.set(w, stems[i]); });
      var sets = query.loose.map(function (w) { return idsOf(meta, byWord.get(w)); });
      // A phrase of two words is its pair; a longer one, each run of three words in it, and
      // past three words, where those runs stand (`wholePhrases`).
      query.phrases.forEach(function (ph) {
        var st = ph.map(function (w) { return byWord.get(w); });
        phraseStems.push(st);
        if (st.length === 2) { sets.push(idsOf(meta, st.join(" "))); }
        for (var i = 2; i < st.length; i++) { sets.push(idsOf(meta, st.slice(i - 2, i + 1).join(" "))); }
      });
      FILTERS.forEach(function (name) {
        if (!p[name]) { return; }
        var v = meta.filters[name].find(function (x) { return x.value === p[name]; });
        sets.push(v ? get("f/" + v.file).then(decodeIds) : []);
      });
      // The office's facts: `fact-<key>` in the address.
      (meta.filters.facts || []).forEach(function (f) {
        var want = p["fact-" + f.key];
        if (!want) { return; }
        var v = f.values.find(function (x) { return x.value === want; });
        sets.push(v ? get("f/" + v.file).then(decodeIds) : []);
      });
      // Relevance: loose words that stand next to each other as typed.
      var near = p.sort === "relevance" ? query.loose.slice(1).map(function (w, i) {
        return idsOf(meta, byWord.get(query.loose[i]) + " " + byWord.get(w));
      }) : [];
      return Promise.all([Promise.all(sets), get(meta.dates), Promise.all(near), stems]);
    }).then(function (got) {
      var days = decodeDates(got[1], meta.ids);
      var ids = got[0].length ? intersect(got[0], meta.ids) : [];
      if (!got[0].length) { days.forEach(function (d, id) { if (d) { ids.push(id); } }); }
      var from = dayOf(p.from), to = dayOf(p.to);
      ids = ids.filter(function (id) {
        var d = days[id];
        return d && (from === null || d >= from) && (to === null || d <= to);
      });
      return wholePhrases(meta, ids, phraseStems).then(function (ids) {
        var score = new Uint16Array(meta.ids);
        got[2].forEach(function (set) { set.forEach(function (id) { score[id] += 1; }); });
        ids.sort(function (a, b) { return (score[b] - score[a]) || (days[b] - days[a]) || (b - a); });
        // Each phrase's words as typed and as stemmed, to find it in an excerpt.
        var phrases = query.phrases.map(function (ph, k) {
          return ph.map(function (w, j) { return [w, phraseStems[k][j]]; });
        });
        return { ids: ids, marks: got[3].concat(all), phrases: phrases };
      });
    });
  }

  function el(name, attrs, text) {
    var e = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function like(w, m) { return w === m || (m.length > 2 && w.indexOf(m) === 0 && w.length - m.length <= 4); }

  // Where a quoted phrase stands in the words `ws`, or -1.
  function phraseAt(ws, phrases) {
    for (var i = 0; i < ws.length; i++) {
      var whole = phrases.some(function (ph) {
        return i + ph.length <= ws.length && ph.every(function (w, j) {
          return like(ws[i + j].word, w[0]) || like(ws[i + j].word, w[1]);
        });
      });
      if (whole) { return i; }
    }
    return -1;
  }

  // About forty words of the text around the first quoted phrase of the query, or else its
  // first word, the query's words marked.
  function excerpt(text, found) {
    var ws = words(text), marks = found.marks;
    var hit = function (w) { return marks.some(function (m) { return like(w, m); }); };
    var first = phraseAt(ws, found.phrases);
    if (first < 0) { first = ws.findIndex(function (w) { return hit(w.word); }); }
    var start = Math.max(0, first - 12), end = Math.min(ws.length, start + 40);
    var p = el("p", { "class": "excerpt" });
    if (!ws.length) { return p; }
    var at = ws[start].at;
    if (start > 0) { p.append("… "); }
    for (var i = start; i < end; i++) {
      var w = ws[i];
      p.append(text.slice(at, w.at));
      p.append(hit(w.word) ? el("mark", {}, text.substr(w.at, w.len)) : text.substr(w.at, w.len));
      at = w.at + w.len;
    }
    if (end < ws.length) { p.append(" …"); }
    return p;
  }

  function show(f, found) {
    var li = el("li", { "class": "result" });
    var h = el("h2");
    h.append(el("a", { href: f.html || f.pdf || "" }, f.title));
    li.append(h);
    var facts = el("dl", { "class": "facts" });
    var shown = [[box.dataset.category, f.category], [box.dataset.outcome, f.outcome], [box.dataset.decided, f.decided]];
    shown.concat(f.facts || []).forEach(function (x) {
      var d = el("div");
      d.append(el("dt", {}, x[0]), el("dd", {}, x[1]));
      facts.append(d);
    });
    li.append(facts, excerpt(f.text, found));
    var links = el("p", { "class": "formats" });
    if (f.html) { links.append(el("a", { href: f.html }, say("web_page")), " · "); }
    if (f.pdf) { links.append(el("a", { href: f.pdf }, "PDF")); }
    links.querySelectorAll("a").forEach(function (a) { a.append(el("span", { "class": "vh" }, " " + say("of_decision", { what: f.reference }))); });
    li.append(links);
    return li;
  }

  function pageLink(p, n, label, rel) {
    var q = new URLSearchParams();
    Object.keys(p).forEach(function (k) { if (p[k] && k !== "page") { q.set(k, p[k]); } });
    if (n > 1) { q.set("page", n); }
    var a = el("a", { href: "search.html?" + q }, label);
    if (rel) { a.setAttribute("rel", rel); }
    return a;
  }

  function paging(p, page, total) {
    pages.replaceChildren();
    var last = Math.max(1, Math.ceil(total / PER_PAGE));
    pages.hidden = last === 1;
    if (page > 1) { pages.append(pageLink(p, page - 1, say("previous"), "prev")); }
    pages.append(el("p", {}, say("page_of", { number: page, pages: last })));
    if (page < last) { pages.append(pageLink(p, page + 1, say("next"), "next")); }
  }

  function start() {
    var params = new URLSearchParams(location.search), p = {};
    var names = ["q", "outcome", "area", "subject", "authority", "from", "to", "sort", "page"];
    params.forEach(function (v, k) { if (k.indexOf("fact-") === 0 && names.indexOf(k) < 0) { names.push(k); } });
    names.forEach(function (k) {
      p[k] = params.get(k) || "";
      var field = form.elements[k];
      if (field && p[k]) { field.value = p[k]; }
    });
    var page = Math.max(1, parseInt(p.page, 10) || 1);
    box.dataset.state = "busy";
    status.textContent = say("searching");
    get("meta.json", true).then(function (meta) {
      meta.firsts = meta.words.map(function (w) { return encoder.encode(w[0]); });
      return run(meta, p);
    }).then(function (found) {
      var total = found.ids.length;
      var shown = found.ids.slice((page - 1) * PER_PAGE, page * PER_PAGE);
      return Promise.all(shown.map(function (id) { return get("d/" + id + ".json", true); })).then(function (frags) {
        list.replaceChildren.apply(list, frags.map(function (f) { return show(f, found); }));
        list.start = (page - 1) * PER_PAGE + 1;
        // The count stands in its own element, as digits, wherever the words put it.
        var around = say(total === 1 ? "found_one" : "found_many").split("{count}");
        status.replaceChildren(around[0], el("span", { id: "results-count" }, String(total)),
          around.slice(1).join(String(total)),
          total <= PER_PAGE ? "" : shown.length ? say("showing", { from: list.start, to: list.start + shown.length - 1 }) : say("showing_none"));
        paging(p, page, total);
        box.dataset.state = "done";
      });
    }).catch(function (e) {
      status.textContent = say("failed", { what: e.message });
      box.dataset.state = "failed";
    });
  }

  start();
}());
