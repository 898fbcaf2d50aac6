/* The review plan's date field, calendar download and checklist (book/_ext/review_calendar.py).
 *
 * The page embeds the plan (texts in its language, one entry per review) as JSON; the
 * calendar itself is built by review-ics.js. The day studied and the reviews ticked off are
 * kept in localStorage, one entry per language, and never leave the browser.
 */
(function () {
  "use strict";

  function today() {
    var d = new Date();  // the reader's local date
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" +
      String(d.getDate()).padStart(2, "0");
  }

  function start() {
    var tools = document.querySelector(".review-plan-tools");
    var source = document.getElementById("review-plan-data");
    if (!tools || !source || !window.reviewIcs) {
      return;
    }
    var plan = JSON.parse(source.textContent);
    var key = "optimization-in-deep-learning/review-plan/" + plan.lang;
    var studied = document.getElementById("review-plan-studied");
    var download = document.getElementById("review-plan-download");
    var boxes = tools.querySelectorAll('input[type="checkbox"][data-days]');
    var progress = tools.querySelector(".review-plan-progress");
    var format = new Intl.DateTimeFormat(plan.lang, { dateStyle: "long", timeZone: "UTC" });

    function load() {
      try {
        return JSON.parse(window.localStorage.getItem(key)) || {};
      } catch (e) {
        return {};  // storage switched off or unreadable: the page still works, unsaved
      }
    }

    var state = load();
    state.done = state.done || {};

    function save() {
      try {
        window.localStorage.setItem(key, JSON.stringify(state));
      } catch (e) {
        /* storage full or switched off: keep the state for this visit only */
      }
    }

    function valid(date) {
      try {
        window.reviewIcs.addDays(date, 0);
        return true;
      } catch (e) {
        return false;
      }
    }

    function show() {
      var ok = valid(studied.value);
      download.disabled = !ok;
      tools.querySelectorAll(".review-plan-due").forEach(function (due) {
        var day = ok ? window.reviewIcs.addDays(studied.value, +due.dataset.days) : "";
        due.textContent = day ? plan.due.replace("{date}", format.format(new Date(day))) : "";
      });
      var done = 0;
      boxes.forEach(function (box) {
        box.checked = Boolean(state.done[box.dataset.days]);
        done += box.checked ? 1 : 0;
      });
      progress.textContent = plan.progress.replace("{done}", done)
        .replace("{total}", boxes.length);
    }

    studied.value = valid(state.studied) ? state.studied : today();
    studied.addEventListener("change", function () {
      if (valid(studied.value)) {
        state.studied = studied.value;
        save();
      }
      show();
    });
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        state.done[box.dataset.days] = box.checked;
        save();
        show();
      });
    });
    download.addEventListener("click", function () {
      var text = window.reviewIcs.buildCalendar(plan, studied.value,
        { baseUrl: document.baseURI, now: new Date() });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
      link.download = plan.file.replace("{date}", studied.value);
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    });
    tools.hidden = false;
    show();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
