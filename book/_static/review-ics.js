/* The review plan's calendar file (.ics, RFC 5545), built in the reader's browser.
 *
 * Pure functions with no access to the page: review-plan.js calls buildCalendar() with the
 * plan that the page embeds (book/_ext/review_calendar.py), and the tests run the same file
 * with node and parse its output with the Python package icalendar
 * (tests/book/test_review_tools.py). Every text comes from the plan, in the page's language.
 */
(function (root) {
  "use strict";

  var DAY = 24 * 60 * 60 * 1000;

  /* "2026-03-28" -> the UTC time of that day's midnight; anything else is an error. */
  function parseDate(name, value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
    var time = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
    if (isNaN(time) || new Date(time).getUTCDate() !== +m[3]) {
      throw new RangeError(name + "=" + JSON.stringify(value) +
        " must be a calendar date written YYYY-MM-DD");
    }
    return time;
  }

  function pad(n, width) {
    return String(n).padStart(width, "0");
  }

  /* A date as ISO "YYYY-MM-DD" and as iCalendar "YYYYMMDD". */
  function isoDate(time) {
    var d = new Date(time);
    return pad(d.getUTCFullYear(), 4) + "-" + pad(d.getUTCMonth() + 1, 2) + "-" +
      pad(d.getUTCDate(), 2);
  }

  function icsDate(time) {
    return isoDate(time).replace(/-/g, "");
  }

  /* "studied" plus "days" calendar days, counted in UTC: no daylight-saving surprises. */
  function addDays(studied, days) {
    return isoDate(parseDate("studied", studied) + days * DAY);
  }

  function icsTimestamp(date) {
    return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  }

  /* TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545, 3.3.11). */
  function escapeText(text) {
    return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r?\n/g, "\\n");
  }

  /* Lines longer than 75 octets are folded: CRLF and a space (RFC 5545, 3.1). A character
     is never split, so Cyrillic text (two octets a letter) stays valid UTF-8. */
  function fold(line) {
    var encoder = new TextEncoder();
    var out = [];
    var current = "";
    var size = 0;
    for (var ch of line) {
      var octets = encoder.encode(ch).length;
      if (size + octets > 75) {
        out.push(current);
        current = " ";
        size = 1;
      }
      current += ch;
      size += octets;
    }
    out.push(current);
    return out.join("\r\n");
  }

  /* The calendar: one all-day event per review, on the day studied + review.days.
     plan: {lang, calendar, reviews: [{days, summary, description, href}]}, as embedded in
     the page; studied: "YYYY-MM-DD"; options.baseUrl: the page's address, against which the
     chapters' links are resolved; options.now: the time stamp of the events (a Date). */
  function buildCalendar(plan, studied, options) {
    parseDate("studied", studied);
    if (!plan || !Array.isArray(plan.reviews) || plan.reviews.length === 0) {
      throw new TypeError("plan must have a non-empty list of reviews, got " +
        JSON.stringify(plan));
    }
    var now = (options && options.now) || new Date();
    var base = options && options.baseUrl;
    if (typeof base !== "string" || !/^[a-z][a-z0-9+.-]*:/i.test(base)) {
      throw new TypeError("options.baseUrl=" + JSON.stringify(base) +
        " must be the page's absolute address (e.g. document.baseURI)");
    }
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Optimization in Deep Learning//review plan//" + plan.lang.toUpperCase(),
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:" + escapeText(plan.calendar),
    ];
    plan.reviews.forEach(function (review) {
      if (!Number.isInteger(review.days) || review.days < 1) {
        throw new RangeError("review.days=" + JSON.stringify(review.days) +
          " must be a whole number of days, at least 1");
      }
      var start = parseDate("studied", studied) + review.days * DAY;
      var url = new URL(review.href, base).href;
      lines.push(
        "BEGIN:VEVENT",
        "UID:review-" + studied + "-" + review.days + "d-" + plan.lang +
          "@optimization-in-deep-learning",
        "DTSTAMP:" + icsTimestamp(now),
        "DTSTART;VALUE=DATE:" + icsDate(start),
        "DTEND;VALUE=DATE:" + icsDate(start + DAY),
        "SUMMARY:" + escapeText(review.summary),
        "DESCRIPTION:" + escapeText(review.description + "\n" + url),
        "URL:" + url,
        "TRANSP:TRANSPARENT",
        "END:VEVENT"
      );
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  var api = { addDays: addDays, buildCalendar: buildCalendar, escapeText: escapeText,
              fold: fold };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.reviewIcs = api;
  }
})(this);
