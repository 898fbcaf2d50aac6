// Search snippets that are the page's prose (book/_ext/search_page.py). Sphinx's search cuts
// each snippet from the text of the page's main element: that includes the theme's buttons
// and menus ("Light Dark"), the print-only contents and math as raw TeX (\(\theta_t\)).
// Those parts are left out, and math is written as text (θ_t).
"use strict";

const NOT_PROSE = [".bd-header-article", ".onlyprint", ".prev-next-area", ".headerlink"];

const TEX_SYMBOLS = {
  alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε", varepsilon: "ε",
  zeta: "ζ", eta: "η", theta: "θ", kappa: "κ", lambda: "λ", mu: "μ", nu: "ν", xi: "ξ",
  pi: "π", rho: "ρ", sigma: "σ", tau: "τ", phi: "φ", varphi: "φ", chi: "χ", psi: "ψ",
  omega: "ω", ell: "ℓ", Gamma: "Γ", Delta: "Δ", Theta: "Θ", Lambda: "Λ", Sigma: "Σ", Phi: "Φ",
  Omega: "Ω", nabla: "∇", partial: "∂", sum: "Σ", prod: "∏", infty: "∞", cdot: "·",
  times: "×", le: "≤", leq: "≤", ge: "≥", geq: "≥", ne: "≠", neq: "≠", approx: "≈",
  sim: "~", to: "→", rightarrow: "→", leftarrow: "←", in: "∈", pm: "±", odot: "⊙",
  sqrt: "√", dots: "…", ldots: "…", cdots: "…", log: "log", ln: "ln", exp: "exp",
  max: "max", min: "min", arg: "arg", lim: "lim",
};

function texAsText(tex) {
  return tex
    .replace(/\\[()[\]]|\$\$?/g, " ") // the delimiters \( \) \[ \] $$
    .replace(/\\\\/g, "; ")
    .replace(/\\begin\{[^}]*\}|\\end\{[^}]*\}/g, " ")
    .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, "($1)/($2)")
    .replace(/\\([A-Za-z]+)/g, (all, name) => TEX_SYMBOLS[name] ?? "") // \mathbf, \left …
    .replace(/\\[,;:!> ]|~|&/g, " ") // spacing and alignment
    .replace(/\{,\}/g, ",") // the Bulgarian decimal comma 0{,}1
    .replace(/\\([{}|%#_$])/g, "$1")
    .replace(/[{}]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

if (typeof Search !== "undefined") {
  const pageText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(NOT_PROSE.join(", ")).forEach((element) => element.remove());
    page.querySelectorAll(".math").forEach((math) => {
      math.textContent = " " + texAsText(math.textContent) + " ";
    });
    return pageText(page.documentElement.outerHTML, anchor);
  };
}
