/* Surveys: hide a conditional question while the question it depends on (on the same page) does
   not have the required answer. Progressive enhancement only: without JavaScript the question is
   shown with a note, and the server ignores the answer when the condition is not met. */
(function () {
  "use strict";
  function chosenValues(form, name) {
    return Array.prototype.map.call(
      form.querySelectorAll('input[name="' + name + '"]:checked'),
      function (input) { return input.value; }
    );
  }
  function update(form) {
    form.querySelectorAll("[data-condition-name]").forEach(function (question) {
      var values = chosenValues(form, question.getAttribute("data-condition-name"));
      var shown = values.indexOf(question.getAttribute("data-condition-value")) !== -1;
      question.hidden = !shown;
      var note = question.querySelector(".survey-note");
      if (note) { note.hidden = true; }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.survey-form").forEach(function (form) {
      update(form);
      form.addEventListener("change", function () { update(form); });
    });
  });
})();
