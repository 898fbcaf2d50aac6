// Inline math wider than its line — a long list of values on a phone — would widen the whole
// page: MathJax 3 cannot break inline math across lines. Such formulas get the class
// dlopt-wide-math (book.css), which lets them scroll inside their own box.
"use strict";

function markWideMath() {
  document.querySelectorAll('mjx-container:not([display="true"])').forEach((math) => {
    const box = math.parentElement.matches("span.math") ? math.parentElement : math;
    box.classList.remove("dlopt-wide-math");
    const column = math.closest("article") || document.body;
    const right = column.getBoundingClientRect().right
      - parseFloat(getComputedStyle(column).paddingRight);
    if (math.getBoundingClientRect().right > right + 1) {
      box.classList.add("dlopt-wide-math");
    }
  });
}

window.addEventListener("load", () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    MathJax.startup.promise.then(markWideMath);
    window.addEventListener("resize", markWideMath);
  }
});
