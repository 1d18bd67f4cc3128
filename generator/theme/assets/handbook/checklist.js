/* The self-assessment checklist filter: show criteria by status and by standard.
 *
 * The checklist page holds a form (hidden until this script runs, so without JavaScript every
 * criterion stays visible) and one block per criterion with data-status and data-standard
 * attributes. The chosen filter is kept in the address (?status=not-met&standard=ismpe) so a
 * filtered view can be shared. Works with and without Material's instant navigation.
 */
(function () {
  "use strict";

  function setUp() {
    var form = document.querySelector("form[data-checklist-filter]");
    if (!form || form.dataset.ready) {
      return;
    }
    form.dataset.ready = "true";
    var blocks = Array.prototype.slice.call(document.querySelectorAll(".criterion[data-status]"));
    var output = form.querySelector("output");
    var fields = ["status", "standard"];

    function apply() {
      var shown = 0;
      blocks.forEach(function (block) {
        var visible = fields.every(function (name) {
          var wanted = form.elements[name].value;
          return !wanted || block.getAttribute("data-" + name) === wanted;
        });
        block.hidden = !visible;
        shown += visible ? 1 : 0;
      });
      if (output) {
        output.textContent = "Showing " + shown + " of " + blocks.length + " criteria";
      }
    }

    function remember() {
      var params = new URLSearchParams(window.location.search);
      fields.forEach(function (name) {
        var value = form.elements[name].value;
        if (value) {
          params.set(name, value);
        } else {
          params.delete(name);
        }
      });
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    function revealTarget() {
      // A link to one criterion (from the evidence index) must never land on a hidden block.
      var target = window.location.hash ? document.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
      if (target && target.hidden) {
        form.reset();
        apply();
        remember();
        target.scrollIntoView();
      }
    }

    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (name) {
      var select = form.elements[name];
      var wanted = params.get(name);
      if (wanted && Array.prototype.some.call(select.options, function (option) { return option.value === wanted; })) {
        select.value = wanted;
      }
    });
    form.addEventListener("change", function () {
      apply();
      remember();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    window.addEventListener("hashchange", revealTarget);
    form.hidden = false;
    apply();
    revealTarget();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
