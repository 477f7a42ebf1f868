// Live readability (LIX) for the textareas named by [data-lix-output]; the server shows the
// saved value, this keeps it current while typing. Same formula as core/readability.py.
(function () {
  "use strict";
  var WORD = /[A-Za-zÅÄÖåäöÉéÜü]+(?:-[A-Za-zÅÄÖåäö]+)*/g;
  var SENTENCE_END = /[.!?:]+(?:\s|$)|\n\s*\n|\n\s*[-*]\s/;

  function lix(text) {
    var words = text.match(WORD) || [];
    if (!words.length) { return null; }
    var sentences = text.trim().split(SENTENCE_END).filter(function (s) {
      return s.match(WORD);
    }).length || 1;
    var long = words.filter(function (w) { return w.length > 6; }).length;
    return Math.round(words.length / sentences + (100 * long) / words.length);
  }

  document.querySelectorAll("[data-lix-output]").forEach(function (hint) {
    var field = document.getElementById(hint.getAttribute("data-lix-output"));
    var output = hint.querySelector("output");
    if (!field || !output) { return; }
    var timer;
    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var value = lix(field.value);
        output.textContent = value === null ? "–" : String(value);
      }, 300);
    });
  });
})();
