/*
 * Kamervragen search core: queries a lunr index that the build split by term.
 *
 * The catalogue names the first term of every shard. For a query, only the shards holding
 * its terms (or, for a trailing wildcard, every term with that prefix) are fetched; they are
 * assembled into a partial serialized index and loaded with lunr.Index.load. Because a lunr
 * score only uses the weights of the query's own terms, the scores equal those of the whole
 * index. No DOM here: the same code runs in Node for the tests.
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

  var SEPARATOR = /[\s\-]+/;
  var KENMERK = /^\s*(\d{4}z\d{5})\s*$/i;
  var MIN_PREFIX = 3;

  /* The index term of one word, as the build made it; null for stop words. */
  function indexTerm(word) {
    var token = lunr.nl.trimmer(new lunr.Token(word.toLowerCase()));
    if (!lunr.nl.stopWordFilter(token)) return null;
    return lunr.nl.stemmer(token.update(fold)).toString();
  }

  function Search(catalogue, fetchJson) {
    this.catalogue = catalogue;
    this.fetchJson = fetchJson; // (path below search/) -> Promise of parsed JSON
    this.shards = {};
    this.first = catalogue.shards.first;
    this.pipeline = lunr.Pipeline.load(catalogue.pipeline);
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

  /* Shard numbers a lunr query string needs; trailing wildcards take every shard of the prefix. */
  Search.prototype.shardsFor = function (queryString) {
    var query = new lunr.Query(this.catalogue.fields);
    new lunr.QueryParser(queryString, query).parse();
    var needed = {};
    for (var i = 0; i < query.clauses.length; i++) {
      var clause = query.clauses[i];
      if (clause.wildcard & lunr.Query.wildcard.LEADING || clause.editDistance) {
        throw new Error("Zoeken met * aan het begin of ~ wordt niet ondersteund.");
      }
      if (clause.wildcard & lunr.Query.wildcard.TRAILING) {
        var prefix = clause.term.replace(/\*+$/, "");
        var last = this.shardOf(prefix + "\uffff");
        for (var s = this.shardOf(prefix); s <= last; s++) needed[s] = true;
        continue;
      }
      var terms = clause.usePipeline ? this.pipeline.runString(clause.term) : [clause.term];
      for (var t = 0; t < terms.length; t++) needed[this.shardOf(terms[t])] = true;
    }
    return Object.keys(needed).map(Number);
  };

  Search.prototype.loadShards = function (numbers) {
    var self = this;
    return Promise.all(numbers.map(function (n) {
      if (!self.shards[n]) self.shards[n] = self.fetchJson(self.catalogue.shards.files[n]);
      return self.shards[n];
    }));
  };

  /* A serialized lunr index holding exactly the given shards' terms. */
  Search.prototype.partialIndex = function (shards) {
    var fields = this.catalogue.fields, inverted = [], vectors = {};
    shards.forEach(function (rows) {
      rows.forEach(function (row) {
        var posting = { _index: row[1] };
        fields.forEach(function (field, f) {
          var docs = row[2 + 2 * f], weights = row[3 + 2 * f], byDoc = {};
          for (var d = 0; d < docs.length; d++) {
            byDoc[docs[d]] = {};
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
    var self = this;
    return this.loadShards(this.shardsFor(queryString)).then(function (shards) {
      return lunr.Index.load(self.partialIndex(shards)).search(queryString);
    });
  };

  /*
   * The lunr query for what a visitor typed: every word required; the last word, while
   * still being typed, also matches longer words (its stem as a prefix). Stop words and
   * lunr's operator characters are dropped, so no input can make the query fail.
   */
  Search.prototype.queryString = function (input, typing) {
    // Stop words are checked before folding, as the index does ("één" is not "een").
    var words = input.toLowerCase().replace(/[+:^~*]/g, " ").split(SEPARATOR).filter(function (w) {
      return indexTerm(w) !== null;
    });
    if (!words.length) return null;
    return words.map(function (w, i) {
      var term = indexTerm(w);
      if (typing && i === words.length - 1 && term.length >= MIN_PREFIX) return "+" + term + "*";
      return "+" + fold(lunr.nl.trimmer(new lunr.Token(w)).toString());
    }).join(" ");
  };

  /*
   * Precedents for pasted text (new questions): its most telling words, weighed by how often
   * they occur in the text and how rare they are in the archive, as one ranked lunr query.
   * Rarity comes from the shards fetched for the candidate words, so it costs no extra fetch.
   */
  Search.prototype.precedents = function (text, candidates, picked) {
    candidates = candidates || 40;
    picked = picked || 25;
    var self = this, counts = {}, surface = {};
    text.toLowerCase().replace(/[+:^~*]/g, " ").split(SEPARATOR).forEach(function (w) {
      var t = indexTerm(w);
      if (t === null || t.length < 3 || /^[0-9]+$/.test(t)) return;
      counts[t] = (counts[t] || 0) + 1;
      if (!surface[t]) surface[t] = lunr.nl.trimmer(new lunr.Token(w)).toString();
    });
    var terms = Object.keys(counts).sort(function (a, b) {
      return counts[b] * b.length - counts[a] * a.length || (a < b ? -1 : 1);
    }).slice(0, candidates);
    if (!terms.length) return Promise.resolve({ results: [], terms: [] });
    var numbers = {};
    terms.forEach(function (t) { numbers[self.shardOf(t)] = true; });
    return this.loadShards(Object.keys(numbers).map(Number)).then(function (shards) {
      var df = {}, n = self.catalogue.sets.kenmerk.length;
      shards.forEach(function (rows) {
        rows.forEach(function (row) {
          if (counts[row[0]]) df[row[0]] = row[2].length + row[4].length;
        });
      });
      var best = terms.filter(function (t) { return df[t]; }).sort(function (a, b) {
        var idf = function (t) { return Math.log(1 + Math.abs((n - df[t] + 0.5) / (df[t] + 0.5))); };
        return counts[b] * idf(b) - counts[a] * idf(a) || (a < b ? -1 : 1);
      }).slice(0, picked);
      if (!best.length) return { results: [], terms: [] };
      return self.search(best.map(function (t) { return surface[t]; }).join(" ")).then(function (results) {
        return { results: results, terms: best };
      });
    });
  };

  /* The set a typed kenmerk names, if it is in the archive. */
  Search.prototype.kenmerk = function (input) {
    var m = KENMERK.exec(input);
    if (!m) return -1;
    return this.catalogue.sets.kenmerk.indexOf(m[1].toUpperCase());
  };

  /* Each word of a part's text, marked when its index term is one of `matched`. */
  function markWords(text, matched) {
    var words = text.split(/(\s+)/), hits = 0, first = -1;
    var marks = words.map(function (w, i) {
      if (i % 2) return false;
      var hit = w.split("-").map(indexTerm).some(function (t) { return t !== null && matched[t]; });
      if (hit) { hits++; if (first < 0) first = i; }
      return hit;
    });
    return { words: words, marks: marks, hits: hits, first: first };
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
  Search.indexTerm = indexTerm;
  return Search;
});
