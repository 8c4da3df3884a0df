/* Kronobarnsmodellen's site search: the ranking, without any user interface.
 *
 * Why our own instead of Material's lunr: staff type Swedish the way they speak it –
 * inflected ("inbjudningarna"), without å/ä/ö ("forskoleklass"), misspelt
 * ("orosanmällan"), as compounds ("samverkansmötet") and by everyday names ("dagis"). This
 * file folds å/ä/ö both ways, stems Swedish (the Snowball rules), matches inflections,
 * compound parts (a typed compound by its last part: "idrottsföreningen" is a
 * "förening") and one or two typos (also in a compound's part: "psykatri" in
 * "vuxenpsykiatrin"), and expands the everyday names that the glossary
 * (site_config/ordlista.yaml, `names`) gives each term into the term itself. A page
 * that matches every word of the question outranks pages that share one word.
 *
 * A classic script that defines `self.kbSearch`: the search worker loads it with
 * importScripts (Material starts its worker as a classic worker), and tests can load
 * it anywhere. It makes no request and keeps nothing: the query lives only in the call.
 */
(function (scope) {
  "use strict";

  /** Lower case without diacritics: "Förskolan" and "forskolan" become the same word. */
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  }

  /** The lower-case words of a text; brackets, hyphens and punctuation separate words. */
  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // Function words that say nothing about which page answers (folded).
  const STOP = new Set(words(fold(
    "och det att i en jag hon som han på den med var sig för så till är men ett om hade " +
    "de av icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej " +
    "vid kunde något från ut när efter upp vi dem vara vad över än dig kan sina här ha " +
    "mot alla under någon eller allt mycket sedan ju denna själv detta åt utan varit hur " +
    "ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken er sådan vår " +
    "blivit dess inom mellan sådant varför varje vilka ditt vem vilket ska skall gör göra " +
    "kan måste vill går gå finns")));

  /** Is this (lower-case) word a function word? */
  function isStop(word) {
    return STOP.has(fold(word));
  }

  // The Swedish Snowball stemmer (snowballstem.org), on folded words.
  const VOWELS = new Set("aeiouyåäö");
  const STEP1 = ["heterna", "hetens", "anden", "andes", "andet", "arens", "arnas", "ernas",
    "heten", "heter", "ornas", "arna", "erna", "orna", "ades", "ande", "arne", "aren",
    "aste", "erns", "ens", "het", "ast", "ade", "are", "ern", "ad", "en", "ar", "er", "or",
    "as", "es", "at", "a", "e"];
  const S_ENDING = new Set("bcdfghjklmnoprtvy");

  function region1(word) {
    for (let i = 1; i < word.length; i++) {
      if (!VOWELS.has(word[i]) && VOWELS.has(word[i - 1])) return Math.max(i + 1, 3);
    }
    return word.length;
  }

  function stem(word) {
    const r1 = region1(word);
    if (r1 >= word.length) return word;
    let w = word;
    const suffix = STEP1.find(s => w.endsWith(s) && w.length - s.length >= r1);
    if (suffix) w = w.slice(0, -suffix.length);
    else if (w.endsWith("s") && w.length - 1 >= r1 && S_ENDING.has(w[w.length - 2])) {
      w = w.slice(0, -1);
    }
    if (["dd", "gd", "nn", "dt", "gt", "kt", "tt"].some(s => w.endsWith(s) &&
        w.length - 2 >= r1)) w = w.slice(0, -1);
    for (const [end, by] of [["fullt", "full"], ["löst", "lös"], ["lost", "los"], ["lig", ""], ["els", ""],
      ["ig", ""]]) {
      if (w.endsWith(end) && w.length - end.length >= r1) {
        w = w.slice(0, -end.length) + by;
        break;
      }
    }
    return w;
  }

  /** Damerau–Levenshtein distance, giving up (returning limit + 1) beyond `limit`. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let before = null;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, before[j - 2] + 1);
        }
        row.push(d);
        best = Math.min(best, d);
      }
      if (best > limit) return limit + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  // Swedish endings of three or four letters (folded): plural, definite, genitive,
  // participle. Any one or two letters count as an ending.
  const ENDINGS = new Set(["arna", "erna", "orna", "ens", "ets", "ans", "ars", "ers", "ors",
    "nas", "nes", "are", "ade", "ande", "ende", "het", "erns", "arns"]);

  function isEnding(letters) {
    return letters.length <= 2 || ENDINGS.has(letters);
  }

  function commonPrefix(a, b) {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
  }

  /** A word as the matching needs it: as written (lower case), folded, and stemmed. */
  function describe(raw) {
    const folded = fold(raw);
    return { raw, folded, stem: stem(folded), rawStem: stem(raw), marked: raw !== folded };
  }

  /**
   * How well the typed word `q` matches the site's word `w` (both from `describe`).
   * Without å/ä/ö typed, the folded forms count ("forskola" is "förskola"). With them
   * typed, the words as written count and a match only after folding counts half, so
   * that "källor" finds "källor" before "kalla".
   */
  function quality(q, w) {
    const folded = similarity(q.folded, q.stem, w.folded, w.stem);
    if (!q.marked || !folded || q.raw === w.raw) return folded;
    return Math.max(similarity(q.raw, q.rawStem, w.raw, w.rawStem), 0.5 * folded);
  }

  /**
   * How well the word `q` matches the word `w` (with their stems): 1 the same, less
   * for an inflection, a compound part, the beginning of a longer word (the word being
   * typed) or a typo, 0 for no match.
   */
  function similarity(q, qs, w, ws) {
    if (q === w) return 1;
    if (qs === ws && qs.length >= 3) return 0.9;
    // the same word with an ending added or dropped (mote/motet, rektorn, mammans); more
    // than two letters only if they are an ending, so that "barnpsyk" is not "barn"
    const shorter = Math.min(q.length, w.length);
    if (shorter >= 4 && commonPrefix(q, w) === shorter &&
        isEnding((q.length > w.length ? q : w).slice(shorter))) return 0.75;
    // a longer form of the site's word (inbjudningarna → inbjud(an))
    if (qs.length >= 5 && ws.length >= 4 && ws.length >= 0.6 * qs.length &&
        qs.startsWith(ws)) return 0.7;
    // the same root with another ending, which Snowball keeps apart (inbjud|an and
    // inbjud|ningarna): a long shared beginning, short different endings (five letters
    // are a word of their own: kommun|polis is no form of kommun|al)
    const root = commonPrefix(qs, ws);
    if (root >= 5 && Math.min(qs.length, ws.length) - root <= 2 &&
        Math.max(qs.length, ws.length) - root <= 4) return 0.6;
    // the beginning of a longer word, worth less the more is missing
    if (q.length >= 2 && w.startsWith(q)) return 0.85 * Math.sqrt(q.length / w.length);
    // the last part of a compound (möte in samverkansmötet, psykiatri in vuxenpsykiatrin)
    if (q.length >= 4 && w.length >= q.length + 3) {
      const at = w.lastIndexOf(q);
      if (at > 2 && w.length - at - q.length <= 3) return 0.6;
    }
    // a typed compound whose last part is the site's word: an idrottsförening is a
    // förening, a kommunpolis a polis (the first part only narrows it down)
    if (endsInWord(q, w) || endsInWord(qs, ws)) return 0.7;
    // a typo: one wrong, missing, extra or swapped letter; two in long words; in the
    // word or in its stem, so that a typo finds the word's forms too (polsi, polisen)
    if (q.length >= 5) {
      const limit = q.length >= 9 ? 2 : 1;
      let d = distance(q, w, limit);
      if (d > limit && ws.length >= 5 && ws !== w) d = distance(qs, ws, limit);
      if (d <= limit) return 0.65 - 0.1 * (d - 1);
    }
    // a typo in the last part of a compound (psykatri in vuxenpsykiatrin)
    if (typoInLastPart(q, w)) return 0.6;
    return 0;
  }

  /** Does the typed word `q` end with the site's word `w` after a first part of at
   * least three letters (idrottsförening, förening)? Only words of five letters or more
   * count as the last part, so that "barnpsyk" does not end in a word. */
  function endsInWord(q, w) {
    return w.length >= 5 && q.length >= w.length + 3 && q.endsWith(w);
  }

  /** Is the typed word `q` one letter off the last part of the site's word `w` (with
   * an ending of up to three letters after it), the part starting with the letter typed
   * first? Words of six letters or more only; the first or last three typed letters
   * must be in `w`'s end, which keeps this cheap on every keystroke. */
  function typoInLastPart(q, w) {
    if (q.length < 6 || w.length < q.length + 2) return false;
    // one letter off leaves the first or the last three letters as typed, in w's end
    const end = w.slice(-q.length - 4);
    if (!end.includes(q.slice(0, 3)) && !end.includes(q.slice(-3))) return false;
    for (let drop = 0; drop <= 3; drop++) {
      for (let size = q.length - 1; size <= q.length + 1; size++) {
        const start = w.length - drop - size;
        // the part begins with the typed first letter: "mammans" is not "(till)sammans"
        if (start > 2 && w[start] === q[0] &&
            distance(q, w.slice(start, w.length - drop), 1) <= 1) return true;
      }
    }
    return false;
  }


  // Weight of a word found in each field of a document. The title and the page's own
  // keywords say what the page is about; the text only that it mentions it.
  const FIELDS = { title: 6, keywords: 5, text: 1 };
  // BM25's usual constants: a word repeated counts less each time, and a mention in a
  // long section (the list of all rules) less than in a short one.
  const K1 = 1.2;
  const B = 0.75;
  // A title is normalised by its length too, less: a word that is most of a short title
  // ("Om Kronobarnsmodellen") says more than the same word in a long one (a routine's
  // full title, which names Kronobarnsmodellen as well).
  const B_TITLE = 0.5;
  // A page's own document (its title and introduction) over one of its sections.
  const PAGE_BOOST = 1.25;
  // How many of the best documents get their matched words marked.
  const HIGHLIGHTED = 30;
  const NONE = new Set();

  class Index {
    /**
     * @param config the search index's config (with `kb_terms`: the glossary terms,
     *   their abbreviations and their everyday names)
     * @param docs Material's documents: location, title, text (HTML), keywords
     */
    constructor(config, docs) {
      this.docs = docs;
      // word (lower case) -> {word: describe(word), idf, postings: Map doc -> score}
      this.vocabulary = new Map();
      const lengths = docs.map(doc => words(plain(doc.text || "")).length);
      const titleLengths = docs.map(doc => words(doc.title || "").length);
      const averageTitle = titleLengths.reduce((a, b) => a + b, 0) /
        Math.max(1, docs.length) || 1;
      this.flats = docs.map(doc => ` ${flat(doc.title + " " + plain(doc.text || ""))} `);
      const average = lengths.reduce((a, b) => a + b, 0) / Math.max(1, docs.length) || 1;
      docs.forEach((doc, number) => {
        for (const [field, weight] of Object.entries(FIELDS)) {
          const value = doc[field];
          if (!value) continue;
          const text = Array.isArray(value) ? value.join(" ") : plain(value);
          const counts = new Map();
          for (const word of words(text)) counts.set(word, (counts.get(word) || 0) + 1);
          let norm = 1;
          if (field === "text") norm = 1 - B + B * lengths[number] / average;
          if (field === "title") {
            norm = 1 - B_TITLE + B_TITLE * titleLengths[number] / averageTitle;
          }
          for (const [word, count] of counts) {
            const entry = this.entry(word);
            const score = weight * count * (K1 + 1) / (count + K1 * norm);
            entry.postings.set(number, (entry.postings.get(number) || 0) + score);
          }
        }
      });
      for (const entry of this.vocabulary.values()) {
        const df = entry.postings.size;
        entry.idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
      }
      this.entries = [...this.vocabulary.entries()];
      const meaningful = text => words(text).filter(w => !isStop(w));
      this.terms = (config.kb_terms || []).map(term => ({
        alternatives: term.forms.map(meaningful).filter(tokens => tokens.length),
        // a form of several words as written ("barn som närstående"), for the bonus below
        phrases: term.forms.filter(form => words(form).length > 1)
          .map(form => ` ${flat(form)} `),
        names: term.names.map(name => meaningful(name).map(describe))
          .filter(tokens => tokens.length),
        broader: [],
      }));
      // A term that is another term's name (BUP is a specialistverksamhet) also counts
      // as that term when it is searched for by one of its own names ("barnpsyk").
      const phrase = text => meaningful(text).map(fold).join(" ");
      (config.kb_terms || []).forEach((term, i) => {
        const forms = new Set(term.forms.map(phrase));
        (config.kb_terms || []).forEach((other, j) => {
          if (i !== j && other.names.some(name => forms.has(phrase(name)))) {
            this.terms[i].broader.push(this.terms[j]);
          }
        });
      });
      this.cache = new Map();
    }

    entry(word) {
      let entry = this.vocabulary.get(word);
      if (!entry) {
        entry = { word: describe(word), idf: 0, postings: new Map(), stop: isStop(word) };
        this.vocabulary.set(word, entry);
      }
      return entry;
    }

    /** The site's words that match the word `q` (lower case), with their quality. */
    candidates(q, minimum = 0) {
      const key = q + "\u0000" + minimum;
      if (this.cache.has(key)) return this.cache.get(key);
      const typed = describe(q);
      const found = [];
      for (const [word, entry] of this.entries) {
        // a function word of the site counts only as itself: "mamma" is not "samma"
        if (entry.stop && entry.word.folded !== typed.folded) continue;
        const value = quality(typed, entry.word);
        if (value > minimum) found.push([word, value]);
      }
      if (this.cache.size > 2000) this.cache.clear();
      this.cache.set(key, found);
      return found;
    }

    /** Per document, the best score of any of these candidate words. */
    scores(found) {
      const result = new Map();
      for (const [word, value] of found) {
        const entry = this.vocabulary.get(word);
        for (const [doc, score] of entry.postings) {
          const s = value * entry.idf * score;
          if (s > (result.get(doc) || 0)) result.set(doc, s);
        }
      }
      return result;
    }

    /** Per document, how well it names a glossary term (all the words of a form). */
    termScores(term) {
      const result = new Map();
      for (const tokens of term.alternatives) {
        const each = tokens.map(token => this.scores(this.candidates(token, 0.74)));
        for (const [doc, first] of each[0]) {
          const rest = each.slice(1).map(scores => scores.get(doc) || 0);
          // every word must be there; then the mean counts, not the weakest word, or
          // "barn som närstående" would count only as "barn", which is on every page
          if (Math.min(first, ...rest) <= 0) continue;
          const score = [first, ...rest].reduce((a, b) => a + b) / tokens.length;
          if (score > (result.get(doc) || 0)) result.set(doc, score);
        }
      }
      // A document that says the term as written, not only its words apart, names it:
      // "en närstående" and "barnet" on a page about invitations is not "barn som
      // närstående" (the same bonus as a query's own phrase gets in search()).
      for (const [doc, score] of result) {
        if (term.phrases.some(form => this.flats[doc].includes(form))) result.set(doc, 2 * score);
      }
      return result;
    }

    /**
     * Search; return Material's result shape: groups of documents per page, best page
     * first, each with its title and text highlighted and the query words it matched.
     */
    search(query) {
      let tokens = words(query);
      const meaningful = tokens.filter(t => !isStop(t));
      if (meaningful.length) tokens = meaningful;
      tokens = [...new Set(tokens)].slice(0, 10);
      if (!tokens.length) return { items: [] };

      const marked = new Set();
      const perToken = tokens.map(token => {
        const found = this.candidates(token);
        for (const [word, value] of found) if (value >= 0.6) marked.add(word);
        return this.scores(found);
      });
      // Everyday names: a name whose every word is in the query counts as the term
      // (and as the broader term it is a name of, a little less).
      const typed = tokens.map(describe);
      const expansions = [];
      for (const term of this.terms) {
        for (const name of term.names) {
          const covered = [];
          let worst = 1;
          for (const w of name) {
            let best = 0;
            let which = -1;
            typed.forEach((token, i) => {
              const value = quality(token, w);
              if (value > best) { best = value; which = i; }
            });
            if (best < 0.6) { worst = 0; break; }
            worst = Math.min(worst, best);
            covered.push(which);
          }
          if (!worst) continue;
          expansions.push([term, covered, worst]);
          for (const broader of term.broader) expansions.push([broader, covered, 0.8 * worst]);
        }
      }
      // A term that explains several words of the query ("mammans psykiatri": a parent
      // in psychiatry, both names of barn som närstående) counts more than one that
      // explains a single word.
      const explained = new Map();
      for (const [term, covered] of expansions) {
        explained.set(term, new Set([...(explained.get(term) || []), ...covered]));
      }
      for (const [term, covered, worst] of expansions) {
        const scores = this.termScores(term);
        const weight = 0.9 * worst * (1 + 0.5 * (explained.get(term).size - 1));
        // Mark the telling word of each form, the longest, not the everyday ones in it
        // ("barn" in "barn som närstående" is on every page).
        for (const tokensOf of term.alternatives) {
          const telling = tokensOf.reduce((a, b) => (b.length > a.length ? b : a));
          for (const [word] of this.candidates(telling, 0.74)) marked.add(word);
        }
        for (const i of covered) {
          for (const [doc, score] of scores) {
            const s = weight * score;
            if (s > (perToken[i].get(doc) || 0)) perToken[i].set(doc, s);
          }
        }
      }

      const totals = new Map();
      perToken.forEach(scores => {
        for (const [doc, score] of scores) {
          const total = totals.get(doc) || { sum: 0, matched: 0 };
          total.sum += score;
          total.matched += 1;
          totals.set(doc, total);
        }
      });
      // The words of the query as written, in this order, count double: "barn som
      // närstående" is a phrase of the decision table, not three words anywhere.
      const phrase = query.trim().split(/\s+/).length > 1 ? ` ${flat(query)} ` : null;
      const ranked = [];
      for (const [doc, { sum, matched }] of totals) {
        const coverage = matched / tokens.length;
        const { location, boost } = this.docs[doc];
        let weight = (location.includes("#") ? 1 : PAGE_BOOST) * (boost || 1);
        if (phrase && this.flats[doc].includes(phrase)) weight *= 2;
        ranked.push([doc, sum * coverage * coverage * weight]);
      }
      ranked.sort((a, b) => b[1] - a[1]);
      if (!ranked.length) return { items: [] };
      // Documents far below the best are noise, and each costs rendering time.
      const floor = ranked[0][1] * 0.1;

      const groups = new Map();
      let shown = 0;
      for (const [number, score] of ranked) {
        if (score < floor) break;
        // Marking words is most of a search's time: the best documents get it, which
        // are the ones on screen; the rest (under "more") stay plain.
        const marks = shown++ < HIGHLIGHTED ? marked : NONE;
        const doc = this.docs[number];
        const page = doc.location.split("#")[0];
        if (!groups.has(page)) groups.set(page, []);
        const terms = {};
        tokens.forEach((token, i) => { terms[token] = perToken[i].has(number); });
        groups.get(page).push({
          location: doc.location,
          title: highlight(doc.title, marks),
          text: highlight(doc.text || "", marks),
          score,
          terms,
        });
      }
      // Material shows each group under its page: add the page if only sections matched.
      for (const [page, items] of groups) {
        if (!items.some(item => item.location === page)) {
          const doc = this.docs.find(d => d.location === page);
          if (doc) items.push({ location: doc.location, title: doc.title, text: doc.text,
            score: 0, terms: {} });
        }
      }
      return { items: [...groups.values()] };
    }
  }

  /** A text as folded words separated by single spaces, for finding phrases. */
  function flat(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(" ");
  }

  /** The text of an HTML fragment (the index's text is HTML). */
  function plain(html) {
    return html.replace(/<[^>]*>/g, " ").replace(/&[a-z]+;|&#\d+;/g, " ");
  }

  /** Wrap the words in `marked` (folded) in <mark>, outside tags and entities. */
  function highlight(html, marked) {
    if (!marked.size) return html;
    return html.split(/(<[^>]*>|&#?\w+;)/).map(part => /^[<&]/.test(part) ? part :
      part.replace(/[\p{L}\p{N}]+/gu, word => marked.has(word.toLowerCase())
        ? `<mark>${word}</mark>` : word)).join("");
  }

  scope.kbSearch = { fold, words, stem, describe, quality, distance, Index };
})(typeof self !== "undefined" ? self : globalThis);
