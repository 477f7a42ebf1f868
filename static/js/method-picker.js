// The method picker's search field (templates/includes/method_picker.html): Enter there runs
// the search, as its button does, instead of submitting the whole form (Enter in any other
// field submits it, through the picker's hidden default button). Without this script the
// "Sök metoder" button still works, and Enter in the search field submits the form.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-search-button]").forEach(function (input) {
    var button = document.getElementById(input.dataset.searchButton);
    if (!button) {
      return;
    }
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        button.click();
      }
    });
  });
});
