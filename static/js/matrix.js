// Phases step: show the role boxes only for chosen phases (or where text was already written).
// Without JavaScript every box is shown, which works too.
(function () {
  "use strict";
  document.querySelectorAll(".matrix-phase").forEach(function (phase) {
    var checkbox = phase.querySelector("legend input[type=checkbox]");
    var roles = phase.querySelector(".matrix-phase__roles");
    if (!checkbox || !roles) { return; }
    function hasText() {
      return Array.prototype.some.call(roles.querySelectorAll("textarea"), function (t) {
        return t.value.trim() !== "";
      });
    }
    function update() { roles.hidden = !checkbox.checked && !hasText(); }
    checkbox.addEventListener("change", update);
    update();
  });
})();
