/* Prongsai: warn before leaving a page whose form (marked data-unsaved-warning) was changed and not submitted.
   Served from our own static files (no CDN); the pages work without it, it only adds the browser's warning. */
(function () {
  "use strict";
  var dirty = [];
  var submitting = null;
  function mark(form) {
    if (dirty.indexOf(form) < 0) { dirty.push(form); }
    var note = form.querySelector(".unsaved-note");
    if (note) { note.hidden = false; }
  }
  var forms = document.querySelectorAll("form[data-unsaved-warning]");
  Array.prototype.forEach.call(forms, function (form) {
    // A form shown again after a refused save holds what was typed and is not stored yet.
    if (form.getAttribute("data-unsaved-warning") === "dirty") { mark(form); }
    form.addEventListener("input", function () { mark(form); });
    form.addEventListener("change", function () { mark(form); });
    form.addEventListener("submit", function () { submitting = form; });
  });
  window.addEventListener("beforeunload", function (event) {
    for (var i = 0; i < dirty.length; i++) {
      if (dirty[i] !== submitting) {
        event.preventDefault();
        event.returnValue = "มีข้อมูลที่พิมพ์ไว้แต่ยังไม่ได้บันทึก";
        return event.returnValue;
      }
    }
    return undefined;
  });
})();
