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

  // Uploads with progress: the materials form (#upload) and the fee voucher and judicial-aid evidence forms
  // (.js-upload). The antiforgery token goes in a header, so the server streams the body instead of buffering it.
  var RESUMABLE_FROM = 8 * 1024 * 1024, CHUNK = 2 * 1024 * 1024;

  function problemText(xhr) {
    try { var p = JSON.parse(xhr.responseText); return p.errors ? Object.values(p.errors)[0][0] : (p.detail || xhr.statusText); }
    catch (x) { return xhr.statusText || "Network error"; }
  }

  function resumable(form, file, kind, token, progress, error, button) {
    var base = form.action.replace("/Filings/Upload/", "/Filings/Uploads/");
    var send = function (method, url, body, headers, done) {
      var xhr = new XMLHttpRequest();
      xhr.open(method, url);
      xhr.setRequestHeader("RequestVerificationToken", token);
      xhr.setRequestHeader("Accept", "application/json");
      Object.keys(headers).forEach(function (h) { xhr.setRequestHeader(h, headers[h]); });
      xhr.onload = function () { done(xhr); };
      xhr.onerror = function () { done(null); };
      xhr.send(body);
    };
    var fail = function (msg) { button.disabled = false; error.textContent = msg; error.hidden = false; if (progress) progress.hidden = true; };
    var retries = 0, uploadUrl = null;
    var next = function (offset) {
      if (progress) progress.value = Math.round(offset * 100 / file.size);
      send("PATCH", uploadUrl, file.slice(offset, offset + CHUNK), { "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream" }, function (xhr) {
        if (xhr && xhr.status === 201) { window.location.reload(); return; }
        if (xhr && xhr.status === 204) { retries = 0; next(parseInt(xhr.getResponseHeader("Upload-Offset"), 10)); return; }
        if (xhr && xhr.status !== 409 && xhr.status < 500) { fail(problemText(xhr)); return; }
        // Dropped, or the offset moved on: ask where the server is and go on from there.
        if (++retries > 20) { fail("Network error"); return; }
        setTimeout(function () {
          send("GET", uploadUrl, null, {}, function (s) {
            if (s && s.status === 200) next(JSON.parse(s.responseText).offset); else next(offset);
          });
        }, Math.min(1000 * retries, 10000));
      });
    };
    error.hidden = true; if (progress) { progress.hidden = false; progress.value = 0; } button.disabled = true;
    send("POST", base, JSON.stringify({ kind: kind, fileName: file.name, bytes: file.size }), { "Content-Type": "application/json" }, function (xhr) {
      if (!xhr || xhr.status !== 201) { fail(xhr ? problemText(xhr) : "Network error"); return; }
      uploadUrl = base + "/" + JSON.parse(xhr.responseText).uploadId;
      next(0);
    });
  }

  var forms = document.querySelectorAll("form#upload, form.js-upload");
  Array.prototype.forEach.call(forms, function (form) {
    if (!window.XMLHttpRequest || !window.FormData) return;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var progress = form.querySelector("progress");
      var error = form.querySelector("[role=alert]");
      var button = form.querySelector("button[type=submit]");
      var token = form.querySelector("input[name=__RequestVerificationToken]").value;
      var data = new FormData();
      // The kind goes first so the server knows it before the file streams in.
      var kind = form.querySelector("[name=kind]");
      if (kind) data.append("kind", kind.value);
      var many = form.querySelector("input[data-photos]");
      if (many) {
        // Several photos of one paper, in the order chosen: the server makes them one PDF.
        if (!many.files.length) return;
        Array.prototype.forEach.call(many.files, function (f) { data.append("file", f, f.name); });
      } else {
        // A file chosen from storage, or a photo just taken with the camera.
        var file = form.querySelector("input[name=file]").files[0] || (form.querySelector("input[name=camera]") || { files: [] }).files[0];
        if (!file) return;
        data.append("file", file, file.name);
      }
      // Big files from a phone go in chunks that resume after a dropped connection.
      var single = !many && file && file.size > RESUMABLE_FROM && form.id === "upload";
      if (single) { resumable(form, file, kind ? kind.value : "", token, progress, error, button); return; }
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("RequestVerificationToken", token);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = function (ev) { if (ev.lengthComputable && progress) progress.value = Math.round(ev.loaded * 100 / ev.total); };
      xhr.onload = function () {
        button.disabled = false;
        if (xhr.status >= 200 && xhr.status < 300) { window.location.reload(); return; }
        var msg = xhr.statusText;
        try { var p = JSON.parse(xhr.responseText); msg = p.detail || msg; if (p.errors) msg = Object.values(p.errors)[0][0]; } catch (x) { }
        error.textContent = msg; error.hidden = false; if (progress) progress.hidden = true;
      };
      xhr.onerror = function () { button.disabled = false; error.textContent = form.getAttribute("data-network-error") || "Network error"; error.hidden = false; };
      error.hidden = true; if (progress) { progress.hidden = false; progress.value = 0; } button.disabled = true;
      xhr.send(data);
    });
  });
})();

// Drafts save themselves as the filer types (phones lose pages: a call, a locked screen, a dropped signal).
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-autosave]");
  Array.prototype.forEach.call(forms, function (form) {
    var status = form.querySelector(".autosave-status");
    var timer = null, dirty = false, saving = false;
    var lang = document.documentElement.lang;
    var say = function (zh, en) { if (status) status.textContent = lang === "en" ? en : zh; };
    var save = function () {
      if (saving) { dirty = true; return; }
      saving = true; dirty = false;
      var data = new FormData(form);
      data.set("Command", "save");
      var handler = form.getAttribute("action");
      fetch(handler, { method: "POST", body: data, headers: { "X-Autosave": "1", "Accept": "application/json", "RequestVerificationToken": data.get("__RequestVerificationToken") } })
        .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
        .then(function (r) {
          if (r.ok) say("草稿已自动保存 " + new Date().toLocaleTimeString(), "Draft saved " + new Date().toLocaleTimeString());
          else say("未能自动保存：" + (r.body.errors ? Object.values(r.body.errors)[0][0] : r.body.detail), "Not saved: " + (r.body.errors ? Object.values(r.body.errors)[0][0] : r.body.detail));
        })
        .catch(function () { say("网络中断，稍后将重试保存", "Offline; will retry saving"); dirty = true; })
        .then(function () { saving = false; if (dirty) schedule(); });
    };
    var schedule = function () { clearTimeout(timer); timer = setTimeout(save, 1500); };
    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    form.addEventListener("submit", function () { clearTimeout(timer); });
  });
})();
