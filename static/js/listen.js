// "Lyssna": reads a part of the page aloud with the browser's own speech synthesis, one
// sentence at a time, the sentence being read highlighted.
//
// - Only a Swedish voice that runs on the device (localService): a network voice would send
//   the text to the browser maker's service, and nothing here is sent anywhere. Without one,
//   or without speechSynthesis at all, the status region says so and nothing is read (an
//   English voice reading Swedish is worse than none).
// - The player (data-listen) is hidden in the HTML and shown here, so without JavaScript
//   there is no button that does nothing. Its buttons are real <button>s: Lyssna, Pausa,
//   Fortsätt, Stoppa; Escape stops too. Focus moves to the button that takes the place of the
//   one pressed.
// - The text is that of the elements data-listen-targets finds (a CSS selector list; in page
//   order, an element inside another found one read once), split into sentences
//   with Intl.Segmenter (a regular expression where it is missing). The sentence is highlighted
//   with the CSS Custom Highlight API, which leaves the page's DOM alone; where that API is
//   missing, a sentence within one text node is wrapped in a <span> while it is read, and
//   unwrapped again (the text nodes joined as they were) when it is done or stopped.
(function () {
  "use strict";

  var HIGHLIGHT = "listen-sentence";
  var BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, dt, dd, td, th, caption, figcaption, blockquote, pre";
  var VOICE_WAIT_MS = 2000;

  function normalise(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  // Sentences of a string as [start, end) offsets, without surrounding white space.
  function sentenceSpans(text) {
    var spans = [];
    function add(start, end) {
      while (start < end && /\s/.test(text.charAt(start))) { start++; }
      while (end > start && /\s/.test(text.charAt(end - 1))) { end--; }
      if (end > start && /[\p{L}\p{N}]/u.test(text.slice(start, end))) { spans.push([start, end]); }
    }
    if (typeof Intl !== "undefined" && Intl.Segmenter) {
      var segmenter = new Intl.Segmenter("sv", { granularity: "sentence" });
      Array.from(segmenter.segment(text)).forEach(function (part) {
        add(part.index, part.index + part.segment.length);
      });
    } else {
      var pattern = /[^.!?…]+(?:[.!?…]+["”’)]*|$)/g;
      var match;
      while ((match = pattern.exec(text)) !== null) {
        if (match[0] === "") { pattern.lastIndex++; continue; }
        add(match.index, match.index + match[0].length);
      }
    }
    return spans;
  }

  // The text nodes of the targets grouped by the block they are in, in reading order.
  function blocksOf(targets, player) {
    var groups = [];
    var current = null;
    targets.forEach(function (root) {
      var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
        acceptNode: function (node) {
          var parent = node.parentElement;
          if (!parent || player.contains(node) || parent.closest("script, style, [hidden], [aria-hidden=true], .visually-hidden")) {
            return NodeFilter.FILTER_REJECT;
          }
          return NodeFilter.FILTER_ACCEPT;
        }
      });
      var node;
      while ((node = walker.nextNode())) {
        var block = node.parentElement.closest(BLOCKS) || root;
        if (!root.contains(block)) { block = root; }
        if (!current || current.block !== block) {
          current = { block: block, nodes: [] };
          groups.push(current);
        }
        current.nodes.push(node);
      }
      current = null;
    });
    return groups;
  }

  // Each sentence as its start and end in the page's text nodes, with the text to speak. The
  // positions are kept rather than Ranges: a fresh Range is made when a sentence is shown.
  function sentencesOf(targets, player) {
    var sentences = [];
    blocksOf(targets, player).forEach(function (group) {
      var text = "";
      var starts = [];
      group.nodes.forEach(function (node) {
        starts.push(text.length);
        text += node.data;
      });
      function position(offset, isEnd) {
        for (var i = group.nodes.length - 1; i >= 0; i--) {
          if (starts[i] < offset || (starts[i] === offset && !isEnd)) {
            return [group.nodes[i], offset - starts[i]];
          }
        }
        return [group.nodes[0], 0];
      }
      sentenceSpans(text).forEach(function (span) {
        sentences.push({
          start: position(span[0], false),
          end: position(span[1], true),
          text: normalise(text.slice(span[0], span[1]))
        });
      });
    });
    return sentences;
  }

  function swedishVoice(voices) {
    var local = voices.filter(function (voice) {
      var lang = (voice.lang || "").toLowerCase().replace("_", "-");
      return lang.indexOf("sv") === 0 && voice.localService !== false;
    });
    var sweden = local.filter(function (voice) { return /^sv-se$/i.test(voice.lang.replace("_", "-")); });
    return sweden[0] || local[0] || null;
  }

  // The Swedish voice, once the browser has loaded its voices (they come asynchronously).
  function findVoice(synth, done) {
    var voice = swedishVoice(synth.getVoices() || []);
    if (voice) { done(voice); return; }
    var finished = false;
    function finish() {
      if (finished) { return; }
      finished = true;
      synth.removeEventListener("voiceschanged", check);
      window.clearTimeout(timer);
      done(swedishVoice(synth.getVoices() || []));
    }
    function check() {
      if (swedishVoice(synth.getVoices() || [])) { finish(); }
    }
    synth.addEventListener("voiceschanged", check);
    var timer = window.setTimeout(finish, VOICE_WAIT_MS);
  }

  function Highlighter() {
    this.wrapper = null;
    this.block = null;
  }
  Highlighter.prototype.show = function (sentence) {
    this.clear();
    var range = document.createRange();
    range.setStart(sentence.start[0], sentence.start[1]);
    range.setEnd(sentence.end[0], sentence.end[1]);
    if (window.CSS && CSS.highlights && typeof Highlight === "function") {
      CSS.highlights.set(HIGHLIGHT, new Highlight(range));
      return;
    }
    if (range.startContainer === range.endContainer && range.startContainer.nodeType === Node.TEXT_NODE) {
      var span = document.createElement("span");
      span.className = HIGHLIGHT;
      range.surroundContents(span);
      this.wrapper = span;
    } else {
      this.block = range.commonAncestorContainer.nodeType === Node.ELEMENT_NODE
        ? range.commonAncestorContainer : range.commonAncestorContainer.parentElement;
      this.block.classList.add(HIGHLIGHT + "-block");
    }
  };
  Highlighter.prototype.clear = function () {
    if (window.CSS && CSS.highlights) { CSS.highlights.delete(HIGHLIGHT); }
    if (this.wrapper) {
      var parent = this.wrapper.parentNode;
      while (this.wrapper.firstChild) { parent.insertBefore(this.wrapper.firstChild, this.wrapper); }
      parent.removeChild(this.wrapper);
      parent.normalize();
      this.wrapper = null;
    }
    if (this.block) {
      this.block.classList.remove(HIGHLIGHT + "-block");
      this.block = null;
    }
  };

  function Player(element) {
    this.element = element;
    var selector = element.getAttribute("data-listen-targets");
    var found = selector ? Array.prototype.slice.call(document.querySelectorAll(selector)) : [];
    this.targets = found.filter(function (target) {
      return !found.some(function (other) { return other !== target && other.contains(target); });
    });
    this.status = element.querySelector("[data-listen-status]");
    this.buttons = {};
    var self = this;
    ["play", "pause", "resume", "stop"].forEach(function (action) {
      var button = element.querySelector('[data-listen-action="' + action + '"]');
      self.buttons[action] = button;
      button.addEventListener("click", function () { self[action](); });
    });
    this.highlighter = new Highlighter();
    this.state = "idle";
    this.run = 0; // a new number per reading: events of a cancelled utterance are ignored
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && self.state !== "idle") {
        event.preventDefault();
        self.stop();
      }
    });
    window.addEventListener("pagehide", function () { self.stop(true); });
    element.hidden = false;
  }

  Player.prototype.show = function (state, focus) {
    this.state = state;
    this.element.setAttribute("data-listen-state", state);
    this.buttons.play.hidden = state !== "idle";
    this.buttons.pause.hidden = state !== "playing";
    this.buttons.resume.hidden = state !== "paused";
    this.buttons.stop.hidden = state === "idle";
    if (focus) { this.buttons[focus].focus(); }
  };

  Player.prototype.say = function (message) {
    this.status.textContent = message || "";
  };

  Player.prototype.play = function () {
    var self = this;
    var synth = window.speechSynthesis;
    if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
      this.say(this.element.getAttribute("data-listen-no-voice"));
      return;
    }
    var run = ++this.run;
    findVoice(synth, function (voice) {
      if (run !== self.run) { return; }
      if (!voice) {
        self.say(self.element.getAttribute("data-listen-no-voice"));
        return;
      }
      self.sentences = sentencesOf(self.targets, self.element);
      if (!self.sentences.length) { return; }
      self.voice = voice;
      self.say("");
      synth.cancel();
      self.show("playing", "pause");
      self.speak(run, 0);
    });
  };

  Player.prototype.speak = function (run, index) {
    var self = this;
    if (run !== this.run) { return; }
    if (index >= this.sentences.length) {
      this.finish(this.element.getAttribute("data-listen-done"));
      return;
    }
    var sentence = this.sentences[index];
    var utterance = new SpeechSynthesisUtterance(sentence.text);
    utterance.voice = this.voice;
    utterance.lang = this.voice.lang || "sv-SE";
    utterance.onstart = function () {
      if (run === self.run) { self.highlighter.show(sentence); }
    };
    utterance.onend = function () { self.speak(run, index + 1); };
    utterance.onerror = function (event) {
      if (run !== self.run || event.error === "interrupted" || event.error === "canceled") { return; }
      self.finish(self.element.getAttribute("data-listen-failed"));
    };
    window.speechSynthesis.speak(utterance);
  };

  Player.prototype.pause = function () {
    if (this.state !== "playing") { return; }
    window.speechSynthesis.pause();
    this.show("paused", "resume");
  };

  Player.prototype.resume = function () {
    if (this.state !== "paused") { return; }
    window.speechSynthesis.resume();
    this.show("playing", "pause");
  };

  Player.prototype.stop = function (leaving) {
    if (this.state === "idle") { return; }
    this.finish("", !leaving);
  };

  Player.prototype.finish = function (message, focus) {
    var wasFocused = this.element.contains(document.activeElement);
    this.run++;
    if (window.speechSynthesis) { window.speechSynthesis.cancel(); }
    this.highlighter.clear();
    this.show("idle", (focus !== false && wasFocused) ? "play" : null);
    this.say(message);
  };

  document.querySelectorAll("[data-listen]").forEach(function (element) {
    new Player(element);
  });
})();
