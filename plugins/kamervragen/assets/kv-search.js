/*
 * The search page (/zoeken/): query, facets and sort live in the URL; nothing is fetched
 * until the visitor searches (kv-ui.js loads the search code then). The header's search
 * field searches here as the visitor types, like the page's own field.
 */
(function () {
  "use strict";
  var form = document.getElementById("kv-search");
  if (!form) return;
  var byId = document.getElementById.bind(document);
  var input = form.elements.q, sortSelect = byId("kv-sort"), statusBox = byId("kv-status");
  var suggestBox = byId("kv-suggest"), list = byId("kv-results"), filters = byId("kv-filters");
  var facetBox = byId("kv-facets"), toggle = byId("kv-filter-toggle"), moreButton = byId("kv-more");
  var header = byId("kv-header-q");
  var PAGE = 10, FACET_SHOWN = 8;
  var FACETS = [
    ["thema", "Thema"], ["jaar", "Jaar"], ["status", "Status"],
    ["partij", "Partij"], ["lid", "Kamerlid"], ["minister", "Bewindspersoon"]
  ];
  var ui = new window.KvUi.Ui(form), el = window.KvUi.el;
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

  /* Does set i pass every facet filter except `skip`? (`facets`: KvSearch.facets()) */
  function passes(facets, i, state, skip) {
    return FACETS.every(function (f) {
      var key = f[0], wanted = state.filters[key];
      if (key === skip || !wanted.length) return true;
      return facets.sets[key][i].some(function (v) { return wanted.indexOf(facets.values[key][v]) >= 0; });
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
        location.replace(ui.setUrl(search, search.sets.kenmerk[k]));
        return null;
      }
      if (!state.q.trim()) {
        return { search: search, mode: "alle", hits: search.sets.kenmerk.map(function (_, i) { return { set: i, score: 0, terms: {} }; }) };
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

  /* The results of `current`; the facets after them (a filter, if chosen, waits for them). */
  function render() {
    var search = current.search, state = current.state, sets = search.sets, id = runId;
    var chosen = FACETS.reduce(function (n, f) { return n + state.filters[f[0]].length; }, 0);
    toggle.textContent = "Filters en sortering" + (chosen ? " (" + chosen + " gekozen)" : "");
    current.facetsShown = false;
    return (chosen ? search.facets() : Promise.resolve(null)).then(function (facets) {
      if (id !== runId) return;
      var hits = facets ? current.all.filter(function (h) { return passes(facets, h.set, state, null); }) : current.all.slice();
      if (state.sort === "datum" || !state.q.trim()) {
        hits.sort(function (a, b) { return sets.datum[b.set] - sets.datum[a.set]; });
      }
      renderSuggestions(current.found, state.q);
      var page = hits.slice(0, shown);
      return ui.showResults(search, page, list, function () { return id === runId; }, false).then(function (shownNow) {
        if (!shownNow) return;
        moreButton.hidden = hits.length <= shown;
        say(statusText(current.found, state, hits.length));
        showFacets();
      });
    }).catch(function (err) {
      if (id === runId) say("Zoeken lukt nu niet: " + err.message);
    });
  }

  /* The facets of `current`, once the filters are on screen (beside the results, or opened on a phone). */
  function showFacets() {
    var now = current;
    if (!now || now.facetsShown || !filters.offsetWidth) return;
    now.facetsShown = true;
    now.search.facets().then(function (facets) {
      if (now === current && now.facetsShown) renderFacets(facets, now.state);
    }).catch(function (err) {
      now.facetsShown = false;
      say("Filters laden lukt nu niet: " + err.message);
    });
  }

  /* One facet: its values with counts; beyond FACET_SHOWN, a button shows the rest. */
  function renderFacet(facets, state, f, counts, values) {
    var key = f[0], fieldset = el("fieldset", "kv-facet");
    fieldset.appendChild(el("legend", null, f[1]));
    var all = openFacets[key] || values.length <= FACET_SHOWN + 1;
    values.forEach(function (v, i) {
      var name = facets.values[key][v], id = "kv-f-" + key + "-" + v;
      var checked = state.filters[key].indexOf(name) >= 0;
      if (!all && i >= FACET_SHOWN && !checked) return;
      var check = el("input");
      check.type = "checkbox"; check.name = key; check.value = name; check.id = id;
      check.checked = checked;
      var label = el("label", null, (key === "status" ? current.search.catalogue.statussen[name] : name) + " (" + counts[v] + ")");
      label.htmlFor = id;
      var row = el("div", "kv-facet__value");
      row.appendChild(check); row.appendChild(label);
      fieldset.appendChild(row);
    });
    if (values.length > FACET_SHOWN + 1) {
      var button = el("button", "kv-facet__more", all ? "Minder tonen" : "Alle " + values.length + " tonen");
      button.type = "button";
      button.id = "kv-f-" + key + "-meer";
      button.setAttribute("aria-expanded", String(all));
      button.addEventListener("click", function () {
        openFacets[key] = !all;
        renderFacets(facets, current.state);
      });
      fieldset.appendChild(button);
    }
    return fieldset;
  }

  /* Every facet with its counts among the current hits; keyboard focus stays where it was. */
  function renderFacets(facets, state) {
    var focused = facetBox.contains(document.activeElement) ? document.activeElement.id : null;
    facetBox.textContent = "";
    FACETS.forEach(function (f) {
      var key = f[0], counts = {};
      current.all.forEach(function (h) {
        if (!passes(facets, h.set, state, key)) return;
        facets.sets[key][h.set].forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
      });
      var values = Object.keys(counts).map(Number).sort(function (a, b) { return counts[b] - counts[a] || a - b; });
      state.filters[key].forEach(function (name) {
        var v = facets.values[key].indexOf(name);
        if (v >= 0 && !counts[v]) { counts[v] = 0; values.push(v); }
      });
      if (values.length) facetBox.appendChild(renderFacet(facets, state, f, counts, values));
    });
    var again = focused && document.getElementById(focused);
    if (again) again.focus();
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
  // The filters come on screen when opened on a phone, or when the window widens: then the facets load.
  new ResizeObserver(showFacets).observe(filters);
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
