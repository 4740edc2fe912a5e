// Progressive enhancement only: the page works fully without this file.
// - a facet checkbox applies itself (no need to press "Apply filters");
// - the search box offers completions from /api/suggest as you type.
(function () {
  "use strict";
  document.documentElement.classList.replace("no-js", "js");

  document.querySelectorAll("form.search .facets input[type=checkbox]").forEach(function (box) {
    box.addEventListener("change", function () {
      box.form.submit();
    });
  });

  var input = document.getElementById("q");
  var list = document.getElementById("suggestions");
  if (!input || !list || !window.fetch) {
    return;
  }
  var url = input.dataset.suggestUrl;
  var timer = null;
  var latest = 0;

  function show(head, suggestions) {
    // Options are built as text nodes: suggestions come from documents and are never parsed as HTML.
    var options = suggestions.map(function (suggestion) {
      var option = document.createElement("option");
      option.value = head + suggestion;
      return option;
    });
    list.replaceChildren.apply(list, options);
  }

  function fetchSuggestions() {
    var text = input.value;
    // The last word is completed; an operator typed before it ("-", a quote, a bracket) stays in front
    // of the completion, so picking one for "-La" keeps the exclusion.
    var token = /\S*$/.exec(text)[0];
    var operators = /^[-"(]*/.exec(token)[0];
    var word = token.slice(operators.length);
    var cut = text.length - word.length;
    var ticket = ++latest;
    if (!word) {
      show("", []);
      return;
    }
    fetch(url + "?q=" + encodeURIComponent(word), { headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : { suggestions: [] };
      })
      .then(function (data) {
        if (ticket === latest) {
          show(text.slice(0, cut), data.suggestions || []);
        }
      })
      .catch(function () {
        /* suggestions are optional */
      });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 150);
  });
})();
