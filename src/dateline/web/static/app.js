// Dateline: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  // Filter forms submit as soon as a select changes (typing still waits for Enter or the button).
  document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit(); });
  });
  // Empty fields stay out of the address, so filtered URLs are short and shareable.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (el) { if (el.name && !el.value) { el.disabled = true; } });
    });
  });
  // "/" focuses the search box, as on many sites; Escape leaves it.
  document.addEventListener("keydown", function (event) {
    var box = document.getElementById("top-q");
    if (!box) { return; }
    var typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement && document.activeElement.tagName);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey) { event.preventDefault(); box.focus(); }
    if (event.key === "Escape" && document.activeElement === box) { box.blur(); }
  });
  // A sentence reached by its link gets keyboard focus too, so screen readers start there.
  function focusTarget() {
    if (!location.hash) { return; }
    var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (el && el.classList.contains("sent")) { el.setAttribute("tabindex", "-1"); el.focus({ preventScroll: false }); }
  }
  window.addEventListener("hashchange", focusTarget);
  focusTarget();
}());
