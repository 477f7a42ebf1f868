// The error summary (templates/includes/error_summary.html) takes focus when the page loads, so
// a screen reader reads it first and a keyboard user starts from it. A link in it moves focus to
// its field and scrolls the field's label or legend into view too, which a plain jump to the
// input would hide above the top of the screen.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (field && field.matches("form, fieldset, section, p, div")) {
      // A refusal about a whole form (a review decision): its first control.
      field = field.querySelector("input:not([type=hidden]), select, textarea, button") || field;
    }
    if (!field) { return; }
    event.preventDefault();
    // A box in a group of choices: the group's question; any other field: its own label.
    var group = field.closest(".choice-group");
    var label = document.querySelector("label[for='" + CSS.escape(field.id) + "']");
    var shown = (group && group.querySelector("legend")) || label || field;
    shown.scrollIntoView();
    if (field.getBoundingClientRect().bottom > window.innerHeight) {
      field.scrollIntoView({ block: "nearest" });
    }
    field.focus({ preventScroll: true });
  });
})();
