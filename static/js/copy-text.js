// "Kopiera": a <button data-copy-target="id" data-copy-status="id"> copies the text of the
// element it names and says so in the status element (a live region). Without this script the
// button stays hidden and the text is there to select and copy by hand.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var source = document.getElementById(button.dataset.copyTarget);
    var status = document.getElementById(button.dataset.copyStatus);
    if (!source || !status || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.textContent.replace(/\s+/g, " ").trim();
      navigator.clipboard.writeText(text).then(
        function () { status.textContent = button.dataset.copied; },
        function () {
          // Select the text instead, so the reader can copy it with the keyboard.
          var range = document.createRange();
          range.selectNodeContents(source);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          status.textContent = button.dataset.failed;
        }
      );
    });
  });
});
