// The language switcher keeps the reader's place (book/_ext/switcher_anchors.py): when it is
// followed — by mouse, keyboard or touch, or copied — its link gets the nearest anchor around
// the reader's #anchor that the other language's page has too (listed in data-anchors).
"use strict";

function sharedAnchor(link) {
  const shared = new Set((link.dataset.anchors || "").split(" ").filter(Boolean));
  const id = decodeURIComponent(window.location.hash.slice(1));
  let element = id ? document.getElementById(id) : null;
  while (element && !shared.has(element.id)) {
    element = element.parentElement;
  }
  return element ? "#" + element.id : "";
}

document.querySelectorAll("a.dlopt-lang-switch").forEach((link) => {
  const page = link.getAttribute("href").split("#")[0];
  const update = () => link.setAttribute("href", page + sharedAnchor(link));
  // "click" is also what Enter on a focused link and assistive technology send.
  ["click", "auxclick", "contextmenu", "focus", "pointerenter"].forEach((event) =>
    link.addEventListener(event, update),
  );
});
