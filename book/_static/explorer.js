// The book's interactive figures ("explorers"): draw the run that the sliders select.
//
// Every run was computed when the book was built (dlopt.explorer, in Python) and sits in the
// page as JSON (<script class="dlopt-explorer-data">); the words and number formats of the
// page's language are in <script class="dlopt-explorer-page"> (dlopt.explorer_html). This
// script only looks a run up and draws it as SVG: it computes no optimization step.
"use strict";

(() => {
  const SVG = "http://www.w3.org/2000/svg";
  const W = 360, H = 300, LEFT = 44, RIGHT = 10, TOP = 10, BOTTOM = 40;
  // the loss panel keeps a band above the plot for its axis name and the methods' key
  const LOSS_TOP = 28;
  const SUPERSCRIPT = { "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶",
                        "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻" };

  function el(name, attrs, parent, text) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  // a number as the page writes it: the page's decimal sign and a true minus
  function fmt(value, decimal) {
    const text = String(Math.round(value * 1000) / 1000);
    return text.replace("-", "−").replace(".", decimal);
  }

  function power(k) {
    return "10" + String(k).split("").map((c) => SUPERSCRIPT[c]).join("");
  }

  // a gap stored as log10: "3,2·10⁻⁴"
  function gapText(logGap, decimal) {
    const k = Math.floor(logGap);
    const mantissa = (10 ** (logGap - k)).toFixed(1);
    if (mantissa === "10.0") return power(k + 1);
    return (mantissa === "1.0" ? "" : mantissa.replace(".", decimal) + "·") + power(k);
  }

  function scale(lo, hi, from, to) {
    return (v) => from + (v - lo) / (hi - lo) * (to - from);
  }

  function frame(svg, clipId, top) {
    el("rect", { class: "dlopt-explorer-frame", x: LEFT, y: top, width: W - LEFT - RIGHT,
                 height: H - top - BOTTOM }, svg);
    const clip = el("clipPath", { id: clipId }, el("defs", {}, svg));
    el("rect", { x: LEFT, y: top, width: W - LEFT - RIGHT, height: H - top - BOTTOM }, clip);
    return el("g", { "clip-path": `url(#${clipId})` }, svg);
  }

  function tick(svg, x, y, text, anchor) {
    el("text", { class: "dlopt-explorer-tick", x, y, "text-anchor": anchor }, svg, text);
  }

  function points(flat, sx, sy) {
    const out = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      out.push(`${sx(flat[i]).toFixed(1)},${sy(flat[i + 1]).toFixed(1)}`);
    }
    return out.join(" ");
  }

  function setup(root) {
    const data = JSON.parse(root.querySelector("script.dlopt-explorer-data").textContent);
    const page = JSON.parse(root.querySelector("script.dlopt-explorer-page").textContent);
    const text = page.text, decimal = page.decimal;
    const names = Object.keys(data.sliders);
    const inputs = names.map((name) => root.querySelector(`input[name="${name}"]`));

    // -- the paths panel: contours and minima once, one polyline per method ----------------
    const [[x0, x1], [y0, y1]] = data.bounds;
    const px = scale(x0, x1, LEFT, W - RIGHT), py = scale(y0, y1, H - BOTTOM, TOP);
    const paths = root.querySelector("svg.dlopt-explorer-paths");
    const inside = frame(paths, `${root.id}-clip-paths`, TOP);
    for (const line of data.contours) {
      el("polyline", { class: "dlopt-explorer-contour", points: points(line, px, py) }, inside);
    }
    for (const [mx, my] of data.minima) {
      el("text", { class: "dlopt-explorer-minimum", x: px(mx), y: py(my) + 5,
                   "text-anchor": "middle" }, inside, "★");
    }
    tick(paths, LEFT, H - BOTTOM + 14, fmt(x0, decimal), "start");
    tick(paths, W - RIGHT, H - BOTTOM + 14, fmt(x1, decimal), "end");
    tick(paths, LEFT - 4, H - BOTTOM, fmt(y0, decimal), "end");
    tick(paths, LEFT - 4, TOP + 10, fmt(y1, decimal), "end");
    tick(paths, (LEFT + W - RIGHT) / 2, H - 8, text.x, "middle");
    tick(paths, 14, (TOP + H - BOTTOM) / 2, text.y, "middle");

    // -- the loss panel: log10 of f − f* against the step, decades from the data ------------
    // From the decade above the largest gap (at most 10⁶) to one decade below the smallest
    // (not below the floor of the stored gaps, data.floor).
    let top = data.floor, bottom = Infinity;
    for (const entry of data.runs) {
      for (const run of Object.values(entry)) {
        top = Math.max(top, ...run.gap);
        bottom = Math.min(bottom, ...run.gap);
      }
    }
    const hi = Math.ceil(Math.min(top, 6));
    const floor = Math.floor(data.floor);
    const lo = Math.min(hi - 1, Math.max(floor, Math.floor(bottom) - 1));
    const lx = scale(0, data.steps, LEFT, W - RIGHT), ly = scale(lo, hi, H - BOTTOM, LOSS_TOP);
    const loss = root.querySelector("svg.dlopt-explorer-loss");
    const grid = el("g", {}, loss);  // first, so that the gridlines lie under the curves
    const plot = frame(loss, `${root.id}-clip-loss`, LOSS_TOP);
    // at most seven gridlines, on multiples of `every` decades, so that 10⁰ is always one
    const every = Math.max(1, Math.ceil((hi - lo) / 6));
    for (let k = Math.floor(hi / every) * every; k >= lo; k -= every) {
      el("line", { class: "dlopt-explorer-grid", x1: LEFT, x2: W - RIGHT, y1: ly(k), y2: ly(k) },
         grid);
      tick(loss, LEFT - 4, ly(k) + 4, power(k), "end");
    }
    tick(loss, LEFT, H - BOTTOM + 14, "0", "start");
    tick(loss, W - RIGHT, H - BOTTOM + 14, String(data.steps), "end");
    tick(loss, (LEFT + W - RIGHT) / 2, H - 8, text.step, "middle");
    tick(loss, LEFT, 16, text.gap, "start");

    const drawn = page.methods.map((method, i) => {
      const style = `stroke: ${method.color}`;
      const path = el("polyline", { class: "dlopt-explorer-run", style }, inside);
      const start = el("circle", { class: "dlopt-explorer-start", r: 3.5,
                                   style: `fill: ${method.color}` }, inside);
      const curve = el("polyline", { class: "dlopt-explorer-run", style }, plot);
      // the key, right-aligned above the plot: one short line and the name per method
      const x = W - RIGHT - 64 * (page.methods.length - i);
      el("line", { x1: x, x2: x + 16, y1: 12, y2: 12, class: "dlopt-explorer-run", style }, loss);
      tick(loss, x + 20, 16, method.label, "start");
      return { method, path, start, curve };
    });

    const status = root.querySelector(".dlopt-explorer-status");
    const sliderNames = inputs.map((input) =>
      root.querySelector(`label[for="${input.id}"]`).textContent.trim());
    function update() {
      let index = 0;
      const setting = [];
      names.forEach((name, i) => {
        const position = Number(inputs[i].value);
        index = index * data.sliders[name].length + position;
        const label = page.labels[name][position];
        inputs[i].setAttribute("aria-valuetext", label);
        root.querySelector(`output[for="${inputs[i].id}"]`).textContent = label;
        setting.push(`${sliderNames[i]} = ${label}`);
      });
      const lines = [];
      for (const { method, path, start, curve } of drawn) {
        const run = data.runs[index][method.name];
        path.setAttribute("points", points(run.path, px, py));
        start.setAttribute("cx", px(run.path[0]));
        start.setAttribute("cy", py(run.path[1]));
        const steps = run.gap.map((_, k) => Math.min(k * data.every, run.steps));
        curve.setAttribute("points", run.gap.map((g, k) =>
          `${lx(steps[k]).toFixed(1)},${ly(Math.min(g, hi + 1)).toFixed(1)}`).join(" "));
        const last = run.gap[run.gap.length - 1];
        let template = run.diverged ? text.diverged : text.final;
        // a run that reached the floor of the stored gaps is only known to be below it
        if (!run.diverged && last <= data.floor) template = template.replace("= {gap}", "≤ {gap}");
        lines.push(template.replace("{method}", method.label)
          .replace("{gap}", gapText(last, decimal))
          .replace("{steps}", String(run.diverged ? run.steps + 1 : run.steps)));
      }
      status.textContent = lines.join("; ");
      // the panels' accessible names say which setting they show, and the loss panel its outcome
      paths.setAttribute("aria-label", `${text.paths} (${setting.join("; ")})`);
      loss.setAttribute("aria-label", `${text.loss} (${setting.join("; ")}): ${status.textContent}`);
    }
    inputs.forEach((input) => input.addEventListener("input", update));
    update();
  }

  // Once the script runs, the interactive figures replace their static versions (the figures
  // of the printed book, which stay in the page for a reader without JavaScript).
  function start() {
    document.querySelectorAll(".dlopt-explorer").forEach(setup);
    document.documentElement.classList.add("dlopt-explorer-ready");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
