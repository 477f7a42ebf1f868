// Effort page: ticking a checklist item saves it in the background instead of reloading the
// page. The form posts with fetch and asks for JSON; the item, its phase's count and a polite
// "Sparat" follow the server's answer. If saving fails the item goes back to what it was and
// the message says so. Without JavaScript the same form posts and the page comes back at the
// item, its phase open.
(function () {
  "use strict";

  function setChecked(item, checked) {
    item.classList.toggle("is-checked", checked);
    item.querySelector(".check-button").setAttribute("aria-pressed", checked ? "true" : "false");
    // What the next press asks for: untick a ticked item, tick an unticked one.
    item.querySelector("input[name=klar]").value = checked ? "0" : "1";
  }

  function tick(form, event) {
    event.preventDefault();
    if (form.dataset.busy === "1") { return; }
    var item = form.closest("li");
    var phase = form.closest(".effort-phase");
    var status = phase.querySelector(".effort-phase__status");
    var was = item.classList.contains("is-checked");
    var body = new FormData(form);
    form.dataset.busy = "1";
    status.textContent = "";
    status.classList.remove("is-error");
    setChecked(item, !was);
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: {
        "Accept": "application/json",
        "X-CSRFToken": form.querySelector("input[name=csrfmiddlewaretoken]").value
      }
    })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (answer) {
        setChecked(item, answer.checked);
        item.querySelector(".effort-check__note").textContent = answer.note;
        var count = phase.querySelector(".effort-phase__count");
        if (count) { count.textContent = answer.count; }
        status.textContent = answer.message;
      })
      .catch(function () {
        setChecked(item, was);
        status.classList.add("is-error");
        status.textContent = status.dataset.error;
      })
      .finally(function () { delete form.dataset.busy; });
  }

  document.querySelectorAll(".effort-checklist form.effort-check").forEach(function (form) {
    form.addEventListener("submit", function (event) { tick(form, event); });
  });
})();
