// casebook search client (docs/search.md §1, §2, §5, §6). No dependencies; the index is
// loaded by <script> tags, so it works over http(s), under any sub path and from file://.
// The build writes the transliteration table of generator/src/search/normalize.rs below.
var casebookSearch = (function () {
  'use strict';
  var T = __CASEBOOK_TRANSLIT__;
  var d = document, lang, meta, base, root, seq = 0, timer, lastQ, loaded;
  var got = {}, wait = {}, done = {}; // shard name ("t3", "d0") → data, promise, resolver
  var $ = function (id) { return d.getElementById(id); };
  var form, input, count, list, fallback, strings;

  // §1: case and diacritic folding, tokens of at most 40 code points.
  function fold(s) { return s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''); }
  function tokens(s) {
    return (fold(s).match(/[\p{Alphabetic}\p{N}]+/gu) || []).map(function (t) { return cps(t).slice(0, 40).join(''); });
  }
  function cps(s) { return Array.from(s); }
  function len(s) { return cps(s).length; }

  // §2: the transliteration key of a name.
  function key(t) {
    var k = cps(t).map(function (c) { var v = T.cyr[c]; return v == null ? c : v; }).join('');
    T.rules.forEach(function (r) { k = k.split(r[0]).join(r[1]); });
    return k;
  }

  // §4: FNV-1a over the first two code points.
  function bucket(text) {
    var h = 2166136261;
    cps(text).slice(0, 2).forEach(function (c) { h = Math.imul(h ^ c.codePointAt(0), 16777619) >>> 0; });
    return h % meta.buckets;
  }

  // §5: how well an index term matches a query word or key.
  function wordWeight(s, t) {
    if (s === t) return 1;
    if (t.indexOf(s) === 0 && len(s) >= 3 && len(t) - len(s) <= 6) return 1;
    if (s.indexOf(t) === 0 && len(t) >= 2) return 0.6;
    return 0;
  }
  function nameWeight(m, k) {
    if (m === k) return 1;
    if (len(k) >= 3 && m.indexOf(k) === 0) return 0.6;
    if (len(k) >= 4 && len(m) >= 4 && oneEdit(m, k)) return 0.4;
    return 0;
  }
  function oneEdit(a, b) {
    a = cps(a); b = cps(b);
    if (a.length > b.length) { var x = a; a = b; b = x; }
    var i = 0, n = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (b.length - a.length === 1) return a.slice(i).join('') === b.slice(i + 1).join('');
    if (b.length !== a.length) return false;
    for (i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
    return n === 1;
  }

  // Shards: one <script> each; a load error, a file that does not call back, or no answer in
  // 10 s rejects with the file's name.
  function load(name) {
    if (got[name]) return Promise.resolve(got[name]);
    if (!wait[name]) wait[name] = new Promise(function (ok, fail) {
      var s = d.createElement('script'), file = 'search/' + lang + '/' + name + '.js';
      var over, no = function () {
        if (over) return;
        over = 1; clearTimeout(t); delete wait[name]; s.remove(); fail(file);
      };
      var t = setTimeout(no, 10000);
      done[name] = function () { over = 1; clearTimeout(t); ok(got[name]); };
      s.onerror = no;
      s.onload = function () { if (!got[name]) no(); };
      s.src = base + name + '.js';
      d.head.appendChild(s);
    });
    return wait[name];
  }
  function arrived(l, name, data) {
    if (l !== lang || !meta || got[name]) return;
    got[name] = data;
    if (done[name]) done[name]();
  }

  // §5: the query, best results first; resolves to [[doc, matched, score], …].
  function search(q) {
    var words = tokens(q).slice(0, 12), keys = words.map(key);
    var need = {};
    words.forEach(function (w, i) { need['t' + bucket(w)] = need['t' + bucket(keys[i])] = 1; });
    return Promise.all(Object.keys(need).map(load)).then(function () {
      var totals = {};
      words.forEach(function (w, i) {
        var best = {}, k = keys[i];
        var consider = function (postings, weight) {
          for (var j = 0; j < postings.length; j += 3) {
            var doc = postings[j], s = weight * meta.boosts[postings[j + 1]] * (1 + Math.log(postings[j + 2]));
            if (s > (best[doc] || 0)) best[doc] = s;
          }
        };
        var terms = got['t' + bucket(w)], term, wt;
        for (term in terms) if (term[0] === 'w' && (wt = wordWeight(term.slice(1), w))) consider(terms[term], wt);
        terms = got['t' + bucket(k)];
        for (term in terms) if (term[0] === 'n' && (wt = nameWeight(term.slice(1), k))) consider(terms[term], wt);
        for (var doc in best) {
          var tot = totals[doc] || (totals[doc] = [+doc, 0, 0]);
          tot[1]++; tot[2] += best[doc];
        }
      });
      var ranked = Object.keys(totals).map(function (doc) { return totals[doc]; });
      ranked.sort(function (a, b) {
        return b[1] - a[1] || Math.round(b[2] * 1e6) - Math.round(a[2] * 1e6) || a[0] - b[0];
      });
      ranked = ranked.slice(0, 10);
      var chunks = {};
      ranked.forEach(function (r) { chunks['d' + Math.floor(r[0] / meta.chunk)] = 1; });
      return Promise.all(Object.keys(chunks).map(load)).then(function () {
        return ranked.map(function (r) {
          var j = Math.floor(r[0] / meta.chunk), row = got['d' + j][r[0] % meta.chunk];
          if (!row) throw 'search/' + lang + '/d' + j + '.js';
          return row;
        });
      });
    });
  }

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; });
  }
  // Snippet words whose folded form matches a query word (equal, stem, prefix) or whose key
  // meets a query word's key (Bokayev for Бокаев) are marked.
  function marked(text, words) {
    var keys = words.map(key), out = '', at = 0;
    text.replace(/[\p{Alphabetic}\p{N}\p{M}]+/gu, function (m, i) {
      var f = tokens(m)[0] || '', k = key(f);
      var hit = f && words.some(function (w, j) { return wordWeight(f, w) || nameWeight(k, keys[j]) >= 0.6; });
      out += esc(text.slice(at, i)) + (hit ? '<mark>' + esc(m) + '</mark>' : esc(m));
      at = i + m.length;
      return m;
    });
    return out + esc(text.slice(at));
  }

  function say(text) { count.textContent = text; }
  function fmt(s, name, value) { return s.split('{' + name + '}').join(value); }
  function failed(file) {
    say(fmt(strings.error, 'file', file));
    list.innerHTML = '';
    fallback.hidden = false;
  }

  function run(q) {
    var n = ++seq, words = tokens(q).slice(0, 12);
    if (!q.trim()) { say(''); list.innerHTML = ''; list.removeAttribute('aria-busy'); return; }
    if (!meta) { if (loaded) failed('search/' + lang + '/meta.js'); return; } // else meta.js runs it
    list.setAttribute('aria-busy', 'true');
    search(q).then(function (docs) {
      if (n !== seq) return;
      list.removeAttribute('aria-busy');
      fallback.hidden = true;
      list.innerHTML = docs.map(function (doc) {
        var st = doc[2], label = st && (list.getAttribute('data-s-' + st) || st);
        return '<li><a href="' + esc(root + doc[0] + 'index.html') + '">' + esc(doc[1]) + '</a>' +
          (st ? ' <span class="badge s-' + esc(st) + '">' + esc(label) + '</span>' : '') +
          (doc[3] ? ' <p>' + marked(doc[3], words) + '</p>' : '') + '</li>';
      }).join('');
      say(docs.length ? fmt(strings.count, 'n', docs.length) : strings.none);
    }, function (file) {
      if (n !== seq) return;
      list.removeAttribute('aria-busy');
      failed(typeof file === 'string' ? file : String(file && file.message || file));
    });
  }

  function remember(q) {
    try {
      var u = new URL(location.href);
      if (q) u.searchParams.set('q', q); else u.searchParams.delete('q');
      history.replaceState(history.state, '', u.href);
    } catch (e) { /* an address that cannot be rewritten keeps its query */ }
  }

  function start() {
    if (lang) return true;
    form = $('search-form'); input = $('search-q'); count = $('search-count');
    list = $('search-results'); fallback = $('search-fallback');
    if (!form || !input || !count || !list) return false;
    fallback = fallback || d.createElement('div');
    strings = { count: form.getAttribute('data-count') || '{n}', none: form.getAttribute('data-none') || '0',
      error: form.getAttribute('data-error') || '{file}' };
    var tag = d.querySelector('script[data-search-meta]');
    if (!tag) return false;
    base = tag.src.replace(/meta\.js([?#].*)?$/, '');
    root = new URL('../../', base).href;
    lang = tag.src.replace(/\/meta\.js([?#].*)?$/, '').split('/').pop();
    form.hidden = false;
    fallback.hidden = true;
    form.addEventListener('submit', function (e) {
      e.preventDefault(); clearTimeout(timer); remember(input.value); run(input.value);
    });
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { if (input.value !== lastQ) { lastQ = input.value; remember(lastQ); run(lastQ); } }, 150);
    });
    lastQ = new URLSearchParams(location.search).get('q') || '';
    if (lastQ) input.value = lastQ;
    // meta.js not there (or broken) once the page has loaded: say so.
    var check = function () { loaded = 1; if (!meta) failed('search/' + lang + '/meta.js'); };
    if (d.readyState === 'complete') check(); else addEventListener('load', check);
    return true;
  }

  return {
    meta: function (l, m) {
      if (!lang && !start()) return;
      if (l !== lang || meta || !m || m.v !== 1 || !(m.buckets > 0) || !(m.chunk > 0)) return;
      meta = m;
      if (input.value) run(input.value);
    },
    terms: function (l, k, terms) { arrived(l, 't' + k, terms); },
    docs: function (l, j, docs) { arrived(l, 'd' + j, docs); },
    fold: fold, tokens: tokens, key: key, search: function (q) {
      return search(q).then(function (docs) { return docs.map(function (doc) { return doc[0]; }); });
    },
    start: start
  };
})();
if (document.readyState !== 'loading') casebookSearch.start(); else document.addEventListener('DOMContentLoaded', casebookSearch.start);
