/*
 * tcpstory default theme: turning pages with the arrow keys, and stepping through a chapter's events.
 * Without this script every page reads in full; with it, a chapter page gets the step-through panel: the
 * current event's card is marked and scrolled into view, both peers' states follow, the sequence diagram
 * lights the current arrow and veils what is still to come, the state diagrams light each peer's state, and
 * the window charts their event's column.
 * It reads only what the page carries in data-* attributes and builds nodes with the DOM: no HTML strings,
 * no eval, so it runs under the pages' Content-Security-Policy (script-src 'self').
 */
(function () {
  'use strict';

  var doc = document;
  var reducedMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function plainKey(event) {
    return !event.defaultPrevented && !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey
      && !typing(event.target) && !(event.target.closest && event.target.closest('.search'));
  }

  function fill(word, values) {
    return word.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  /** The step-through of a chapter page, or null on other pages. */
  function Stepper(root) {
    var total = parseInt(root.getAttribute('data-steps'), 10) || 0;
    var bar = root.querySelector('.stepper-bar');
    var count = root.querySelector('.step-count');
    var play = root.querySelector('[data-go=play]');
    var diagramToggle = root.querySelector('.step-diagram');
    var initial = root.getAttribute('data-initial').split(' ');
    var pills = {};
    // Every state a peer of this chapter is ever in is on its state path: its pill is cloned from there.
    Array.prototype.forEach.call(doc.querySelectorAll('.state-path .state'), function (pill) {
      pills[pill.textContent.toLowerCase()] = pill;
    });
    var nowStates = root.querySelectorAll('.step-state');
    var cards = [];
    Array.prototype.forEach.call(doc.querySelectorAll('.event[data-step]'), function (card) {
      cards[parseInt(card.getAttribute('data-step'), 10)] = card;
    });
    var figure = doc.getElementById('ts-diagram-sequence');
    var panel = figure && figure.querySelector('.diagram-panel');
    var svg = figure && figure.querySelector('svg');
    // Each arrow of the sequence diagram, by the line of the PlantUML source that drew it, and the first step
    // that reaches it (an arrival lights the arrow of its send, which was reached before).
    var arrowsByLine = {};
    var arrowStep = {};
    if (svg) {
      Array.prototype.forEach.call(svg.querySelectorAll('g.message[data-source-line]'), function (g) {
        arrowsByLine[g.getAttribute('data-source-line')] = g;
      });
    }
    cards.forEach(function (card, i) {
      var line = card && card.getAttribute('data-arrow');
      if (line !== null && line !== undefined && arrowsByLine[line] && !(line in arrowStep)) {
        arrowStep[line] = i;
      }
    });
    var veil = null;
    var paths = doc.querySelectorAll('.state-path');
    // The columns of the window charts and the rows of their tables, by step.
    var chartSteps = doc.querySelectorAll('.wc-step[data-step], .wc-numbers tr[data-step]');
    // The boxes of the full state diagram, by state name (CLOSED is drawn twice, at the top and the bottom).
    var stateBoxes = {};
    var states = doc.querySelector('#ts-diagram-states svg');
    if (states) {
      Array.prototype.forEach.call(states.querySelectorAll('text'), function (text) {
        var name = text.textContent.trim();
        var box = text.previousElementSibling;
        if (pills[name.toLowerCase()] && box && box.tagName.toLowerCase() === 'rect'
            && !(text.parentNode.getAttribute('class') || '').match(/legend/)) {
          (stateBoxes[name.toLowerCase()] = stateBoxes[name.toLowerCase()] || []).push(box);
        }
      });
    }
    var at = -1;
    var active = false;
    var timer = null;

    function statesAt(step) {
      var card = cards[step];
      return card ? card.getAttribute('data-states').split(' ') : initial;
    }

    function setClass(element, name, on) {
      if (element.classList.contains(name) !== on) {
        element.classList.toggle(name, on);
      }
    }

    function showStates(keys) {
      Array.prototype.forEach.call(nowStates, function (slot) {
        var key = keys[parseInt(slot.getAttribute('data-peer'), 10)];
        var pill = pills[key];
        if (pill && slot.textContent.toLowerCase() !== key) {
          slot.replaceChildren(pill.cloneNode(true));
        }
      });
      Object.keys(stateBoxes).forEach(function (key) {
        stateBoxes[key].forEach(function (box) {
          setClass(box, 'ts-now-0', active && keys[0] === key);
          setClass(box, 'ts-now-1', active && keys[1] === key);
        });
      });
      Array.prototype.forEach.call(paths, function (path) {
        var lit = null;
        Array.prototype.forEach.call(path.querySelectorAll('.state-path-stop'), function (stop) {
          if (parseInt(stop.getAttribute('data-step'), 10) <= at) {
            lit = stop;
          }
          setClass(stop, 'is-reached', active && parseInt(stop.getAttribute('data-step'), 10) <= at);
        });
        Array.prototype.forEach.call(path.querySelectorAll('.state-path-stop'), function (stop) {
          setClass(stop, 'is-current', active && stop === lit);
        });
      });
    }

    /** Dims the arrows still to come, lights the current one, and veils what lies below the story so far. */
    function showArrows(current) {
      if (!svg) {
        return;
      }
      var line = current ? current.getAttribute('data-arrow') : null;
      var currentArrow = line !== null ? arrowsByLine[line] : null;
      var threshold = Infinity;
      var reached = 0;
      Object.keys(arrowsByLine).forEach(function (l) {
        var g = arrowsByLine[l];
        var step = l in arrowStep ? arrowStep[l] : -1;
        var future = active && step > at;
        setClass(g, 'ts-future', future);
        setClass(g, 'ts-current', active && g === currentArrow);
        var box = g.getBBox();
        if (future) {
          threshold = Math.min(threshold, box.y);
        } else if (active) {
          reached = Math.max(reached, box.y + box.height);
        }
      });
      var view = svg.viewBox && svg.viewBox.baseVal;
      var height = view && view.height ? view.height : svg.getBBox().height;
      var width = view && view.width ? view.width : svg.getBBox().width;
      if (!veil) {
        veil = doc.createElementNS('http://www.w3.org/2000/svg', 'rect');
        veil.setAttribute('class', 'ts-veil');
        veil.setAttribute('x', '0');
        veil.setAttribute('width', String(width));
        svg.appendChild(veil);
      }
      var top = Math.max(threshold, reached) + 2;
      var show = active && threshold !== Infinity && top < height;
      veil.setAttribute('y', String(show ? top : height));
      veil.setAttribute('height', String(show ? height - top : 0));
      if (currentArrow && panel) {
        var arrowBox = currentArrow.getBoundingClientRect();
        var panelBox = panel.getBoundingClientRect();
        if (arrowBox.top < panelBox.top || arrowBox.bottom > panelBox.bottom) {
          panel.scrollTop += arrowBox.top - panelBox.top - panelBox.height / 3;
        }
      }
    }

    function render(scroll) {
      var current = active ? cards[at] : null;
      cards.forEach(function (card, i) {
        if (card) {
          setClass(card, 'is-current', card === current);
          setClass(card, 'is-past', active && i < at);
        }
      });
      showStates(active ? statesAt(at) : initial);
      showArrows(current);
      Array.prototype.forEach.call(chartSteps, function (element) {
        setClass(element, 'is-current', active && parseInt(element.getAttribute('data-step'), 10) === at);
      });
      count.textContent = active && at >= 0
        ? fill(root.getAttribute('data-count'), {n: at + 1, total: total})
        : root.getAttribute('data-start');
      root.querySelector('[data-go=first]').disabled = active && at < 0;
      root.querySelector('[data-go=previous]').disabled = active && at < 0;
      root.querySelector('[data-go=next]').disabled = at >= total - 1;
      root.querySelector('[data-go=last]').disabled = at >= total - 1;
      if (scroll && current) {
        current.scrollIntoView({block: 'center', behavior: reducedMotion ? 'auto' : 'smooth'});
      }
    }

    function go(step) {
      active = true;
      at = Math.max(-1, Math.min(total - 1, step));
      render(true);
    }

    function stopPlaying() {
      if (timer !== null) {
        clearInterval(timer);
        timer = null;
        play.setAttribute('aria-pressed', 'false');
        play.setAttribute('aria-label', play.getAttribute('data-play'));
        play.title = play.getAttribute('data-play');
      }
    }

    function startPlaying() {
      if (at >= total - 1) {
        go(-1);
      }
      play.setAttribute('aria-pressed', 'true');
      play.setAttribute('aria-label', play.getAttribute('data-pause'));
      play.title = play.getAttribute('data-pause');
      timer = setInterval(function () {
        if (at >= total - 1) {
          stopPlaying();
        } else {
          go(at + 1);
        }
      }, 1600);
    }

    var actions = {
      first: function () { go(-1); },
      previous: function () { go(at - 1); },
      next: function () { go(active ? at + 1 : 0); },
      last: function () { go(total - 1); }
    };

    bar.addEventListener('click', function (event) {
      var button = event.target.closest('button');
      if (!button) {
        return;
      }
      if (button === diagramToggle) {
        var open = diagramToggle.getAttribute('aria-expanded') !== 'true';
        diagramToggle.setAttribute('aria-expanded', String(open));
        doc.body.classList.toggle('show-sequence', open);
        return;
      }
      var what = button.getAttribute('data-go');
      if (what === 'play') {
        if (timer === null) {
          startPlaying();
        } else {
          stopPlaying();
        }
        return;
      }
      stopPlaying();
      if (actions[what]) {
        actions[what]();
      }
    });

    // Inside the toolbar the arrow keys step through the events, Home and End go to either end.
    bar.addEventListener('keydown', function (event) {
      var keys = {ArrowLeft: 'previous', ArrowRight: 'next', Home: 'first', End: 'last'};
      if (keys[event.key] && !event.altKey && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        stopPlaying();
        actions[keys[event.key]]();
      }
    });

    // A click on a card (not on one of its links) steps to it.
    cards.forEach(function (card, i) {
      if (card) {
        card.addEventListener('click', function (event) {
          if (!event.target.closest('a')) {
            stopPlaying();
            active = true;
            at = i;
            render(false);
          }
        });
      }
    });

    // A click on a column of a window chart steps to its event.
    Array.prototype.forEach.call(doc.querySelectorAll('.wc-step[data-step]'), function (column) {
      column.addEventListener('click', function () {
        stopPlaying();
        go(parseInt(column.getAttribute('data-step'), 10));
      });
    });

    root.hidden = false;
    doc.body.classList.add('has-stepper');
    render(false);

    return {
      owns: function (element) { return bar.contains(element); },
      step: function (delta) { stopPlaying(); if (delta > 0) { actions.next(); } else { actions.previous(); } }
    };
  }

  var stepperRoot = doc.getElementById('ts-stepper');
  var stepper = stepperRoot && parseInt(stepperRoot.getAttribute('data-steps'), 10) > 0 ? Stepper(stepperRoot) : null;

  var hint = doc.querySelector('.keys-hint');
  if (hint) {
    hint.hidden = false;
  }

  // The book menu is open beside the text on a wide screen (CSS shows it there even when closed, for readers
  // without script; open, it is open for assistive technology too); on a phone it closes once a place is chosen.
  var menu = doc.getElementById('ts-menu');
  if (menu && window.matchMedia('(min-width: 1100px)').matches) {
    menu.open = true;
  }
  if (menu) {
    menu.addEventListener('click', function (event) {
      if (event.target.closest('a') && window.matchMedia('(max-width: 1099px)').matches) {
        menu.open = false;
      }
    });
  }

  doc.addEventListener('keydown', function (event) {
    if (!plainKey(event)) {
      return;
    }
    if ((event.key === 'ArrowLeft' || event.key === 'ArrowRight') && !(stepper && stepper.owns(event.target))) {
      var link = doc.querySelector(event.key === 'ArrowLeft' ? 'a[rel=prev]' : 'a[rel=next]');
      if (link) {
        event.preventDefault();
        window.location.href = link.href;
      }
    } else if (stepper && (event.key === 'j' || event.key === 'k')) {
      event.preventDefault();
      stepper.step(event.key === 'j' ? 1 : -1);
    }
  });
})();
