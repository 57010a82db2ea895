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
