// ChromoFarm review page. Each step goes to the API as JSON (with the revision it was made on) and the page is
// fetched anew, so the karyotype the corrected labels give shows at once. No framework, no build.
"use strict";

(() => {
  let selected = null;   // index of the selected object
  let typed = "";        // a class being typed: "2", "21", "x"
  let swapping = false;  // the next pick is the other half of a swap

  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));
  const cell = () => $("#cell");

  function say(text, error = false) {
    const status = $("#status");
    status.textContent = text;
    status.className = error ? "error" : "";
  }

  // Buttons sit over each object: picture pixels scaled to the picture as shown.
  function place() {
    for (const figure of $$("figure.picture")) {
      const img = $("img", figure);
      const scale = img.clientWidth / Number(figure.dataset.width);
      for (const button of $$("button.chromosome", figure)) {
        button.style.left = `${Number(button.dataset.x) * scale}px`;
        button.style.top = `${Number(button.dataset.y) * scale}px`;
        button.style.width = `${Math.max(6, Number(button.dataset.w) * scale)}px`;
        button.style.height = `${Math.max(6, Number(button.dataset.h) * scale)}px`;
      }
    }
  }

  function indices() {
    return [...new Set($$("figure.karyogram button.chromosome").map(b => Number(b.dataset.index)))].sort((a, b) => a - b);
  }

  function select(index) {
    selected = index;
    for (const button of $$("button.chromosome")) button.classList.toggle("selected", Number(button.dataset.index) === index);
    for (const row of $$("details.objects tr[data-index]")) row.classList.toggle("selected", Number(row.dataset.index) === index);
    const button = $(`figure.karyogram button.chromosome[data-index="${index}"]`);
    if ($("#selected")) $("#selected").textContent = button ? `#${index + 1}: ${button.dataset.label}` : "none";
    if ($("#selected-info")) $("#selected-info").textContent = button ? button.title : "";
  }

  function showTyped() {
    const line = $("#typed");
    if (line) line.textContent = swapping ? "Swap: pick the other chromosome" : typed ? `Class: ${typed.toUpperCase()} — Enter to apply` : "";
  }

  async function send(action, fields = {}) {
    const root = cell();
    if (!root || root.dataset.canReview !== "true") {
      say("Your role may read but not correct.", true);
      return;
    }
    const body = { action, revision: Number(root.dataset.revision), model: root.dataset.model, ...fields };
    const answer = await fetch(`${root.dataset.api}/review`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-ChromoFarm-Request": "1" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    const result = await answer.json().catch(() => ({ error: `HTTP ${answer.status}` }));
    if (!answer.ok) {
      say(result.error ?? `HTTP ${answer.status}`, true);
      return;
    }
    say(`${action.replace("_", " ")}: now ${result.reviewedKaryotype} (revision ${result.revision}, ${result.status.replace("_", " ")})`);
    await refresh();
  }

  // The page anew, from the server, in place: the same HTML a reload would give.
  async function refresh() {
    const answer = await fetch(location.href, { credentials: "same-origin" });
    const page = new DOMParser().parseFromString(await answer.text(), "text/html");
    $("main").replaceWith($("main", page));
    bind();
    if (selected !== null) select(selected);
  }

  function pick(index) {
    if (swapping && selected !== null && index !== selected) {
      swapping = false;
      showTyped();
      send("swap", { chromosome: selected, other: index });
      return;
    }
    select(index);
  }

  function relabel(label) {
    if (selected === null) {
      say("Select a chromosome first.", true);
      return;
    }
    send("relabel", { chromosome: selected, label });
  }

  function reject() {
    const note = prompt("Why can this cell not be analysed?");
    if (note) send("reject", { note });
  }

  function addMissed() {
    const label = typed || prompt("Class of the missed chromosome (1–22, X, Y)?");
    typed = "";
    showTyped();
    if (label) send("add_missed", { label });
  }

  function act(action) {
    if (action === "accept" || action === "reopen") send(action);
    else if (action === "reject") reject();
    else if (action === "add_missed") addMissed();
  }

  function tool(name) {
    if (selected === null) {
      say("Select a chromosome first.", true);
      return;
    }
    if (name === "swap") {
      swapping = true;
      showTyped();
    } else {
      send(name, { chromosome: selected });
    }
  }

  function move(step) {
    const all = indices();
    if (all.length === 0) return;
    const at = selected === null ? -1 : all.indexOf(selected);
    select(all[(at + step + all.length) % all.length]);
  }

  function bind() {
    place();
    for (const button of $$("button.chromosome")) button.addEventListener("click", () => pick(Number(button.dataset.index)));
    for (const row of $$("details.objects tr[data-index]")) row.addEventListener("click", () => pick(Number(row.dataset.index)));
    for (const button of $$("button.class")) button.addEventListener("click", () => relabel(button.dataset.label));
    for (const button of $$("[data-action]")) button.addEventListener("click", () => act(button.dataset.action));
    for (const button of $$("[data-tool]")) button.addEventListener("click", () => tool(button.dataset.tool));
    for (const img of $$("figure.picture img")) img.addEventListener("load", place);
  }

  document.addEventListener("keydown", event => {
    if (!cell() || event.ctrlKey || event.metaKey || event.altKey || event.target.matches("input, textarea")) return;
    const key = event.key.toLowerCase();
    const root = cell();
    if (/^[0-9]$/.test(key) || key === "x" || key === "y") {
      typed = (key === "x" || key === "y") ? key.toUpperCase() : (typed + key).slice(-2);
    } else if (key === "enter" && typed) {
      relabel(typed.toUpperCase());
      typed = "";
    } else if (key === "escape") {
      typed = "";
      swapping = false;
      $("#keys")?.close();
    } else if (key === "j" || key === "arrowright") move(1);
    else if (key === "k" || key === "arrowleft") move(-1);
    else if (key === "s") tool("swap");
    else if (key === "a") tool("artefact");
    else if (key === "delete" || key === "backspace") tool("remove_added");
    else if (key === "m") addMissed();
    else if (key === "c") act("accept");
    else if (key === "r") act("reject");
    else if (key === "o") act("reopen");
    else if (key === "n" && root.dataset.next) location.href = root.dataset.next;
    else if (key === "p" && root.dataset.previous) location.href = root.dataset.previous;
    else if (key === "?") $("#keys")?.showModal();
    else return;
    event.preventDefault();
    showTyped();
  });

  window.addEventListener("resize", place);
  document.addEventListener("DOMContentLoaded", bind);
})();
