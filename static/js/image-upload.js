// "Lägg till bild" under a text box (templates/includes/image_upload.html): choose an image by
// keyboard or mouse, describe it, and it is uploaded through the markdownx upload URL (the same
// checks as drag and drop) and inserted where the cursor was, as ![text](address).
// An image dragged into the editor is inserted by markdownx without a description; the same
// field then asks for one. The server refuses a text with an image that has none.
(function () {
  "use strict";

  // markdownx indents on Tab and un-indents on Shift+Tab, so a keyboard user could not leave
  // the text box (WCAG 2.1.2, no keyboard trap) nor reach the button below it. Stop Tab on its
  // way down to the textarea: the browser then moves the focus as everywhere else.
  document.querySelectorAll(".markdownx").forEach(function (editor) {
    editor.addEventListener("keydown", function (event) {
      if (event.key === "Tab" && event.target.tagName === "TEXTAREA") { event.stopPropagation(); }
    }, true);
  });

  // Brackets would end the description early; line breaks are not allowed inside it.
  function cleanAlt(text) {
    return text.replace(/\s+/g, " ").replace(/\[/g, "(").replace(/\]/g, ")").trim();
  }

  function csrfToken(form) {
    var input = form && form.querySelector("input[name='csrfmiddlewaretoken']");
    return input ? input.value : "";
  }

  document.querySelectorAll("[data-image-upload]").forEach(function (box) {
    var textarea = document.getElementById(box.getAttribute("data-image-upload"));
    if (!textarea) { return; }
    var uploadUrl = box.getAttribute("data-upload-url");
    var choose = box.querySelector(".image-upload__choose");
    var fileInput = box.querySelector("input[type=file]");
    var describe = box.querySelector(".image-upload__describe");
    var fileName = box.querySelector(".image-upload__file");
    var altInput = describe.querySelector("input[type=text]");
    var altError = describe.querySelector(".field__errors");
    var insert = box.querySelector(".image-upload__insert");
    var cancel = box.querySelector(".image-upload__cancel");
    var status = box.querySelector(".image-upload__status");
    var message = function (name) { return box.getAttribute("data-message-" + name); };
    // What the description is for: a chosen file still to upload, or an image already in the
    // text (dragged in) whose code is to be completed.
    var pending = null;
    var cursor = { start: textarea.value.length, end: textarea.value.length };

    function showError(text) {
      altError.textContent = text;
      altInput.setAttribute("aria-invalid", text ? "true" : "false");
    }

    function open(state, label) {
      pending = state;
      fileName.textContent = label;
      showError("");
      status.textContent = "";
      describe.hidden = false;
      altInput.focus();
    }

    function close() {
      pending = null;
      describe.hidden = true;
      altInput.value = "";
      fileInput.value = "";
      showError("");
    }

    function putInText(code, start, end) {
      textarea.value = textarea.value.slice(0, start) + code + textarea.value.slice(end);
      textarea.focus();
      textarea.selectionStart = textarea.selectionEnd = start + code.length;
      // markdownx updates its preview on input.
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }

    function upload(file, alt) {
      var data = new FormData();
      data.append("image", file);
      data.append("csrfmiddlewaretoken", csrfToken(textarea.form));
      insert.disabled = true;
      status.textContent = message("uploading");
      fetch(uploadUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest" }
      }).then(function (response) {
        return response.json().catch(function () { return {}; });
      }).then(function (answer) {
        var address = answer.image_code && answer.image_code.match(/\]\((.*)\)$/);
        if (!address) {
          status.textContent = "";
          showError((answer.image && answer.image[0]) || message("failed"));
          altInput.focus();
          return;
        }
        close();
        putInText("![" + alt + "](" + address[1] + ")", cursor.start, cursor.end);
        status.textContent = message("inserted");
      }).catch(function () {
        status.textContent = "";
        showError(message("failed"));
      }).then(function () { insert.disabled = false; });
    }

    function describeDropped(code, alt) {
      var at = textarea.value.indexOf(code);
      if (at === -1) { close(); return; }
      var described = "![" + alt + "]" + code.slice(3);
      close();
      putInText(described, at, at + code.length);
      status.textContent = message("inserted");
    }

    function confirm() {
      var alt = cleanAlt(altInput.value);
      if (!alt) {
        showError(message("no-alt"));
        altInput.focus();
        return;
      }
      if (pending && pending.file) {
        upload(pending.file, alt);
      } else if (pending && pending.code) {
        describeDropped(pending.code, alt);
      }
    }

    choose.addEventListener("click", function () {
      cursor = { start: textarea.selectionStart, end: textarea.selectionEnd };
      fileInput.click();
    });
    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      if (file) { open({ file: file }, message("chosen") + " " + file.name); }
    });
    insert.addEventListener("click", confirm);
    // Enter in the description inserts the image instead of sending the whole form.
    altInput.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        confirm();
      }
    });
    cancel.addEventListener("click", function () {
      close();
      choose.focus();
    });
    // Drag and drop (and paste): markdownx has inserted ![](address); ask for the description.
    var editor = textarea.closest(".markdownx");
    if (editor) {
      editor.addEventListener("markdownx.fileUploadEnd", function (event) {
        var answer = event.detail && event.detail[0];
        var code = answer && answer.image_code;
        if (code && code.indexOf("![](") === 0) { open({ code: code }, message("dropped")); }
      });
    }
    box.hidden = false;
  });
})();
