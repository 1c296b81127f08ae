// The counter clerk's scans and uploads (Pages/Counter/Filing).
// Uploads with progress; the antiforgery token goes in a header so the server streams the files instead of
// buffering the form. Without script the forms post as they are (the token in the form field).
(function () {
  "use strict";
  if (!window.FormData || !window.XMLHttpRequest) return;
  Array.prototype.forEach.call(document.querySelectorAll("form.counter-upload"), function (form) {
    form.addEventListener("submit", function (e) {
      var files = form.querySelector("input[type=file]").files;
      if (!files.length) return;
      e.preventDefault();
      var progress = form.querySelector("progress"), error = form.querySelector("[role=alert]"), button = form.querySelector("button[type=submit]");
      var data = new FormData();
      data.append("kind", form.querySelector("[name=kind]").value); // first: the server knows it before the files stream in
      Array.prototype.forEach.call(files, function (file) { data.append("file", file, file.name); });
      var fail = function (msg) { button.disabled = false; error.textContent = msg; error.hidden = false; progress.hidden = true; };
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("RequestVerificationToken", form.querySelector("input[name=__RequestVerificationToken]").value);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = function (ev) { if (ev.lengthComputable) progress.value = Math.round(ev.loaded * 100 / ev.total); };
      xhr.onload = function () {
        if (xhr.status >= 200 && xhr.status < 300) {
          // A page shown after a failed post has ?handler=… in its address: go to the plain page instead.
          if (window.location.search) window.location.href = window.location.pathname + "#documents"; else window.location.reload();
          return;
        }
        var msg = xhr.statusText;
        try { var p = JSON.parse(xhr.responseText); msg = p.detail || msg; if (p.errors) msg = Object.values(p.errors)[0][0]; } catch (x) { }
        fail(msg);
      };
      xhr.onerror = function () { fail(form.getAttribute("data-network-error") || "Network error"); };
      error.hidden = true; progress.hidden = false; progress.value = 0; button.disabled = true;
      xhr.send(data);
    });
  });
})();
