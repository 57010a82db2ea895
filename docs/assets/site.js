/* Escape dismisses an open glossary definition (WCAG 1.4.13); it shows again on the next hover or focus. */
document.addEventListener("keydown", function (ev) {
  if (ev.key !== "Escape") return;
  document.querySelectorAll(".st-term:hover, .st-term:focus-within").forEach(function (t) { t.classList.add("is-dismissed"); });
});
["mouseout", "focusout"].forEach(function (type) {
  document.addEventListener(type, function (ev) {
    var t = ev.target.closest && ev.target.closest(".st-term");
    if (t) t.classList.remove("is-dismissed");
  });
});
/* Printing opens collapsed content, except quiz answers: a printed quiz is a worksheet. */
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details:not(.st-q__answer)").forEach(function (d) { d.open = true; });
});
/* Wide tables scroll sideways on phones: make each scrolling wrapper reachable and named for keyboard users
   (WCAG 2.1.1). Material adds the wrapper at run time, so this runs after it, on each page it mounts. */
(window.document$ || { subscribe: function (f) { document.addEventListener("DOMContentLoaded", f); } }).subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (w) {
    if (w.scrollWidth > w.clientWidth && !w.hasAttribute("tabindex")) {
      w.setAttribute("tabindex", "0");
      w.setAttribute("role", "region");
      w.setAttribute("aria-label", "Table (scrolls sideways)");
    }
  });
});
