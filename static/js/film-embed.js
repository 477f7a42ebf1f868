// Films on other sites (templates/material/_films.html): the page shows a placeholder and
// fetches nothing from the other site until the reader presses "Visa filmen"; only then is
// the player's iframe inserted. Without JavaScript the link to the film still works.
(function () {
  "use strict";
  document.querySelectorAll(".film-placeholder[data-embed]").forEach(function (box) {
    var button = box.querySelector(".film-placeholder__button");
    if (!button) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = box.dataset.embed;
      frame.title = box.dataset.title;
      frame.className = "film-frame";
      frame.allow = "fullscreen; picture-in-picture";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      frame.tabIndex = 0;
      box.replaceChildren(frame);
      frame.focus();
    });
  });
})();
