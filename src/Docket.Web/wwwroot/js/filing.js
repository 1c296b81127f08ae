// Docket filing wizard: live fee estimate and upload progress. Plain script, no library; pages work without it.
(function () {
  "use strict";
  var matter = document.getElementById("matter");
  var amount = document.getElementById("claimAmount");
  var fee = document.getElementById("fee");
  if (matter && amount && fee) {
    var timer = null;
    var update = function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var m = matter.value;
        if (!m) { fee.textContent = "—"; return; }
        var q = "/api/v1/fees/quote?matter=" + encodeURIComponent(m);
        var a = amount.value.replace(/[,，\s]/g, "");
        if (a) q += "&amount=" + encodeURIComponent(a);
        fetch(q, { headers: { "Accept": "application/json", "Accept-Language": document.documentElement.lang } })
          .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
          .then(function (r) {
            if (r.ok) fee.textContent = r.body.fee + " " + (document.documentElement.lang === "en" ? "yuan" : "元");
            else fee.textContent = (r.body && r.body.errors && Object.values(r.body.errors)[0][0]) || "—";
          })
          .catch(function () { fee.textContent = "—"; });
      }, 250);
    };
    matter.addEventListener("change", update);
    amount.addEventListener("input", update);
  }

  var form = document.getElementById("upload");
  if (form && window.XMLHttpRequest && window.FormData) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var progress = document.getElementById("upload-progress");
      var error = document.getElementById("upload-error");
      var button = form.querySelector("button[type=submit]");
      var token = form.querySelector("input[name=__RequestVerificationToken]").value;
      var data = new FormData();
      // The kind goes first so the server knows it before the file streams in.
      data.append("kind", form.querySelector("select[name=kind]").value);
      var file = form.querySelector("input[type=file]").files[0];
      if (!file) return;
      data.append("file", file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("RequestVerificationToken", token);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = function (ev) { if (ev.lengthComputable) progress.value = Math.round(ev.loaded * 100 / ev.total); };
      xhr.onload = function () {
        button.disabled = false;
        if (xhr.status >= 200 && xhr.status < 300) { window.location.reload(); return; }
        var msg = xhr.statusText;
        try { var p = JSON.parse(xhr.responseText); msg = p.detail || msg; if (p.errors) msg = Object.values(p.errors)[0][0]; } catch (x) { }
        error.textContent = msg; error.hidden = false; progress.hidden = true;
      };
      xhr.onerror = function () { button.disabled = false; error.textContent = "Network error"; error.hidden = false; };
      error.hidden = true; progress.hidden = false; progress.value = 0; button.disabled = true;
      xhr.send(data);
    });
  }
})();
