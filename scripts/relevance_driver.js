// Runs a built site's own search code (site/assets) in Node for scripts/bench_relevance.py.
// Usage: node relevance_driver.js <site dir> [feature,...] < queries.json > rankings.json
// A query is {"zoek": typed text} or {"precedent": pasted text}; the answer is the ranked
// kenmerken and the search files read. Works with the search code before and after
// `find` existed (then it does what that version's search page did). Features named on the
// command line are switched off, to measure what each adds: synoniemen, voorvoegsels,
// standaardtekst, terugval (the sets with most words when none has all).
"use strict";
const fs = require("fs");
const path = require("path");
const loadKvSearch = require("./kv_search_node.js");

const site = process.argv[2];
const off = new Set((process.argv[3] || "").split(",").filter(Boolean));
const KvSearch = loadKvSearch(path.join(site, "assets"));
const catalogue = JSON.parse(fs.readFileSync(path.join(site, "search", "catalogue.json"), "utf8"));

(async () => {
  const queries = JSON.parse(fs.readFileSync(0, "utf8"));
  const answers = [];
  for (const q of queries) {
    const read = new Set();
    const search = new KvSearch(catalogue, (p) => {
      read.add(p);
      return Promise.resolve(loadKvSearch.readSearchFile(site, p));
    });
    if (off.has("synoniemen")) search.synonyms = {};
    if (off.has("voorvoegsels")) search.prefixShards = () => [0, Infinity];
    if (off.has("standaardtekst")) {
      search.stripBoilerplate = (text) => KvSearch.normalize(text).toLowerCase().split(/[\s\-]+/).filter(Boolean);
    }
    let sets;
    if (q.precedent !== undefined) {
      sets = (await search.precedents(q.precedent)).results.map((r) => Number(r.ref));
    } else if (search.find) {
      const found = await search.find(q.zoek, false);
      sets = off.has("terugval") && found.mode !== "alle" ? [] : found.hits.map((h) => h.set);
    } else {
      const qs = search.queryString(q.zoek, false);
      sets = qs ? (await search.search(qs)).map((r) => Number(r.ref)) : [];
    }
    // Since the catalogue became compact, the search code decodes its sets (search.sets).
    answers.push({ ranking: sets.map((s) => (search.sets || catalogue.sets).kenmerk[s]), files: [...read] });
  }
  process.stdout.write(JSON.stringify(answers));
})().catch((e) => { console.error(e.stack); process.exit(1); });
