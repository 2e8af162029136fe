/*
 * Shared by the search page and the precedent finder: loads the search code and catalogue
 * once, on first use, and renders results with DOM methods and textContent only, so no
 * text from the archive or from the visitor is ever parsed as HTML.
 */
(function () {
  "use strict";
  var ANSWER_DATED = { "beantwoord": true, "te-laat": true }; // their date is the answer's, else the questions'

  var SCRIPTS = ["vendor/lunr.min.js", "vendor/lunr.stemmer.support.min.js", "vendor/lunr.nl.min.js", "kv-search-core.js"];
  // Dates are whole days (since 1970-01-01, from the catalogue): shown as UTC they are the same day everywhere.
  var DAY_MS = 86400000;
  var dateFormat = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

  function Ui(root) {
    this.base = root.getAttribute("data-kv-base");
    this.assets = root.getAttribute("data-kv-assets");
    this.engine = null;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.async = false; // download in parallel, run in order
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("Kon " + src + " niet laden")); };
      document.head.appendChild(s);
    });
  }

  /*
   * A search file as JSON. Files other than the catalogue are stored gzip-compressed; a
   * server that sends them with Content-Encoding: gzip has already unpacked them, so the
   * first two bytes decide (JSON never starts with the gzip signature 1f 8b).
   */
  Ui.prototype.fetchJson = function (path) {
    return fetch(this.base + "search/" + path).then(function (r) {
      if (!r.ok) throw new Error("Zoekgegevens niet gevonden (" + r.status + ")");
      return r.arrayBuffer();
    }).then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new TextDecoder().decode(bytes);
      if (typeof DecompressionStream === "undefined") {
        throw new Error("Deze browser kan de zoekgegevens niet uitpakken; zoeken werkt in een recentere browser");
      }
      return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
    }).then(JSON.parse);
  };

  /* The search engine (KvSearch), loaded on first use. */
  Ui.prototype.start = function () {
    var self = this;
    if (!this.engine) {
      // Scripts and catalogue load at the same time; the scripts still run in order.
      var scripts = Promise.all(SCRIPTS.map(function (s) { return loadScript(self.assets + s); }));
      this.engine = Promise.all([scripts, this.fetchJson("catalogue.json")]).then(function (loaded) {
        return new window.KvSearch(loaded[1], self.fetchJson.bind(self));
      });
    }
    return this.engine;
  };

  /* A date (days since 1970-01-01) as people read it: "5 januari 2026". */
  Ui.prototype.date = function (day) {
    return dateFormat.format(new Date(day * DAY_MS));
  };

  Ui.prototype.setUrl = function (search, kenmerk) {
    return this.base + search.catalogue.setUrl.replace("KENMERK", kenmerk);
  };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* One result: title linked to the best matching part, facts, and a snippet with marks. */
  Ui.prototype.resultItem = function (search, hit, record, preferAnswers) {
    var sets = search.sets, li = el("li", "kv-result");
    li.dataset.datum = new Date(sets.datum[hit.set] * DAY_MS).toISOString().slice(0, 10);
    var snippet = search.snippet(record, hit.terms, 18, preferAnswers);
    var link = el("a", "kv-result__title", record.titel);
    link.href = this.setUrl(search, record.kenmerk) + (snippet && snippet.anchor ? "#" + snippet.anchor : "");
    li.appendChild(link);
    var meta = el("p", "kv-result__meta");
    meta.appendChild(el("span", "kv-kenmerk", record.kenmerk));
    var status = sets.status[hit.set];
    var when = (ANSWER_DATED[status] ? "beantwoord " : "gesteld ") + this.date(sets.datum[hit.set]);
    meta.appendChild(document.createTextNode(" · " + when + " · " + record.vragenstellers + " · "));
    meta.appendChild(el("span", "kv-status kv-status--" + status, search.catalogue.statussen[status]));
    li.appendChild(meta);
    if (snippet) {
      var p = el("p", "kv-result__snippet");
      if (snippet.heading && snippet.anchor) p.appendChild(el("strong", null, snippet.heading + ": "));
      snippet.pieces.forEach(function (piece) {
        p.appendChild(piece[1] ? el("mark", null, piece[0]) : document.createTextNode(piece[0]));
      });
      li.appendChild(p);
    }
    return li;
  };

  /* Fetch the texts of `hits` and show them in `list`; resolves false if `stillCurrent()` turned false. */
  Ui.prototype.showResults = function (search, hits, list, stillCurrent, preferAnswers) {
    var self = this;
    // search.record fetches each set's texts once (a phrase check may have fetched them).
    return Promise.all(hits.map(function (h) { return search.record(h.set); })).then(function (records) {
      if (!stillCurrent()) return false;
      list.textContent = "";
      records.forEach(function (record, i) { list.appendChild(self.resultItem(search, hits[i], record, preferAnswers)); });
      return true;
    });
  };

  window.KvUi = { Ui: Ui, el: el };
})();
