// Dates and times in the page's interface language (sq or en), never the browser's own locale. A browser without
// Albanian locale data (Debian's chromium has none) would write English month names in an Albanian page, so the
// Albanian forms are written here, as CLDR has them: "4 dhj", "4 dhj 2026, 21:14".
(function (global) {
  "use strict";
  var SQ_MONTHS = ["jan", "shk", "mar", "pri", "maj", "qer", "korr", "gush", "sht", "tet", "nën", "dhj"];
  var pad = function (n) { return ("0" + n).slice(-2); };

  function time(at) { var d = new Date(at); return pad(d.getHours()) + ":" + pad(d.getMinutes()); }

  function day(at, language) {
    var d = new Date(at);
    return language === "sq" ? d.getDate() + " " + SQ_MONTHS[d.getMonth()] : d.toLocaleDateString("en-GB", { day: "numeric", month: "short" });
  }

  function date(at, language) {
    var d = new Date(at);
    return language === "sq" ? day(at, language) + " " + d.getFullYear() : d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
  }

  global.HotlineDates = {
    time: time,
    day: day,
    date: date,
    dayTime: function (at, language) { return day(at, language) + ", " + time(at); },
    dateTime: function (at, language) { return date(at, language) + ", " + time(at); }
  };
})(window);
