/*
 * Kamervragen search core: queries a lunr index that the build split by term.
 *
 * The catalogue names the first term of every shard. For a query, only the shards holding
 * its terms (or, for a trailing wildcard, every term with that prefix) are fetched; they are
 * assembled into a partial serialized index and loaded with lunr.Index.load. Because a lunr
 * score only uses the weights of the query's own terms, the scores equal those of the whole
 * index. No DOM here: the same code runs in Node for the tests and the relevance benchmark.
 *
 * What a visitor types becomes one ranked lunr query (`find`): every word as itself and as
 * the start of longer words (asiel -> asielzoekers, ranked lower), abbreviations with their
 * full names (catalogue `synoniemen`), quoted phrases checked against the set texts. Sets
 * with every word come first; when none has them all, the sets with most of them, and for a
 * word the index does not know, the nearest index terms.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory;
  else root.KvSearch = factory(root.lunr);
})(this, function (lunr) {
  "use strict";

  /* Diacritics fold, twin of analysis.fold in Python: NFKD, drop combining marks, NFC. */
  function fold(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
  }
  if (!lunr.Pipeline.registeredFunctions["fold-nl"]) {
    lunr.Pipeline.registerFunction(function (token) {
      return token.update(fold);
    }, "fold-nl");
  }

  /* Twins of analysis._APOSTROPHES and analysis._DASHES (the parity test runs both). */
  var APOSTROPHES = /['\u2018\u2019\u201b`\u00b4\u02bc\u2032]/g;
  var DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;
  var QUOTES = /["\u201c\u201d\u201e\u201f\u00ab\u00bb]/;
  var PHRASE = /["\u201c\u201d\u201e\u201f\u00ab\u00bb]([^"\u201c\u201d\u201e\u201f\u00ab\u00bb]+)["\u201c\u201d\u201e\u201f\u00ab\u00bb]/g;
  var SEPARATOR = /[\s\-]+/;
  var OPERATORS = /[+:^~*]/g;
  var MIN_PREFIX = 4;        // shorter stems as prefixes match too much (won* -> woning)
  var MAX_PREFIX_SHARDS = 3; // a prefix spanning more shards is searched as a whole word only
  var EXACT_BOOST = 3, PREFIX_BOOST = 1; // the word itself counts 4, a longer word 1
  var PHRASE_CHECK = 60;     // candidate sets checked for a quoted phrase
  var SUGGESTIONS = 3;

  /* Apostrophes out, dashes to hyphens (analysis.normalize). */
  function normalize(text) {
    return text.replace(APOSTROPHES, "").replace(DASHES, "-");
  }

  /* The words of a text as lunr's tokenizer sees them, after normalize. */
  function words(text) {
    return normalize(text).toLowerCase().split(SEPARATOR).filter(Boolean);
  }

  function trimmed(word) {
    return lunr.nl.trimmer(new lunr.Token(word)).toString();
  }

  /* The index term of one word, as the build made it; null for stop words. */
  function indexTerm(word) {
    var token = lunr.nl.trimmer(new lunr.Token(word.toLowerCase()));
    if (!lunr.nl.stopWordFilter(token)) return null;
    return lunr.nl.stemmer(token.update(fold)).toString();
  }

  /* All index terms of a text, in order (analysis.terms). */
  function terms(text) {
    return words(text).map(indexTerm).filter(function (t) { return t !== null; });
  }

  /* Levenshtein distance, stopping early above `limit`. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (cur[j] < best) best = cur[j];
      }
      if (best > limit) return limit + 1;
      prev = cur;
    }
    return prev[b.length];
  }

  /* Running sums: the catalogue gives the first number, then each one's difference from the one before. */
  function summed(deltas) {
    var out = new Array(deltas.length), sum = 0;
    for (var i = 0; i < deltas.length; i++) out[i] = sum += deltas[i];
    return out;
  }

  /* 202600186 -> "2026Z00186" (search.py's _kenmerk_number, reversed). */
  function kenmerkOf(number) {
    var digits = String(number).padStart(9, "0");
    return digits.slice(0, 4) + "Z" + digits.slice(4);
  }

  /*
   * The sets as a result needs them, from the catalogue's compact form: kenmerk, date (days
   * since 1970-01-01, as search.py writes them) and status (its key in `statussen`).
   */
  function decodeSets(catalogue) {
    var statuses = Object.keys(catalogue.statussen);
    return {
      kenmerk: summed(catalogue.sets.kenmerk).map(kenmerkOf),
      datum: summed(catalogue.sets.datum),
      status: catalogue.sets.status.map(function (s) { return statuses[s]; })
    };
  }

  function Search(catalogue, fetchJson) {
    this.catalogue = catalogue;
    this.fetchJson = fetchJson; // (path below search/) -> Promise of parsed JSON
    this.sets = decodeSets(catalogue);
    this.kenmerkPattern = new RegExp("^\\s*(" + catalogue.kenmerkpatroon + ")\\s*$", "i");
    this.shards = {};
    this.records = {};
    this.facetData = null;
    this.first = catalogue.shards.first;
    this.pipeline = lunr.Pipeline.load(catalogue.pipeline);
    this.synonyms = synonymTable(catalogue.synoniemen || []);
    this.boilerplate = (catalogue.standaardtekst || []).map(function (s) { return s.split(" "); });
  }

  /*
   * Synonym groups by the words of each form: {key: "omo", words: 1, group: [...forms]}.
   * A form whose lowercase is a stop word ("ME", "OM") is only recognised in capitals.
   */
  function synonymTable(groups) {
    var table = {};
    groups.forEach(function (forms) {
      forms.forEach(function (form) {
        var key = words(form).map(function (w) { return fold(trimmed(w)); }).join(" ");
        var capitalsOnly = indexTerm(form) === null;
        if (key) table[key] = { forms: forms, capitalsOnly: capitalsOnly, source: form };
      });
    });
    return table;
  }

  /* The shard that holds `term`: the last one whose first term is <= term (UTF-16 order). */
  Search.prototype.shardOf = function (term) {
    var lo = 0, hi = this.first.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (this.first[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  /*
   * The index terms a lunr query string can match: {exact: {term: true}, prefixes: [...]}.
   * Leading wildcards and fuzzy terms would need every shard, so they are refused.
   */
  Search.prototype.termsFor = function (queryString) {
    var query = new lunr.Query(this.catalogue.fields);
    new lunr.QueryParser(queryString, query).parse();
    var exact = {}, prefixes = [];
    for (var i = 0; i < query.clauses.length; i++) {
      // The parser leaves wildcards in the term ("asiel*"); clause.wildcard stays NONE.
      var clause = query.clauses[i], term = clause.term;
      if (term.charAt(0) === "*" || term.slice(0, -1).indexOf("*") >= 0 || clause.editDistance) {
        throw new Error("Zoeken met * aan het begin of midden in een woord, of met ~, wordt niet ondersteund.");
      }
      if (term.charAt(term.length - 1) === "*") {
        prefixes.push(term.slice(0, -1));
        continue;
      }
      var found = clause.usePipeline ? this.pipeline.runString(clause.term) : [clause.term];
      for (var t = 0; t < found.length; t++) exact[found[t]] = true;
    }
    return { exact: exact, prefixes: prefixes };
  };

  /* Shard numbers a lunr query string needs; trailing wildcards take every shard of the prefix. */
  Search.prototype.shardsFor = function (queryString) {
    var wanted = this.termsFor(queryString), needed = {}, self = this;
    Object.keys(wanted.exact).forEach(function (term) { needed[self.shardOf(term)] = true; });
    wanted.prefixes.forEach(function (prefix) {
      var range = self.prefixShards(prefix);
      for (var s = range[0]; s <= range[1]; s++) needed[s] = true;
    });
    return Object.keys(needed).map(Number);
  };

  /* [first, last] shard holding terms that start with `prefix`. */
  Search.prototype.prefixShards = function (prefix) {
    return [this.shardOf(prefix), this.shardOf(prefix + "\uffff")];
  };

  Search.prototype.loadShards = function (numbers) {
    var self = this;
    return Promise.all(numbers.map(function (n) {
      if (!self.shards[n]) self.shards[n] = self.fetchJson(self.catalogue.shards.file.replace("NUMMER", n));
      return self.shards[n];
    }));
  };

  /* A set's texts (search/sets/<kenmerk>.json.gz), fetched once. */
  Search.prototype.record = function (set) {
    var kenmerk = this.sets.kenmerk[set];
    if (!this.records[kenmerk]) this.records[kenmerk] = this.fetchJson(this.catalogue.setFile.replace("KENMERK", kenmerk));
    return this.records[kenmerk];
  };

  /*
   * A serialized lunr index holding the given shards' terms; with `wanted` (from termsFor),
   * only the terms the query can match. A score only uses the query's own terms, so leaving
   * the shards' other terms out changes no score and makes far fewer document vectors.
   */
  Search.prototype.partialIndex = function (shards, wanted) {
    var fields = this.catalogue.fields, inverted = [], vectors = {}, seen = {}, none = {};
    function keep(term) {
      return !wanted || wanted.exact[term] || wanted.prefixes.some(function (p) { return term.lastIndexOf(p, 0) === 0; });
    }
    shards.forEach(function (rows) {
      rows.forEach(function (row) {
        if (seen[row[0]] || !keep(row[0])) return;
        seen[row[0]] = true;
        var posting = { _index: row[1] };
        fields.forEach(function (field, f) {
          var docs = row[2 + 2 * f], weights = row[3 + 2 * f], byDoc = {};
          for (var d = 0; d < docs.length; d++) {
            byDoc[docs[d]] = none; // no metadata: one shared empty object (lunr copies it)
            var ref = field + "/" + docs[d];
            (vectors[ref] || (vectors[ref] = [])).push([row[1], weights[d]]);
          }
          posting[field] = byDoc;
        });
        inverted.push([row[0], posting]);
      });
    });
    inverted.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
    var fieldVectors = Object.keys(vectors).map(function (ref) {
      var pairs = vectors[ref].sort(function (a, b) { return a[0] - b[0]; }), flat = [];
      pairs.forEach(function (p) { flat.push(p[0], p[1]); });
      return [ref, flat];
    });
    return {
      version: this.catalogue.version, fields: fields, fieldVectors: fieldVectors,
      invertedIndex: inverted, pipeline: this.catalogue.pipeline
    };
  };

  /* lunr results ({ref, score, matchData}) for a lunr query string. */
  Search.prototype.search = function (queryString) {
    var self = this, wanted = this.termsFor(queryString);
    return this.loadShards(this.shardsFor(queryString)).then(function (shards) {
      return lunr.Index.load(self.partialIndex(shards, wanted)).search(queryString);
    });
  };

  /* One query word: its surface form (for lunr's pipeline), index term, and whether it is also
   * searched as the start of longer words (stems of at least `minPrefix` letters; 0: never). */
  Search.prototype.word = function (raw, minPrefix) {
    var term = indexTerm(raw);
    if (term === null) return null;
    var prefix = minPrefix > 0 && term.length >= minPrefix && !/^[0-9]+$/.test(term);
    if (prefix) {
      var range = this.prefixShards(term);
      prefix = range[1] - range[0] < MAX_PREFIX_SHARDS;
    }
    return { raw: raw, surface: fold(trimmed(raw.toLowerCase())), term: term, prefix: prefix };
  };

  /*
   * What the visitor typed, as concepts that must all match: a quoted phrase, a word, or a
   * synonym group (any of its forms). Each concept has alternatives; an alternative is a
   * list of words that must all occur. Returns null when only stop words are left.
   */
  Search.prototype.parse = function (input, typing) {
    var self = this, concepts = [];
    input = normalize(input);
    var rest = input.replace(PHRASE, function (_, phrase) {
      var ws = words(phrase.replace(OPERATORS, " ")).map(function (w) { return self.word(w, 0); }).filter(Boolean);
      if (ws.length) concepts.push({ text: phrase.trim(), alts: [ws], phrase: ws.length > 1 });
      return " ";
    }).replace(QUOTES, " ").replace(OPERATORS, " ");
    var raw = rest.split(SEPARATOR).filter(Boolean);
    for (var i = 0; i < raw.length; i++) {
      var match = this.synonymAt(raw, i);
      if (match) {
        var alts = match.entry.forms.map(function (form) {
          return words(form).map(function (w) { return self.word(w, MIN_PREFIX); }).filter(Boolean);
        }).filter(function (alt) { return alt.length; });
        if (alts.length) concepts.push({ text: raw.slice(i, i + match.length).join(" "), phrase: false, alts: alts });
        i += match.length - 1;
        continue;
      }
      // While typing, the last word may be unfinished: it is a prefix from 3 letters on.
      var w = this.word(raw[i], typing && i === raw.length - 1 ? 3 : MIN_PREFIX);
      if (!w) continue;
      concepts.push({ text: raw[i], alts: [[w]], phrase: false });
    }
    return concepts.length ? concepts : null;
  };

  /* The longest synonym form starting at raw[i], if any: {entry, length}. */
  Search.prototype.synonymAt = function (raw, i) {
    for (var n = Math.min(6, raw.length - i); n >= 1; n--) {
      var slice = raw.slice(i, i + n);
      var key = slice.map(function (w) { return fold(trimmed(w.toLowerCase())); }).join(" ");
      var entry = this.synonyms[key];
      if (!entry) continue;
      if (entry.capitalsOnly && slice.join(" ") !== slice.join(" ").toUpperCase()) continue;
      return { entry: entry, length: n };
    }
    return null;
  };

  /*
   * One ranked lunr query for all concepts: each word itself (boosted) and as a prefix.
   * `required` (only for concepts without alternatives) makes lunr keep just the sets with
   * every word, as itself or as a prefix, so it scores far fewer sets; the scores of those
   * sets are the same as without it (presence does not change the query vector).
   */
  Search.prototype.queryOf = function (concepts, required) {
    var clauses = {}, must = required ? "+" : "";
    concepts.forEach(function (c) {
      c.alts.forEach(function (alt) {
        alt.forEach(function (w) {
          clauses[(w.prefix ? "" : must) + w.surface + "^" + EXACT_BOOST] = true;
          if (w.prefix) clauses[must + w.term + "*^" + PREFIX_BOOST] = true;
        });
      });
    });
    return Object.keys(clauses).join(" ");
  };

  /* The lunr query string for what a visitor typed (null for stop words only). */
  Search.prototype.queryString = function (input, typing) {
    var concepts = this.parse(input, typing);
    return concepts ? this.queryOf(concepts) : null;
  };

  function wordMatched(w, matched) {
    if (matched[w.term]) return true;
    if (!w.prefix) return false;
    for (var t in matched) if (t.lastIndexOf(w.term, 0) === 0) return true;
    return false;
  }

  /* How many concepts a result's matched terms satisfy. */
  function satisfied(concepts, matched) {
    return concepts.filter(function (c) {
      return c.alts.some(function (alt) { return alt.every(function (w) { return wordMatched(w, matched); }); });
    }).length;
  }

  /* Does a set's text hold the phrase's words in order (stop words between them ignored)? */
  function hasPhrase(record, alt) {
    var want = alt.map(function (w) { return w.term; });
    var texts = [record.titel].concat(record.delen.map(function (p) { return p[2]; }));
    return texts.some(function (text) {
      var have = terms(text);
      outer: for (var i = 0; i + want.length <= have.length; i++) {
        for (var j = 0; j < want.length; j++) if (have[i + j] !== want[j]) continue outer;
        return true;
      }
      return false;
    });
  }

  /*
   * Sets for what a visitor typed: {mode, hits, concepts, unknown, suggestions, checked}.
   * mode "alle": hits have every concept; "deels": none has all, hits have most (ranked by
   * how many, then score); "stopwoorden": nothing to search for. hits: [{set, score, terms}].
   */
  Search.prototype.find = function (input, typing) {
    var self = this, concepts = this.parse(input, typing);
    if (!concepts) return Promise.resolve({ mode: "stopwoorden", hits: [], concepts: [], unknown: [], suggestions: [] });
    // Sets with every word first, scored alone; the ranked query over any word only if none.
    var plain = concepts.every(function (c) { return c.alts.length === 1; });
    var all = plain ? this.search(this.queryOf(concepts, true)) : Promise.resolve([]);
    return all.then(function (results) {
      return results.length ? results : self.search(self.queryOf(concepts, false));
    }).then(function (results) {
      var hits = results.map(function (r) {
        var matched = r.matchData.metadata;
        return { set: Number(r.ref), score: r.score, terms: matched, count: satisfied(concepts, matched) };
      });
      var unknown = concepts.filter(function (c) {
        return !hits.some(function (h) { return satisfied([c], h.terms); });
      });
      return self.checkPhrases(concepts, hits.filter(function (h) { return h.count === concepts.length; }))
        .then(function (checked) {
          var out = { concepts: concepts, unknown: unknown.map(function (c) { return c.text; }), checked: checked.checked };
          if (checked.hits.length) {
            out.mode = "alle";
            out.hits = checked.hits;
            out.complete = checked.complete;
            return out;
          }
          out.mode = "deels";
          out.hits = hits.filter(function (h) { return h.count > 0 && (concepts.length > 1 || !concepts[0].phrase); })
            .sort(function (a, b) { return b.count - a.count || b.score - a.score; });
          if (concepts.length === 1 && concepts[0].phrase) out.hits = [];
          return self.suggest(unknown, typing).then(function (suggestions) {
            out.suggestions = suggestions;
            return out;
          });
        });
    });
  };

  /* Keep the hits whose texts hold every quoted phrase (the best PHRASE_CHECK are checked). */
  Search.prototype.checkPhrases = function (concepts, hits) {
    var phrases = concepts.filter(function (c) { return c.phrase; });
    if (!phrases.length) return Promise.resolve({ hits: hits, checked: 0, complete: true });
    var self = this, candidates = hits.slice(0, PHRASE_CHECK);
    return Promise.all(candidates.map(function (h) { return self.record(h.set); })).then(function (records) {
      return {
        hits: candidates.filter(function (h, i) {
          return phrases.every(function (c) { return hasPhrase(records[i], c.alts[0]); });
        }),
        checked: candidates.length,
        complete: candidates.length === hits.length
      };
    });
  };

  /*
   * For words no set has, the nearest index terms by edit distance, from the shard where
   * the word would sit and its neighbours, shown as a word from a set that has the term.
   */
  Search.prototype.suggest = function (unknownConcepts, typing) {
    var self = this;
    if (typing) return Promise.resolve([]);
    var ws = [];
    unknownConcepts.forEach(function (c) {
      if (c.alts.length === 1 && c.alts[0].length === 1) ws.push({ text: c.text, w: c.alts[0][0] });
    });
    return Promise.all(ws.map(function (item) {
      var term = item.w.term, at = self.shardOf(term), numbers = [];
      for (var s = Math.max(0, at - 1); s <= Math.min(self.first.length - 1, at + 1); s++) numbers.push(s);
      return self.loadShards(numbers).then(function (shards) {
        var limit = term.length <= 4 ? 1 : 2, near = [];
        shards.forEach(function (rows) {
          rows.forEach(function (row) {
            if (row[0] === term || /^[0-9]/.test(row[0])) return;
            var d = distance(term, row[0], limit);
            var df = row[2].length + row[4].length;
            if (d <= limit) near.push({ term: row[0], d: d, df: df, doc: row[4][0] !== undefined ? row[4][0] : row[2][0] });
          });
        });
        near.sort(function (a, b) { return a.d - b.d || b.df - a.df || (a.term < b.term ? -1 : 1); });
        return Promise.all(near.slice(0, SUGGESTIONS).map(function (n) { return self.surfaceOf(n.term, n.doc); }))
          .then(function (forms) {
            var seen = {};
            return { word: item.text, alternatives: forms.filter(function (f) { return f && !seen[f] && (seen[f] = true); }) };
          });
      });
    })).then(function (all) { return all.filter(function (s) { return s.alternatives.length; }); });
  };

  /* The most frequent word in set `doc`'s text whose index term is `term` (else the term). */
  Search.prototype.surfaceOf = function (term, doc) {
    return this.record(doc).then(function (record) {
      var counts = {};
      [record.titel].concat(record.delen.map(function (p) { return p[2]; })).forEach(function (text) {
        normalize(text).split(SEPARATOR).forEach(function (w) {
          var t = trimmed(w);
          if (t && indexTerm(t) === term) counts[t.toLowerCase()] = (counts[t.toLowerCase()] || 0) + 1;
        });
      });
      var best = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); })[0];
      return best || term;
    });
  };

  /* The pasted text without the parts every Kamervraag has (opening line, stock phrases). */
  Search.prototype.stripBoilerplate = function (text) {
    text = normalize(text)
      .replace(/\b(?:mondelinge\s+)?vragen\s+van\s+(?:het\s+lid|de\s+leden)\b[\s\S]{0,400}?\baan\s+de\s+[\s\S]{0,300}?\bover\b/gi, " ")
      .replace(/\((?:ingezonden|ontvangen)[^)]*\)/gi, " ")
      .replace(/\bantwoord\s+van\s+(?:de\s+)?(?:minister|staatssecretaris)[^()]{0,120}\([^)]*\)/gi, " ");
    var ws = words(text).filter(function (w) { return fold(trimmed(w)); }), drop = [];
    var keys = ws.map(function (w) { return fold(trimmed(w)); });
    this.boilerplate.forEach(function (gram) {
      outer: for (var i = 0; i + gram.length <= keys.length; i++) {
        for (var j = 0; j < gram.length; j++) if (keys[i + j] !== gram[j]) continue outer;
        for (j = 0; j < gram.length; j++) drop[i + j] = true;
      }
    });
    return ws.filter(function (_, i) { return !drop[i]; });
  };

  /*
   * Precedents for pasted text (new questions): its most telling words, weighed by how often
   * they occur in the text and how rare they are in the archive, as one ranked lunr query.
   * Standard parts of a Kamervraag are left out first. Rarity comes from the shards fetched
   * for the candidate words, so it costs no extra fetch. Returns {results, terms, weights}.
   */
  Search.prototype.precedents = function (text, candidates, picked) {
    candidates = candidates || 40;
    picked = picked || 25;
    var self = this, counts = {}, surface = {};
    this.stripBoilerplate(text.replace(OPERATORS, " ")).forEach(function (w) {
      var t = indexTerm(w);
      if (t === null || t.length < 3 || /^[0-9]/.test(t)) return;
      counts[t] = (counts[t] || 0) + 1;
      if (!surface[t]) surface[t] = trimmed(w);
    });
    var found = Object.keys(counts).sort(function (a, b) {
      return counts[b] * b.length - counts[a] * a.length || (a < b ? -1 : 1);
    }).slice(0, candidates);
    if (!found.length) return Promise.resolve({ results: [], terms: [], weights: {} });
    var numbers = {};
    found.forEach(function (t) { numbers[self.shardOf(t)] = true; });
    return this.loadShards(Object.keys(numbers).map(Number)).then(function (shards) {
      var df = {}, n = self.sets.kenmerk.length, weights = {};
      shards.forEach(function (rows) {
        rows.forEach(function (row) {
          if (counts[row[0]]) df[row[0]] = row[2].length + row[4].length;
        });
      });
      found.forEach(function (t) {
        if (df[t]) weights[t] = counts[t] * Math.log(1 + Math.abs((n - df[t] + 0.5) / (df[t] + 0.5)));
      });
      var best = Object.keys(weights).sort(function (a, b) {
        return weights[b] - weights[a] || (a < b ? -1 : 1);
      }).slice(0, picked);
      if (!best.length) return { results: [], terms: [], weights: {} };
      return self.search(best.map(function (t) { return surface[t]; }).join(" ")).then(function (results) {
        var kept = {};
        best.forEach(function (t) { kept[t] = weights[t]; });
        return { results: results, terms: best, weights: kept };
      });
    });
  };

  /*
   * The positions (standpunten) of the given sets, ranked by the weight of the precedent
   * terms they contain, scaled by how well their set matched: [{set, text, anchor, score}].
   */
  Search.prototype.rankPositions = function (hits, records, weights) {
    var top = hits.length ? hits[0].score : 1, out = [];
    hits.forEach(function (h, i) {
      (records[i].standpunten || []).forEach(function (p) {
        var seen = {}, score = 0;
        terms(p[0]).forEach(function (t) {
          if (weights[t] && !seen[t]) { seen[t] = true; score += weights[t]; }
        });
        if (score > 0) out.push({ set: h.set, text: p[0], anchor: p[1], score: score * (0.5 + 0.5 * h.score / top) });
      });
    });
    return out.sort(function (a, b) { return b.score - a.score; });
  };

  /* The set a typed kenmerk names, if it is in the archive. */
  Search.prototype.kenmerk = function (input) {
    var m = this.kenmerkPattern.exec(input);
    if (!m) return -1;
    return this.sets.kenmerk.indexOf(m[1].toUpperCase());
  };

  /*
   * The facets, fetched once, when the filters are shown or used (the first result does not
   * need them): {values: {facet: [names]}, sets: {facet: [[value numbers] per set]}}, the
   * status among them.
   */
  Search.prototype.facets = function () {
    var self = this;
    if (!this.facetData) {
      this.facetData = this.fetchJson(this.catalogue.facetten).then(function (facets) {
        var statuses = Object.keys(self.catalogue.statussen);
        facets.values.status = statuses;
        facets.sets.status = self.catalogue.sets.status.map(function (s) { return [s]; });
        return facets;
      });
    }
    return this.facetData;
  };

  /* Each word of a part's text, marked when its index term is (or starts with) one of `matched`. */
  function markWords(text, matched) {
    var parts = text.split(/(\s+)/), hits = 0, first = -1;
    var marks = parts.map(function (w, i) {
      if (i % 2) return false;
      var hit = words(w).map(indexTerm).some(function (t) { return t !== null && matched[t]; });
      if (hit) { hits++; if (first < 0) first = i; }
      return hit;
    });
    return { words: parts, marks: marks, hits: hits, first: first };
  }

  /*
   * The part of a set that best matches (most matched terms), with the words marked:
   * {anchor, heading, pieces: [[text, isHit], ...]} around the first hit. With
   * `preferAnswers` (precedents), a best-matching question gives way to its answer.
   */
  Search.prototype.snippet = function (record, matched, radius, preferAnswers) {
    radius = radius || 18;
    var parts = record.delen.map(function (part) {
      var m = markWords(part[2], matched);
      m.part = part;
      return m;
    });
    function bestOf(kind) {
      return parts.reduce(function (best, m) {
        return (!kind || m.part[0].indexOf(kind) === 0) && (!best || m.hits > best.hits) ? m : best;
      }, null);
    }
    var best = bestOf(null);
    if (!best) return null;
    if (preferAnswers) {
      var answer = bestOf("antwoord-"), question = bestOf("vraag-");
      if (answer && answer.hits) best = answer;
      else if (question && question.hits) {
        var reply = parts.filter(function (m) { return m.part[0] === question.part[0].replace("vraag-", "antwoord-"); })[0];
        best = reply ? reply : question;
        if (reply) { best.hits = 1; best.first = Math.max(best.first, 0); }
      }
    }
    var start = Math.max(0, best.first - 2 * Math.floor(radius / 3)), end = Math.min(best.words.length, start + 2 * radius);
    if (start % 2) start--;
    var pieces = [];
    if (start > 0) pieces.push(["… ", false]);
    for (var i = start; i < end; i++) pieces.push([best.words[i], best.marks[i]]);
    if (end < best.words.length) pieces.push([" …", false]);
    return { anchor: best.hits ? best.part[0] : "", heading: best.part[1], pieces: pieces };
  };

  Search.fold = fold;
  Search.normalize = normalize;
  Search.indexTerm = indexTerm;
  Search.terms = terms;
  Search.distance = distance;
  return Search;
});
