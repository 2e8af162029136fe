/*
 * The search page (/zoeken/): query, facets and sort live in the URL; nothing is fetched
 * until the visitor searches. Results are built with DOM methods and textContent only, so
 * no text from the archive or the query is ever parsed as HTML.
 */
(function () {
  "use strict";
  var form = document.getElementById("kv-search");
  if (!form) return;
  var base = form.getAttribute("data-kv-base");
  var assets = form.getAttribute("data-kv-assets");
  var input = form.elements.q;
  var statusBox = document.getElementById("kv-status");
  var list = document.getElementById("kv-results");
  var facetBox = document.getElementById("kv-facets");
  var moreButton = document.getElementById("kv-more");
  var PAGE = 20;
  var FACETS = [
    ["thema", "Thema"], ["jaar", "Jaar"], ["status", "Status"],
    ["partij", "Partij"], ["lid", "Kamerlid"], ["minister", "Bewindspersoon"]
  ];
  var STATUS_LABELS = { "open": "Open", "beantwoord": "Beantwoord", "te-laat": "Te laat beantwoord", "uitgesteld": "Uitgesteld" };
  var dateFormat = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric" });
  var engine = null, runId = 0, current = null, shown = PAGE;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("Kon " + src + " niet laden")); };
      document.head.appendChild(s);
    });
  }

  function fetchJson(path) {
    return fetch(base + "search/" + path).then(function (r) {
      if (!r.ok) throw new Error("Zoekgegevens niet gevonden (" + r.status + ")");
      return r.json();
    });
  }

  /* Loads the search code and catalogue once, on the first search. */
  function start() {
    if (!engine) {
      var scripts = ["vendor/lunr.min.js", "vendor/lunr.stemmer.support.min.js", "vendor/lunr.nl.min.js", "kv-search-core.js"];
      engine = scripts.reduce(function (p, s) {
        return p.then(function () { return loadScript(assets + s); });
      }, Promise.resolve()).then(function () {
        return fetchJson("catalogue.json");
      }).then(function (catalogue) {
        return new window.KvSearch(catalogue, fetchJson);
      });
    }
    return engine;
  }

  function readUrl() {
    var params = new URLSearchParams(location.search), filters = {};
    FACETS.forEach(function (f) { filters[f[0]] = params.getAll(f[0]); });
    return { q: params.get("q") || "", sort: params.get("sort") === "datum" ? "datum" : "relevantie", filters: filters };
  }

  function writeUrl(state, push) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    if (state.sort === "datum") params.set("sort", "datum");
    FACETS.forEach(function (f) { state.filters[f[0]].forEach(function (v) { params.append(f[0], v); }); });
    var url = location.pathname + (params.toString() ? "?" + params.toString() : "");
    if (url !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](null, "", url);
  }

  function formState() {
    var filters = {};
    FACETS.forEach(function (f) {
      filters[f[0]] = Array.prototype.filter.call(form.querySelectorAll("input[name='" + f[0] + "']"), function (c) {
        return c.checked;
      }).map(function (c) { return c.value; });
    });
    return { q: input.value, sort: form.elements.sort.value, filters: filters };
  }

  function hasFilters(state) {
    return FACETS.some(function (f) { return state.filters[f[0]].length; });
  }

  function say(text) { statusBox.textContent = text; }

  /* Does set i pass every facet filter except `skip`? */
  function passes(search, i, state, skip) {
    var sets = search.catalogue.sets, values = search.catalogue.values;
    return FACETS.every(function (f) {
      var key = f[0], wanted = state.filters[key];
      if (key === skip || !wanted.length) return true;
      var own = key === "status" ? [sets.status[i]] : sets[key][i];
      return own.some(function (v) { return wanted.indexOf(values[key][v]) >= 0; });
    });
  }

  function run(state, typing) {
    var id = ++runId;
    shown = PAGE;
    if (!state.q.trim() && !hasFilters(state)) {
      list.textContent = "";
      moreButton.hidden = true;
      say("Typ een of meer woorden.");
      return Promise.resolve();
    }
    say("Zoeken…");
    return start().then(function (search) {
      var k = search.kenmerk(state.q);
      if (k >= 0 && !typing) {
        location.replace(base + search.catalogue.setUrl.replace("KENMERK", search.catalogue.sets.kenmerk[k]));
        return null;
      }
      var qs = search.queryString(state.q, typing);
      if (state.q.trim() && !qs) return { search: search, hits: [], note: "Alleen veelvoorkomende woorden (zoals ‘de’ en ‘het’): zoek op specifiekere woorden." };
      if (!qs) {
        return { search: search, hits: search.catalogue.sets.kenmerk.map(function (_, i) { return { set: i, score: 0, terms: {} }; }) };
      }
      return search.search(qs).then(function (results) {
        var hits = results.map(function (r) {
          return { set: Number(r.ref), score: r.score, terms: r.matchData.metadata };
        });
        if (k >= 0 && !hits.some(function (h) { return h.set === k; })) hits.unshift({ set: k, score: Infinity, terms: {} });
        return { search: search, hits: hits };
      });
    }).then(function (found) {
      if (!found || id !== runId) return;
      current = { state: state, search: found.search, all: found.hits, note: found.note };
      return render();
    }).catch(function (err) {
      if (id === runId) say("Zoeken lukt nu niet: " + err.message);
    });
  }

  function render() {
    var search = current.search, state = current.state, sets = search.catalogue.sets;
    var hits = current.all.filter(function (h) { return passes(search, h.set, state, null); });
    if (state.sort === "datum" || !state.q.trim()) {
      hits.sort(function (a, b) { return sets.datum[b.set] < sets.datum[a.set] ? -1 : sets.datum[b.set] > sets.datum[a.set] ? 1 : 0; });
    }
    renderFacets(search, state);
    var page = hits.slice(0, shown), id = runId;
    return Promise.all(page.map(function (h) { return fetchJson("sets/" + sets.kenmerk[h.set] + ".json"); })).then(function (records) {
      if (id !== runId) return;
      list.textContent = "";
      records.forEach(function (record, i) { list.appendChild(resultItem(search, page[i], record)); });
      moreButton.hidden = hits.length <= shown;
      var n = hits.length;
      say(current.note || (n === 0 ? "Geen resultaten." : n + (n === 1 ? " resultaat" : " resultaten") +
        (state.q.trim() ? " voor ‘" + state.q.trim() + "’" : "") + (n > shown ? ", de eerste " + shown + " getoond." : ".")));
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function resultItem(search, hit, record) {
    var sets = search.catalogue.sets, li = el("li", "kv-result");
    li.dataset.datum = sets.datum[hit.set];
    var snippet = search.snippet(record, hit.terms);
    var url = base + search.catalogue.setUrl.replace("KENMERK", record.kenmerk) + (snippet && snippet.anchor ? "#" + snippet.anchor : "");
    var link = el("a", "kv-result__title", record.titel);
    link.href = url;
    li.appendChild(link);
    var meta = el("p", "kv-result__meta");
    meta.appendChild(el("span", "kv-kenmerk", record.kenmerk));
    meta.appendChild(document.createTextNode(" · " + dateFormat.format(new Date(sets.datum[hit.set])) + " · " + record.vragenstellers + " · "));
    var status = search.catalogue.values.status[sets.status[hit.set]];
    meta.appendChild(el("span", "kv-status kv-status--" + status, STATUS_LABELS[status]));
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
  }

  function renderFacets(search, state) {
    var catalogue = search.catalogue;
    facetBox.textContent = "";
    FACETS.forEach(function (f) {
      var key = f[0], counts = {};
      current.all.forEach(function (h) {
        if (!passes(search, h.set, state, key)) return;
        var own = key === "status" ? [catalogue.sets.status[h.set]] : catalogue.sets[key][h.set];
        own.forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
      });
      var values = Object.keys(counts).map(Number).sort(function (a, b) { return counts[b] - counts[a] || a - b; });
      state.filters[key].forEach(function (name) {
        var v = catalogue.values[key].indexOf(name);
        if (v >= 0 && !counts[v]) { counts[v] = 0; values.push(v); }
      });
      if (!values.length) return;
      var fieldset = el("fieldset", "kv-facet");
      fieldset.appendChild(el("legend", null, f[1]));
      values.forEach(function (v) {
        var name = catalogue.values[key][v], id = "kv-f-" + key + "-" + v;
        var check = el("input");
        check.type = "checkbox"; check.name = key; check.value = name; check.id = id;
        check.checked = state.filters[key].indexOf(name) >= 0;
        var label = el("label", null, (key === "status" ? STATUS_LABELS[name] : name) + " (" + counts[v] + ")");
        label.htmlFor = id;
        var row = el("div", "kv-facet__value");
        row.appendChild(check); row.appendChild(label);
        fieldset.appendChild(row);
      });
      facetBox.appendChild(fieldset);
    });
  }

  function applyToForm(state) {
    input.value = state.q;
    form.elements.sort.value = state.sort;
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var state = formState();
      writeUrl(state, false);
      run(state, true);
    }, 60);
  });
  form.addEventListener("change", function (e) {
    if (e.target === input) return;
    var state = formState();
    writeUrl(state, true);
    if (current) { current.state = state; shown = PAGE; render(); } else run(state, false);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var state = formState();
    writeUrl(state, true);
    run(state, false);
  });
  moreButton.addEventListener("click", function () {
    shown += PAGE;
    render();
  });
  window.addEventListener("popstate", function () {
    var state = readUrl();
    applyToForm(state);
    run(state, false);
  });
  var initial = readUrl();
  applyToForm(initial);
  if (initial.q || hasFilters(initial)) run(initial, false);
  else say("Typ een of meer woorden.");
})();
