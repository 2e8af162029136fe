/*
 * The search page (/zoeken/): query, facets and sort live in the URL; nothing is fetched
 * until the visitor searches (kv-ui.js loads the search code then).
 */
(function () {
  "use strict";
  var form = document.getElementById("kv-search");
  if (!form) return;
  var input = form.elements.q;
  var statusBox = document.getElementById("kv-status");
  var list = document.getElementById("kv-results");
  var facetBox = document.getElementById("kv-facets");
  var moreButton = document.getElementById("kv-more");
  var PAGE = 10;
  var FACETS = [
    ["thema", "Thema"], ["jaar", "Jaar"], ["status", "Status"],
    ["partij", "Partij"], ["lid", "Kamerlid"], ["minister", "Bewindspersoon"]
  ];
  var ui = new window.KvUi.Ui(form), el = window.KvUi.el, STATUS_LABELS = window.KvUi.STATUS_LABELS;
  var runId = 0, current = null, shown = PAGE;

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
    return ui.start().then(function (search) {
      var k = search.kenmerk(state.q);
      if (k >= 0 && !typing) {
        location.replace(ui.setUrl(search, search.catalogue.sets.kenmerk[k]));
        return null;
      }
      var qs = search.queryString(state.q, false);
      if (state.q.trim() && !qs) return { search: search, hits: [], note: "Alleen veelvoorkomende woorden (zoals ‘de’ en ‘het’): zoek op specifiekere woorden." };
      if (!qs) {
        return { search: search, hits: search.catalogue.sets.kenmerk.map(function (_, i) { return { set: i, score: 0, terms: {} }; }) };
      }
      // Whole words first; while typing, a word not (yet) in the index is tried as a prefix.
      return search.search(qs).then(function (results) {
        return results.length || !typing ? results : search.search(search.queryString(state.q, true));
      }).then(function (results) {
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
    return ui.showResults(search, page, list, function () { return id === runId; }, false).then(function (shownNow) {
      if (!shownNow) return;
      moreButton.hidden = hits.length <= shown;
      var n = hits.length;
      say(current.note || (n === 0 ? "Geen resultaten." : n + (n === 1 ? " resultaat" : " resultaten") +
        (state.q.trim() ? " voor ‘" + state.q.trim() + "’" : "") + (n > shown ? ", de eerste " + shown + " getoond." : ".")));
    });
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
    }, 20);  // short: a stale search is dropped anyway (runId)
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
  input.addEventListener("focus", function () { ui.start(); });  // the visitor is about to search
  var initial = readUrl();
  applyToForm(initial);
  if (initial.q || hasFilters(initial)) run(initial, false);
  else say("Typ een of meer woorden.");
})();
