// On phones the lists show their results first: the filter form folds away behind its
// "Filtrera" button (templates/includes/filters_toggle.html). Wider screens show the filters
// beside the results and never the button (static/css/site.css). Without this script the
// button stays hidden and the filters simply show.
(function () {
  "use strict";
  document.querySelectorAll("[data-filters-toggle]").forEach(function (button) {
    var panel = document.getElementById(button.getAttribute("aria-controls"));
    if (!panel) {
      return;
    }
    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      panel.classList.toggle("is-folded", !open);
    }
    setOpen(false);
    button.hidden = false;
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
  });
})();
