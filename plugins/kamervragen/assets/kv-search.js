/*
 * The search page (/zoeken/): query, facets and sort live in the URL; nothing is fetched
 * until the visitor searches (kv-ui.js loads the search code then). The header's search
 * field searches here as the visitor types, like the page's own field.
 */
(function () {
  "use strict";
  var form = document.getElementById("kv-search");
  if (!form) return;
  var input = form.elements.q;
  var sortSelect = document.getElementById("kv-sort");
  var statusBox = document.getElementById("kv-status");
  var suggestBox = document.getElementById("kv-suggest");
  var list = document.getElementById("kv-results");
  var filters = document.getElementById("kv-filters");
  var facetBox = document.getElementById("kv-facets");
  var toggle = document.getElementById("kv-filter-toggle");
  var moreButton = document.getElementById("kv-more");
  var header = document.getElementById("kv-header-q");
  var PAGE = 10, FACET_SHOWN = 8;
  var FACETS = [
    ["thema", "Thema"], ["jaar", "Jaar"], ["status", "Status"],
    ["partij", "Partij"], ["lid", "Kamerlid"], ["minister", "Bewindspersoon"]
  ];
  var ui = new window.KvUi.Ui(form), el = window.KvUi.el, STATUS_LABELS = window.KvUi.STATUS_LABELS;
  var runId = 0, current = null, shown = PAGE, openFacets = {};

  function readUrl() {
    var params = new URLSearchParams(location.search), chosen = {};
    FACETS.forEach(function (f) { chosen[f[0]] = params.getAll(f[0]); });
    return { q: params.get("q") || "", sort: params.get("sort") === "datum" ? "datum" : "relevantie", filters: chosen };
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
    var chosen = {};
    FACETS.forEach(function (f) {
      chosen[f[0]] = Array.prototype.filter.call(facetBox.querySelectorAll("input[name='" + f[0] + "']"), function (c) {
        return c.checked;
      }).map(function (c) { return c.value; });
    });
    return { q: input.value, sort: sortSelect.value, filters: chosen };
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
      facetBox.textContent = "";
      suggestBox.hidden = true;
      moreButton.hidden = true;
      current = null;
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
      if (!state.q.trim()) {
        return { search: search, mode: "alle", hits: search.catalogue.sets.kenmerk.map(function (_, i) { return { set: i, score: 0, terms: {} }; }) };
      }
      return search.find(state.q, typing).then(function (found) {
        if (k >= 0 && !found.hits.some(function (h) { return h.set === k; })) found.hits.unshift({ set: k, score: Infinity, terms: {} });
        found.search = search;
        return found;
      });
    }).then(function (found) {
      if (!found || id !== runId) return;
      current = { state: state, search: found.search, all: found.hits, found: found };
      return render();
    }).catch(function (err) {
      if (id === runId) say("Zoeken lukt nu niet: " + err.message);
    });
  }

  /* "Bedoelde u …": each suggestion links to the query with that one word replaced. */
  function renderSuggestions(found, q) {
    suggestBox.textContent = "";
    var suggestions = found.suggestions || [];
    suggestBox.hidden = !suggestions.length;
    suggestions.forEach(function (s, i) {
      suggestBox.appendChild(document.createTextNode((i ? " Voor ‘" : "Bedoelde u voor ‘") + s.word + "’: "));
      s.alternatives.forEach(function (alt, j) {
        if (j) suggestBox.appendChild(document.createTextNode(j === s.alternatives.length - 1 ? " of " : ", "));
        var link = el("a", null, alt);
        // The word as parsed (apostrophes dropped) may differ from what was typed.
        var typed = q.indexOf(s.word) >= 0 ? q : window.KvSearch.normalize(q);
        link.href = "?q=" + encodeURIComponent(typed.split(s.word).join(alt));
        suggestBox.appendChild(link);
      });
      suggestBox.appendChild(document.createTextNode("?"));
    });
  }

  function statusText(found, state, n) {
    var q = state.q.trim();
    if (found.mode === "stopwoorden") return "Alleen veelvoorkomende woorden (zoals ‘de’ en ‘het’): zoek op specifiekere woorden.";
    if (n === 0) {
      return found.unknown && found.unknown.length
        ? "Geen resultaten: geen set bevat ‘" + found.unknown.join("’, ‘") + "’."
        : "Geen resultaten.";
    }
    var count = n + (n === 1 ? " resultaat" : " resultaten");
    var more = n > shown ? ", de eerste " + shown + " getoond." : ".";
    if (found.mode === "deels") {
      return "Geen sets met alle woorden; sets met een deel ervan (" + count + ", die met de meeste woorden eerst" +
        (found.unknown.length ? "; niet gevonden: ‘" + found.unknown.join("’, ‘") + "’" : "") + ")" + more;
    }
    var phrase = found.complete === false ? " (de " + found.checked + " best passende sets gecontroleerd op de woordgroep)" : "";
    return count + (q ? " voor ‘" + q + "’" : "") + phrase + more;
  }

  function render() {
    var search = current.search, state = current.state, sets = search.catalogue.sets;
    var hits = current.all.filter(function (h) { return passes(search, h.set, state, null); });
    if (state.sort === "datum" || !state.q.trim()) {
      hits.sort(function (a, b) { return sets.datum[b.set] < sets.datum[a.set] ? -1 : sets.datum[b.set] > sets.datum[a.set] ? 1 : 0; });
    }
    renderFacets(search, state);
    renderSuggestions(current.found, state.q);
    var page = hits.slice(0, shown), id = runId;
    return ui.showResults(search, page, list, function () { return id === runId; }, false).then(function (shownNow) {
      if (!shownNow) return;
      moreButton.hidden = hits.length <= shown;
      say(statusText(current.found, state, hits.length));
    });
  }

  /* One facet: its values with counts; beyond FACET_SHOWN, a button shows the rest. */
  function renderFacet(catalogue, state, f, counts, values) {
    var key = f[0], fieldset = el("fieldset", "kv-facet");
    fieldset.appendChild(el("legend", null, f[1]));
    var all = openFacets[key] || values.length <= FACET_SHOWN + 1;
    values.forEach(function (v, i) {
      var name = catalogue.values[key][v], id = "kv-f-" + key + "-" + v;
      var checked = state.filters[key].indexOf(name) >= 0;
      if (!all && i >= FACET_SHOWN && !checked) return;
      var check = el("input");
      check.type = "checkbox"; check.name = key; check.value = name; check.id = id;
      check.checked = checked;
      var label = el("label", null, (key === "status" ? STATUS_LABELS[name] : name) + " (" + counts[v] + ")");
      label.htmlFor = id;
      var row = el("div", "kv-facet__value");
      row.appendChild(check); row.appendChild(label);
      fieldset.appendChild(row);
    });
    if (values.length > FACET_SHOWN + 1) {
      var button = el("button", "kv-facet__more", all ? "Minder tonen" : "Alle " + values.length + " tonen");
      button.type = "button";
      button.setAttribute("aria-expanded", String(all));
      button.addEventListener("click", function () {
        openFacets[key] = !all;
        renderFacets(current.search, current.state);
        var again = facetBox.querySelector("button[data-facet='" + key + "']");
        if (again) again.focus();
      });
      button.dataset.facet = key;
      fieldset.appendChild(button);
    }
    return fieldset;
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
      if (values.length) facetBox.appendChild(renderFacet(catalogue, state, f, counts, values));
    });
    var chosen = FACETS.reduce(function (n, f) { return n + state.filters[f[0]].length; }, 0);
    toggle.textContent = "Filters en sortering" + (chosen ? " (" + chosen + " gekozen)" : "");
  }

  function applyToForm(state) {
    input.value = state.q;
    if (header) header.value = state.q;
    sortSelect.value = state.sort;
  }

  var timer = null;
  function typed(source) {
    if (header && source === header) input.value = header.value;
    else if (header) header.value = input.value;
    clearTimeout(timer);
    timer = setTimeout(function () {
      var state = formState();
      writeUrl(state, false);
      run(state, true);
    }, 20);  // short: a stale search is dropped anyway (runId)
  }
  input.addEventListener("input", function () { typed(input); });
  function changed() {
    var state = formState();
    writeUrl(state, true);
    if (current) { current.state = state; shown = PAGE; render(); } else run(state, false);
  }
  facetBox.addEventListener("change", changed);
  sortSelect.addEventListener("change", changed);
  function submitted(e) {
    e.preventDefault();
    var state = formState();
    writeUrl(state, true);
    run(state, false);
  }
  form.addEventListener("submit", submitted);
  if (header) {
    header.addEventListener("input", function () { typed(header); });
    header.addEventListener("focus", function () { ui.start(); });
    header.form.addEventListener("submit", submitted);
  }
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    filters.classList.toggle("kv-filters--open", open);
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
