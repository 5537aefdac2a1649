// chitieu — small progressive enhancements; every page works without them.
(function () {
  "use strict";
  const csrf = () => document.body.dataset.csrf || "";

  // Same-origin fetch that carries the CSRF token on state-changing requests.
  window.chitieuFetch = function (url, options) {
    const opts = Object.assign({ credentials: "same-origin" }, options || {});
    const method = (opts.method || "GET").toUpperCase();
    opts.headers = Object.assign({ Accept: "application/json" }, opts.headers || {});
    if (!["GET", "HEAD", "OPTIONS"].includes(method)) opts.headers["X-CSRF-Token"] = csrf();
    return fetch(url, opts);
  };

  // Document viewer: a highlighted fact → its record; a record → its sentence.
  function select(selector, ids) {
    document.querySelectorAll(selector + ".selected").forEach((el) => el.classList.remove("selected"));
    ids.forEach((id) => document.querySelectorAll(selector + "[data-fact='" + id + "']").forEach((el) => el.classList.add("selected")));
  }
  function marksOf(id) {
    return Array.from(document.querySelectorAll("mark.fact")).filter((m) => m.dataset.facts.split(" ").includes(String(id)));
  }
  function showRecord(ids) {
    document.querySelectorAll("mark.fact.selected").forEach((m) => m.classList.remove("selected"));
    ids.forEach((id) => marksOf(id).forEach((m) => m.classList.add("selected")));
    select(".fact-record", ids);
    const record = document.getElementById("fact-" + ids[ids.length - 1]);
    if (record) { record.scrollIntoView({ block: "nearest", behavior: "smooth" }); record.focus({ preventScroll: true }); }
  }
  function showSentence(id) {
    document.querySelectorAll("mark.fact.selected").forEach((m) => m.classList.remove("selected"));
    const marks = marksOf(id);
    marks.forEach((m) => m.classList.add("selected"));
    select(".fact-record", [id]);
    if (marks.length) marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
  }
  const text = document.getElementById("doc-text");
  if (text) {
    text.addEventListener("click", (ev) => {
      const mark = ev.target.closest("mark.fact");
      if (mark) showRecord(mark.dataset.facts.split(" "));
    });
    text.addEventListener("keydown", (ev) => {
      const mark = ev.target.closest("mark.fact");
      if (mark && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); showRecord(mark.dataset.facts.split(" ")); }
    });
    document.querySelectorAll("[data-goto]").forEach((link) => link.addEventListener("click", (ev) => {
      ev.preventDefault();
      showSentence(link.dataset.goto);
      history.replaceState(null, "", "#src-" + link.dataset.goto);
    }));
    const m = /^#src-(\d+)$/.exec(location.hash);
    if (m) showSentence(m[1]);
  }

  // Upload progress: poll the job until it ends.
  const job = document.getElementById("job");
  if (job && job.dataset.finished !== "true") {
    const poll = async () => {
      try {
        const res = await window.chitieuFetch("/api/jobs/" + encodeURIComponent(job.dataset.job));
        if (res.ok) {
          const data = await res.json();
          document.getElementById("job-progress").value = data.progress;
          const state = document.getElementById("job-state");
          state.textContent = data.state_label;
          state.className = "job-" + data.state;
          document.getElementById("job-message").textContent = data.message;
          if (data.document_id) {
            const link = document.getElementById("job-link");
            link.hidden = false;
            link.querySelector("a").href = "/documents/" + data.document_id;
          }
          if (data.finished) { job.dataset.finished = "true"; return; }
        }
      } catch (e) { /* network hiccup: try again */ }
      setTimeout(poll, 700);
    };
    setTimeout(poll, 300);
  }

  // Review page: one box selects every phrase shown.
  const all = document.getElementById("review-all");
  if (all) {
    all.addEventListener("change", () => {
      document.querySelectorAll("#review input[name=codes]").forEach((box) => { box.checked = all.checked; });
    });
  }

  // Upload form: refuse an oversized file before sending it.
  const form = document.getElementById("upload-form");
  if (form) {
    form.addEventListener("submit", (ev) => {
      const input = form.querySelector("input[type=file]");
      const limit = Number(form.dataset.limit || 0);
      const file = input && input.files && input.files[0];
      const error = form.querySelector(".form-error");
      if (file && limit && file.size > limit) {
        ev.preventDefault();
        error.textContent = "Tệp quá lớn: tối đa " + (limit / 1048576).toLocaleString("vi-VN", { maximumFractionDigits: 1 }) + " MB.";
        error.hidden = false;
      }
    });
  }
})();
