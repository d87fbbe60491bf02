/*
 * tcpstory default theme: search across the chapters and state pages, offline and from file://.
 * The index is a script the build writes (assets/search-index.js); it is loaded the first time the reader
 * searches, so pages stay light. Queries match passages by substring, case-folded, every word of the query
 * in the same page: Chinese needs no word breaking (挥手 finds 挥手 wherever it stands). Results are built
 * with the DOM from the index's text, never as HTML.
 */
(function () {
  'use strict';

  var doc = document;
  var box = doc.getElementById('ts-search');
  if (!box) {
    return;
  }
  var input = box.querySelector('.search-input');
  var results = box.querySelector('.search-results');
  var status = box.querySelector('.search-status');
  var list = box.querySelector('.search-list');
  var root = box.getAttribute('data-root') || '';
  var docs = null;
  var loading = false;
  var waiting = [];
  var timer = null;
  var MAX_RESULTS = 20;
  var CONTEXT = 36;

  box.hidden = false;

  function fill(word, values) {
    return word.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  function fold(text) {
    return text.toLowerCase();
  }

  function prepare(index) {
    return index.docs.map(function (d, order) {
      return {
        href: d[0], title: d[1], kind: d[2], order: order, titleFolded: fold(d[1]),
        passages: d[3].map(function (p) { return {anchor: p[0], text: p[1], folded: fold(p[1])}; })
      };
    });
  }

  function load(then) {
    if (docs) {
      then();
      return;
    }
    waiting.push(then);
    if (loading) {
      return;
    }
    loading = true;
    showStatus(box.getAttribute('data-loading'));
    var script = doc.createElement('script');
    script.src = box.getAttribute('data-index');
    script.onload = function () {
      docs = window.tcpstorySearchIndex ? prepare(window.tcpstorySearchIndex) : [];
      waiting.splice(0).forEach(function (f) { f(); });
    };
    script.onerror = function () {
      loading = false;
      docs = null;
      waiting = [];
    };
    doc.head.appendChild(script);
  }

  function terms(query) {
    return fold(query).split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  function count(haystack, needle) {
    var n = 0;
    for (var at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
      n++;
    }
    return n;
  }

  /** Pages with every term, best first: title matches count most, then how often the terms occur. */
  function search(query) {
    var words = terms(query);
    if (!words.length) {
      return [];
    }
    var found = [];
    docs.forEach(function (d) {
      var score = 0;
      var best = null;
      var bestHits = 0;
      var missing = words.filter(function (w) {
        var inTitle = d.titleFolded.indexOf(w) >= 0;
        var inText = d.passages.some(function (p) { return p.folded.indexOf(w) >= 0; });
        return !inTitle && !inText;
      });
      if (missing.length) {
        return;
      }
      words.forEach(function (w) {
        if (d.titleFolded.indexOf(w) >= 0) {
          score += 20;
        }
      });
      d.passages.forEach(function (p) {
        var hits = 0;
        var kinds = 0;
        words.forEach(function (w) {
          var n = count(p.folded, w);
          hits += n;
          kinds += n > 0 ? 1 : 0;
        });
        score += hits;
        if (kinds * 1000 + hits > bestHits) {
          bestHits = kinds * 1000 + hits;
          best = p;
        }
      });
      found.push({doc: d, score: score, passage: best || d.passages[0], words: words});
    });
    found.sort(function (a, b) { return b.score - a.score || a.doc.order - b.doc.order; });
    return found;
  }

  /** The text with every term marked, as nodes. */
  function marked(text, words, into) {
    var folded = fold(text);
    var sameLength = folded.length === text.length;
    var at = 0;
    while (sameLength && at < text.length) {
      var next = -1;
      var length = 0;
      words.forEach(function (w) {
        var i = folded.indexOf(w, at);
        if (i >= 0 && (next < 0 || i < next || (i === next && w.length > length))) {
          next = i;
          length = w.length;
        }
      });
      if (next < 0) {
        break;
      }
      into.appendChild(doc.createTextNode(text.slice(at, next)));
      var mark = doc.createElement('mark');
      mark.textContent = text.slice(next, next + length);
      into.appendChild(mark);
      at = next + length;
    }
    into.appendChild(doc.createTextNode(text.slice(at)));
  }

  /** The passage around its first match, cut to a few dozen characters either side. */
  function excerpt(passage, words) {
    var first = -1;
    words.forEach(function (w) {
      var i = passage.folded.indexOf(w);
      if (i >= 0 && (first < 0 || i < first)) {
        first = i;
      }
    });
    var text = passage.text;
    var start = Math.max(0, first - CONTEXT);
    var end = Math.min(text.length, Math.max(first, 0) + CONTEXT * 3);
    return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
  }

  function showStatus(text) {
    results.hidden = false;
    status.textContent = text;
  }

  function show(query) {
    var found = search(query);
    list.replaceChildren();
    if (!terms(query).length) {
      results.hidden = true;
      return;
    }
    showStatus(found.length ? fill(box.getAttribute('data-count'), {n: found.length})
      : fill(box.getAttribute('data-none'), {q: query.trim()}));
    found.slice(0, MAX_RESULTS).forEach(function (r) {
      var item = doc.createElement('li');
      var link = doc.createElement('a');
      link.className = 'search-result';
      link.href = root + r.doc.href + (r.passage && r.passage.anchor ? '#' + r.passage.anchor : '');
      var kind = doc.createElement('span');
      kind.className = 'search-kind';
      kind.textContent = box.getAttribute(r.doc.kind === 'state' ? 'data-state' : 'data-chapter');
      var title = doc.createElement('span');
      title.className = 'search-title';
      marked(r.doc.title, r.words, title);
      link.appendChild(kind);
      link.appendChild(title);
      if (r.passage) {
        var text = doc.createElement('span');
        text.className = 'search-excerpt';
        marked(excerpt(r.passage, r.words), r.words, text);
        link.appendChild(text);
      }
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  function update() {
    var query = input.value;
    load(function () { show(query === input.value ? query : input.value); });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll('a'));
  }

  function close() {
    results.hidden = true;
  }

  input.addEventListener('focus', function () {
    load(function () {
      if (status.textContent === box.getAttribute('data-loading')) {
        status.textContent = '';
        results.hidden = !input.value;
      }
      if (input.value) {
        show(input.value);
      }
    });
  });

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(update, 60);
  });

  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown' && links().length) {
      event.preventDefault();
      links()[0].focus();
    } else if (event.key === 'Enter' && links().length) {
      event.preventDefault();
      window.location.href = links()[0].href;
    } else if (event.key === 'Escape') {
      if (input.value) {
        input.value = '';
        close();
      } else {
        input.blur();
      }
    }
  });

  list.addEventListener('keydown', function (event) {
    var all = links();
    var i = all.indexOf(doc.activeElement);
    if (event.key === 'ArrowDown' && i >= 0) {
      event.preventDefault();
      all[Math.min(all.length - 1, i + 1)].focus();
    } else if (event.key === 'ArrowUp' && i >= 0) {
      event.preventDefault();
      if (i === 0) {
        input.focus();
      } else {
        all[i - 1].focus();
      }
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
      input.focus();
    }
  });

  doc.addEventListener('click', function (event) {
    if (!box.contains(event.target)) {
      close();
    }
  });

  doc.addEventListener('keydown', function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === '/' && !typing && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
})();
