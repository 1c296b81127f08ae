// Behaviour that pages declare in markup, so that no page needs inline script (the CSP allows none):
//   <form data-confirm="…">          asks before submitting
//   <button data-confirm="…">        asks before its form is submitted by it
//   <select data-autosubmit>         submits its form when changed
(function () {
  "use strict";
  document.addEventListener("submit", function (e) {
    var form = e.target;
    var by = e.submitter;
    var text = (by && by.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (text && !window.confirm(text)) e.preventDefault();
  }, true);
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) el.form.submit();
  });
})();
