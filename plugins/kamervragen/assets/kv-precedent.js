/*
 * The precedent finder: staff paste the text of new questions and get the earlier sets and
 * answers most like it, ranked. Runs in the browser on the search index; nothing is sent
 * anywhere but requests for the site's own search files.
 */
(function () {
  "use strict";
  var form = document.getElementById("kv-precedent");
  if (!form) return;
  var ui = new window.KvUi.Ui(form);
  var text = form.elements.tekst;
  var statusBox = document.getElementById("kv-status");
  var list = document.getElementById("kv-results");
  var SHOW = 10, runId = 0;

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
        return ui.showResults(search, hits, list, function () { return id === runId; }, true).then(function (shown) {
          if (!shown) return;
          statusBox.textContent = hits.length
            ? "De " + hits.length + " meest vergelijkbare vragensets, beste eerst (gezocht op " + found.terms.length + " kenmerkende woorden)."
            : "Geen vergelijkbare vragensets gevonden.";
        });
      });
    }).catch(function (err) {
      if (id === runId) statusBox.textContent = "Zoeken lukt nu niet: " + err.message;
    });
  });
})();
