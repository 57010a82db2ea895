/* Silver Thread self-check quizzes. Our own small component (see README: why not mkdocs-quiz).
   The page works without this script: questions stay readable and answers sit in <details>.
   With it: an explicit Check button, feedback in an aria-live region, retry, a score summary, and
   progress in localStorage (this browser only), resettable. Grading data is read from the answer
   <details> of each question, so no answer text exists outside it. */
(function () {
  "use strict";
  var store = {
    get: function (k) { try { return JSON.parse(localStorage.getItem(k)) || {}; } catch (e) { return {}; } },
    set: function (k, v) { try { localStorage.setItem(k, JSON.stringify(v)); } catch (e) { /* private mode */ } },
    drop: function (k) { try { localStorage.removeItem(k); } catch (e) { /* ignore */ } }
  };
  var norm = function (s) { return s.trim().toLowerCase().replace(/\s+/g, " ").replace(/[.!]$/, ""); };

  function grade(q) {
    var type = q.dataset.type, details = q.querySelector(".st-q__answer");
    if (type === "short") {
      var given = norm(q.querySelector(".st-q__text").value);
      if (!given) return null;
      var ok = Array.prototype.some.call(details.querySelectorAll("[data-answer]"),
        function (a) { return norm(a.dataset.answer) === given; });
      var fb = details.querySelector('[data-when="' + (ok ? "correct" : "incorrect") + '"]').textContent;
      return { ok: ok, feedback: fb, answer: given };
    }
    var chosen = Array.prototype.filter.call(q.querySelectorAll("input"), function (i) { return i.checked; })
      .map(function (i) { return i.value; });
    if (!chosen.length) return null;
    var keys = details.querySelectorAll("[data-option]"), right = [], fbs = [];
    Array.prototype.forEach.call(keys, function (li) {
      if (li.dataset.correct === "true") right.push(li.dataset.option);
      if (chosen.indexOf(li.dataset.option) >= 0) fbs.push(li.lastChild.textContent.trim());
    });
    var same = right.length === chosen.length && right.every(function (r) { return chosen.indexOf(r) >= 0; });
    return { ok: same, feedback: fbs.join(" "), answer: chosen };
  }

  function show(q, result) {
    var out = q.querySelector(".st-q__feedback");
    out.textContent = (result.ok ? "Correct. " : "Not quite. ") + result.feedback;
    out.className = "st-q__feedback " + (result.ok ? "is-correct" : "is-wrong");
    q.querySelector(".st-q__retry").hidden = false;
  }

  function setup(quiz) {
    var key = "silverthread:quiz:" + quiz.dataset.quiz, saved = store.get(key);
    var questions = quiz.querySelectorAll(".st-q");
    var summary = quiz.querySelector(".st-quiz__summary"), score = quiz.querySelector(".st-quiz__score");
    function update() {
      var answered = 0, right = 0;
      Object.keys(saved).forEach(function (k) { answered++; if (saved[k].ok) right++; });
      summary.hidden = false;
      score.textContent = "Score: " + right + " of " + questions.length + " correct (" + answered + " answered).";
    }
    Array.prototype.forEach.call(questions, function (q) {
      var id = q.dataset.qid, form = q.querySelector("form"), out = q.querySelector(".st-q__feedback");
      q.querySelector(".st-q__actions").hidden = false;
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var result = grade(q);
        if (!result) { out.textContent = "Choose or type an answer first."; return; }
        saved[id] = { ok: result.ok, answer: result.answer };
        store.set(key, saved);
        show(q, result);
        update();
      });
      q.querySelector(".st-q__retry").addEventListener("click", function () {
        form.reset();
        delete saved[id];
        store.set(key, saved);
        out.textContent = "";
        out.className = "st-q__feedback";
        this.hidden = true;
        update();
        var first = q.querySelector("input");
        if (first) first.focus();
      });
      if (saved[id]) {
        var a = saved[id].answer;
        if (q.dataset.type === "short") q.querySelector(".st-q__text").value = a;
        else Array.prototype.forEach.call(q.querySelectorAll("input"), function (i) { i.checked = a.indexOf(i.value) >= 0; });
        var again = grade(q);
        if (again) show(q, again);
      }
    });
    quiz.querySelector(".st-quiz__reset").addEventListener("click", function () {
      saved = {};
      store.drop(key);
      Array.prototype.forEach.call(questions, function (q) {
        q.querySelector("form").reset();
        q.querySelector(".st-q__feedback").textContent = "";
        q.querySelector(".st-q__retry").hidden = true;
      });
      update();
      score.textContent = "Quiz reset. " + score.textContent;
    });
    if (Object.keys(saved).length) update();
  }

  function init() { Array.prototype.forEach.call(document.querySelectorAll(".st-quiz"), setup); }
  if (window.document$) window.document$.subscribe(init); else document.addEventListener("DOMContentLoaded", init);
})();
