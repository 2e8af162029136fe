// Runs a built site's own search code (site/assets) in Node for scripts/bench_relevance.py.
// Usage: node relevance_driver.js <site dir> < queries.json > rankings.json
// A query is {"zoek": typed text} or {"precedent": pasted text}; the answer is the ranked
// kenmerken and the search files read. Works with the search code before and after
// `find` existed (then it does what that version's search page did).
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const site = process.argv[2];
const assets = path.join(site, "assets");
const context = { console };
context.window = context;
vm.createContext(context);
for (const file of ["vendor/lunr.min.js", "vendor/lunr.stemmer.support.min.js", "vendor/lunr.nl.min.js",
                    "kv-search-core.js"]) {
  vm.runInContext(fs.readFileSync(path.join(assets, file), "utf8"), context, { filename: file });
}
const KvSearch = context.KvSearch;
const catalogue = JSON.parse(fs.readFileSync(path.join(site, "search", "catalogue.json"), "utf8"));

(async () => {
  const queries = JSON.parse(fs.readFileSync(0, "utf8"));
  const answers = [];
  for (const q of queries) {
    const read = new Set();
    const search = new KvSearch(catalogue, (p) => {
      read.add(p);
      return Promise.resolve(JSON.parse(fs.readFileSync(path.join(site, "search", p), "utf8")));
    });
    let sets;
    if (q.precedent !== undefined) {
      sets = (await search.precedents(q.precedent)).results.map((r) => Number(r.ref));
    } else if (search.find) {
      sets = (await search.find(q.zoek, false)).hits.map((h) => h.set);
    } else {
      const qs = search.queryString(q.zoek, false);
      sets = qs ? (await search.search(qs)).map((r) => Number(r.ref)) : [];
    }
    answers.push({ ranking: sets.map((s) => catalogue.sets.kenmerk[s]), files: [...read] });
  }
  process.stdout.write(JSON.stringify(answers));
})().catch((e) => { console.error(e.stack); process.exit(1); });
