// markdownx inserts the English text "Invalid response" when an upload is refused. Show the
// server's Swedish reason next to the editor instead, and take the stray text out again.
(function () {
  "use strict";
  document.querySelectorAll(".markdownx").forEach(function (editor) {
    var textarea = editor.querySelector("textarea");
    var status = document.createElement("p");
    status.className = "field__errors";
    status.setAttribute("role", "alert");
    editor.appendChild(status);
    editor.addEventListener("markdownx.fileUploadError", function (event) {
      var message = "Bilden kunde inte laddas upp.";
      try {
        var response = event.detail && event.detail[0];
        if (response && response.image && response.image.length) { message = response.image[0]; }
      } catch (e) { /* keep the general message */ }
      status.textContent = message;
      setTimeout(function () {
        if (textarea) { textarea.value = textarea.value.replace("Invalid response", ""); }
      }, 0);
    });
    editor.addEventListener("markdownx.fileUploadEnd", function () { status.textContent = ""; });
  });
})();
