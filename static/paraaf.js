/* Paraaf: progressive enhancement, no build step. Without this file every form still works. */
(function () {
  "use strict";

  // Turn a selection inside the section text into the proposal form's fields
  // `oorspronkelijk` (the exact text) and `positie` (its offset, in code points as the
  // server counts); an empty selection (a caret) offers "Invoegen hier".
  function passageKiezer(bron) {
    if (bron.dataset.paraafKlaar) return;
    bron.dataset.paraafKlaar = "1";
    var formulier = document.getElementById(bron.dataset.formulier);
    if (!formulier) return;
    var oud = formulier.querySelector("[name=oorspronkelijk]");
    var positie = formulier.querySelector("[name=positie]");
    var na = formulier.querySelector("[name=invoegen_na]");
    var status = document.getElementById("selectie-status");
    var invoegen = document.getElementById("invoegen-hier");
    var caret = null;

    function binnen(knoop) { return knoop === bron || bron.contains(knoop); }
    function tekens(tekst) { return Array.from(tekst).length; }
    function offset(knoop, plek) {
      var r = document.createRange();
      r.setStart(bron, 0);
      r.setEnd(knoop, plek);
      return tekens(r.toString());
    }

    document.addEventListener("selectionchange", function () {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0) return;
      var r = sel.getRangeAt(0);
      if (!binnen(r.startContainer) || !binnen(r.endContainer)) return;
      var start = offset(r.startContainer, r.startOffset);
      if (r.collapsed) {
        caret = start;
        invoegen.hidden = false;
        status.textContent = "Invoegpunt gekozen (na " + start + " tekens). Kies ‘Invoegen hier’ om daar tekst in te voegen.";
        return;
      }
      var tekst = r.toString();
      caret = null;
      invoegen.hidden = true;
      oud.value = tekst;
      positie.value = String(start);
      if (na) na.value = "";
      status.textContent = "Passage gekozen: " + tekens(tekst) + " tekens vanaf positie " + start + ". De velden hieronder zijn ingevuld.";
    });

    invoegen.addEventListener("click", function () {
      if (caret === null) return;
      oud.value = "";
      positie.value = String(caret);
      if (na) na.value = "";
      status.textContent = "Uw tekst wordt ingevoegd na " + caret + " tekens. Schrijf hieronder uw formulering.";
      formulier.querySelector("[name=voorgesteld]").focus();
    });
  }

  function start(wortel) {
    (wortel || document).querySelectorAll("[data-bron-tekst]").forEach(passageKiezer);
  }
  document.addEventListener("DOMContentLoaded", function () { start(document); });
  document.addEventListener("htmx:load", function (e) { start(e.target); });
  // After an htmx swap, move focus to the page's heading so keyboard and screen reader
  // users know where they are.
  document.addEventListener("htmx:afterSettle", function (e) {
    if (e.target && e.target.id === "inhoud") {
      var h1 = e.target.querySelector("h1");
      if (h1) { h1.setAttribute("tabindex", "-1"); h1.focus(); }
    }
  });
})();
