// Shows how many questions are answered as the respondent goes (the form works the same without it).
(function () {
  var form = document.querySelector("form[data-survey]");
  if (!form) { return; }
  var bar = document.getElementById("survey-progress");
  var text = document.getElementById("survey-progress-text");
  var names = Array.prototype.map.call(form.querySelectorAll("fieldset[data-question] input[type=radio]"),
    function (input) { return input.name; }).filter(function (name, i, all) { return all.indexOf(name) === i; });
  function update() {
    var done = names.filter(function (name) { return form.querySelector("input[name='" + name + "']:checked"); });
    bar.value = done.length;
    text.textContent = "ตอบแล้ว " + done.length + " จาก " + names.length + " ข้อ";
  }
  form.addEventListener("change", update);
  update();
})();
