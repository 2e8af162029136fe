/*
 * The precedent finder: staff paste the text of new questions and get, first, the positions
 * (standpunten) of earlier answers most like it, with their dates, then the sets and answers
 * themselves, ranked. Runs in the browser on the search index; nothing is sent anywhere but
 * requests for the site's own search files.
 */
(function () {
  "use strict";
  var form = document.getElementById("kv-precedent");
  if (!form) return;
  var ui = new window.KvUi.Ui(form), el = window.KvUi.el, byId = document.getElementById.bind(document);
  var text = form.elements.tekst, statusBox = byId("kv-status"), list = byId("kv-results");
  var positions = byId("kv-positions"), positionsSection = byId("kv-positions-section");
  var resultsSection = byId("kv-results-section");
  var SHOW = 10, POSITIONS = 8, runId = 0;

  /* A position: date first, the statement, then where it was taken (linked to the answer). */
  function positionItem(search, p, record) {
    var li = el("li"), sets = search.sets;
    var head = el("p", "kv-result__meta");
    head.appendChild(el("strong", null, ui.date(sets.datum[p.set])));
    li.appendChild(head);
    li.appendChild(el("p", "kv-position__text", p.text));
    var source = el("p", "kv-result__meta");
    var link = el("a", null, record.titel);
    link.href = ui.setUrl(search, record.kenmerk) + (p.anchor ? "#" + p.anchor : "");
    source.appendChild(link);
    source.appendChild(document.createTextNode(" · " + record.kenmerk + (p.anchor ? " · " + p.anchor.replace("-", " ") : "")));
    li.appendChild(source);
    return li;
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var id = ++runId;
    if (!text.value.trim()) {
      statusBox.textContent = "Plak eerst de tekst van de nieuwe vragen.";
      return;
    }
    statusBox.textContent = "Zoeken naar precedenten…";
    ui.start().then(function (search) {
      return search.precedents(text.value).then(function (found) {
        if (id !== runId) return;
        var hits = found.results.slice(0, SHOW).map(function (r) {
          return { set: Number(r.ref), score: r.score, terms: r.matchData.metadata };
        });
        return Promise.all(hits.map(function (h) { return search.record(h.set); })).then(function (records) {
          if (id !== runId) return;
          var byKenmerk = {};
          records.forEach(function (r) { byKenmerk[r.kenmerk] = r; });
          var ranked = search.rankPositions(hits, records, found.weights).slice(0, POSITIONS);
          positions.textContent = "";
          ranked.forEach(function (p) {
            positions.appendChild(positionItem(search, p, byKenmerk[search.sets.kenmerk[p.set]]));
          });
          positionsSection.hidden = !ranked.length;
          return ui.showResults(search, hits, list, function () { return id === runId; }, true).then(function (shown) {
            if (!shown) return;
            resultsSection.hidden = !hits.length;
            statusBox.textContent = hits.length
              ? (ranked.length ? ranked.length + (ranked.length === 1 ? " standpunt" : " standpunten") + " en de " : "De ") +
                hits.length + " meest vergelijkbare vragensets, beste eerst (gezocht op " + found.terms.length +
                " kenmerkende woorden; vaste onderdelen van Kamervragen tellen niet mee)."
              : "Geen vergelijkbare vragensets gevonden.";
          });
        });
      });
    }).catch(function (err) {
      if (id === runId) statusBox.textContent = "Zoeken lukt nu niet: " + err.message;
    });
  });
})();
