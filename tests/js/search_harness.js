// Runs the browser's search code in Node against built search files, for the tests.
// Usage: node search_harness.js <assets dir> <site dir> < requests.json > answers.json
// A request is {"query": lunr query string}, {"input": typed text, "typing": bool} (the lunr
// query string), {"find": typed text, "typing": bool} (what the search page shows),
// {"precedent": pasted text}, {"terms": [words]} (index terms of single words) or
// {"texts": [texts]} (index terms of whole texts, after punctuation is normalised), {"sets": true}
// (the sets as the search code reads them from the catalogue), {"facets": true} (the facets) or
// {"kenmerk": typed text} (the number of the set that text names, else -1).
"use strict";
const fs = require("fs");
const loadKvSearch = require("../../scripts/kv_search_node.js");

const [assets, site] = process.argv.slice(2);
const KvSearch = loadKvSearch(assets);
const read = (p) => loadKvSearch.readSearchFile(site, p);
const search = new KvSearch(read("catalogue.json"), (p) => Promise.resolve(read(p)));

(async () => {
  const requests = JSON.parse(fs.readFileSync(0, "utf8"));
  const answers = [];
  for (const r of requests) {
    if (r.terms) answers.push(r.terms.map(KvSearch.indexTerm));
    else if (r.sets) answers.push(search.sets);
    else if (r.facets) answers.push(await search.facets());
    else if (r.kenmerk !== undefined) answers.push(search.kenmerk(r.kenmerk));
    else if (r.texts) answers.push(r.texts.map(KvSearch.terms));
    else if (r.find !== undefined) {
      const found = await search.find(r.find, !!r.typing);
      answers.push({
        mode: found.mode, unknown: found.unknown, suggestions: found.suggestions || [],
        query: search.queryString(r.find, !!r.typing),
        hits: found.hits.map((h) => [search.sets.kenmerk[h.set], h.score, h.count]),
      });
    } else if (r.precedent !== undefined) {
      const found = await search.precedents(r.precedent);
      const top = found.results.slice(0, 10).map((x) => ({ set: Number(x.ref), score: x.score }));
      const records = await Promise.all(top.map((h) => search.record(h.set)));
      answers.push({
        terms: found.terms,
        kept: search.stripBoilerplate(r.precedent),
        hits: top.map((h) => search.sets.kenmerk[h.set]),
        positions: search.rankPositions(top, records, found.weights)
          .map((p) => [search.sets.kenmerk[p.set], p.text, p.anchor]),
      });
    }
    else if (r.input !== undefined) answers.push(search.queryString(r.input, !!r.typing));
    else {
      const shards = search.shardsFor(r.query);
      const results = await search.search(r.query);
      answers.push({ shards: shards.length, results: results.map((x) => [x.ref, x.score]) });
    }
  }
  process.stdout.write(JSON.stringify(answers));
})().catch((e) => { console.error(e.stack); process.exit(1); });
