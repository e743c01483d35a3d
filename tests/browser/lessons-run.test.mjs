// Every lesson, run against a fresh demo store in the real page's engine
// and with the real check code (web/teach/lessons.js `failing`). For each
// step with a check, three stages, each replayed from a fresh store:
//   before: setup and the earlier steps only, the check must not hold;
//   after: plus the step's commands (and its second-pane commands), it must;
//   mistake: plus the step's plausible wrong command instead, it must not.
// The same runs measure what the step's text claims: \Seen set by reading,
// \Recent kept by STORE FLAGS, STATUS on the selected mailbox, SEARCH OLD.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateInPlayground } from './lib.mjs';

let results;

before(async () => {
  results = await evaluateInPlayground(runEveryLesson);
});

/** Runs in the page, given the wasm package: per lesson and step, the three verdicts and what the engine did. */
async function runEveryLesson(mod) {
  const { failing, baselineOf } = await import('/teach/lessons.js');
  const { lacksTag } = await import('/commands.js');
  const { isHelp } = await import('/teach/help.js');
  const index = await (await fetch('/lessons/index.json')).json();
  const lessons = await Promise.all(index.lessons.map(async (id) => (await fetch(`/lessons/${id}.json`)).json()));
  const encoder = new TextEncoder();

  /** A fresh store with one session, typed into the way the terminal does it. */
  function fresh() {
    const pg = new mod.Playground();
    const id = pg.openSession();
    const w = { pg, id, n: 0, other: null, log: [] };
    pg.poll(id);
    return w;
  }
  /** Sends `text` (lines split on \n) to session `sid`, auto-tagging like the page's panes. */
  function type(w, text, sid = w.id) {
    const out = [];
    for (const line of text.split('\n')) {
      if (sid === w.id && isHelp(line)) continue;
      const state = w.pg.sessionState(sid);
      if (state.need === 'closed') break;
      let real = line;
      if (state.need === 'line') {
        if (lacksTag(real)) { w.n += 1; real = `T${w.n} ${real.trimStart()}`; }
      }
      const lines = w.pg.send(sid, encoder.encode(`${real}\r\n`));
      for (const l of lines) out.push({ command: real, text: l.text, kind: l.kind });
      if (state.need === 'line') out.push({ command: real, sent: true, state: w.pg.sessionState(sid) });
    }
    return out;
  }
  /** Runs lines in the second session, then lets the first hear the news (as the workbench does). */
  function typeOther(w, lines) {
    if (!w.other) w.other = w.pg.openSession();
    w.pg.poll(w.other);
    for (const line of lines) type(w, line, w.other);
    const news = w.pg.poll(w.id);
    return news.map((l) => ({ command: '(news)', text: l.text, kind: l.kind }));
  }
  function unseen(w) {
    return Object.fromEntries(w.pg.inspect(w.id, 0, 0).tree.map((r) => [r.name, r.unseen]));
  }
  function verdict(w, step, baseline) {
    const facts = { state: w.pg.sessionState(w.id), facts: w.pg.facts(w.id), baseline };
    for (const check of [step.check].flat()) {
      const why = failing(check, facts);
      if (why) return why;
    }
    return null;
  }
  function upTo(lesson, i) {
    const w = fresh();
    for (const c of lesson.setup ?? []) type(w, c);
    for (const s of lesson.steps.slice(0, i)) {
      for (const c of s.commands ?? []) type(w, c);
      if (s.otherPane) typeOther(w, s.otherPane);
    }
    return w;
  }

  const out = [];
  for (const lesson of lessons) {
    const steps = [];
    for (const [i, step] of lesson.steps.entries()) {
      const r = { lesson: lesson.id, index: i, title: step.title, text: [step.text].flat().join(' '), hasCheck: Boolean(step.check), commands: step.commands ?? [] };
      if (!step.check) { steps.push(r); continue; }
      // before
      let w = upTo(lesson, i);
      let baseline = baselineOf(w.pg.facts(w.id));
      r.before = verdict(w, step, baseline);
      // after
      const seenBefore = unseen(w);
      const selectedAtStart = w.pg.sessionState(w.id).mailbox;
      const lines = [];
      for (const c of step.commands ?? []) lines.push(...type(w, c));
      if (step.otherPane) lines.push(...typeOther(w, step.otherPane));
      r.after = verdict(w, step, baseline);
      const seenAfter = unseen(w);
      r.seenSet = Object.keys(seenBefore).filter((m) => m in seenAfter && seenAfter[m] < seenBefore[m]);
      r.answers = lines.filter((l) => l.text).map((l) => `${l.command.split(' ').slice(1).join(' ')} => ${l.text.split('\n')[0]}`);
      r.statusOnSelected = [];
      let selected = selectedAtStart;
      for (const l of lines) {
        if (l.sent) { selected = l.state.mailbox; continue; }
        const m = /^\S+ STATUS (\S+)/i.exec(l.command);
        if (m && l.text.startsWith('* STATUS') && selected && m[1].toUpperCase() === String(selected).toUpperCase()) r.statusOnSelected.push(l.command);
      }
      r.oldCounts = lines.filter((l) => l.text && /^\S+ SEARCH OLD$/i.test(l.command) && l.text.startsWith('* SEARCH')).map((l) => l.text.split(' ').length - 2);
      r.recentKept = lines.some((l) => l.text && /^\S+ (UID )?STORE \S+ FLAGS /i.test(l.command) && /^\* \d+ FETCH .*FLAGS \([^)]*\\Recent/.test(l.text));
      // mistake
      if (step.mistake) {
        w = upTo(lesson, i);
        baseline = baselineOf(w.pg.facts(w.id));
        type(w, step.mistake);
        if (step.otherPane) typeOther(w, step.otherPane);
        r.mistake = verdict(w, step, baseline);
      }
      steps.push(r);
    }
    out.push({ id: lesson.id, reset: Boolean(lesson.reset), steps });
  }
  return out;
}

const allSteps = () => results.flatMap((l) => l.steps);
const checked = () => allSteps().filter((s) => s.hasCheck);
const where = (s) => `${s.lesson} step ${s.index + 1} (${s.title})`;

test('every lesson declares a reset, so it starts from the demo data', () => {
  assert.ok(results.length >= 7);
  for (const l of results) assert.ok(l.reset, `${l.id} declares "reset": true`);
});

test('before a step\'s commands, its check does not hold', () => {
  const holds = checked().filter((s) => s.before === null).map(where);
  assert.deepEqual(holds, []);
  console.log(`# ${results.length} lessons, ${allSteps().length} steps, ${checked().length} checked in three stages, ${checked().filter((s) => 'mistake' in s).length} with a mistake`);
});

test('after a step\'s commands, its check holds', () => {
  const fails = checked().filter((s) => s.after !== null).map((s) => `${where(s)}: ${s.after}\n  ${s.answers.slice(-6).join('\n  ')}`);
  assert.deepEqual(fails, []);
});

test('after a plausible wrong command, the check does not hold', () => {
  const holds = checked().filter((s) => 'mistake' in s && s.mistake === null).map(where);
  assert.deepEqual(holds, []);
  // Most steps name one: a step without one must be one where nothing is plausibly wrong.
  assert.ok(checked().filter((s) => 'mistake' in s).length >= checked().length - 4);
});

test('a step whose commands mark messages \\Seen says so', () => {
  // RFC 3501 §6.4.5: any BODY[section] without PEEK sets \Seen.
  const silent = allSteps().filter((s) => s.seenSet?.length && !s.text.includes('\\Seen')).map((s) => `${where(s)} marks ${s.seenSet} read`);
  assert.deepEqual(silent, []);
  const typical = allSteps().find((s) => s.commands.some((c) => c.startsWith('a003 ')));
  assert.ok(typical.seenSet.includes('INBOX'), 'a003 marks INBOX messages read');
  const sentence = typical.text.split(/(?<=[.:])\s/).find((t) => t.includes('a003') && t.includes('\\Seen'));
  assert.ok(sentence, `a sentence says what a003 does to \\Seen: ${typical.text}`);
});

test('a step whose STORE FLAGS leaves \\Recent in place says so', () => {
  // RFC 3501 §6.4.6: FLAGS replaces every flag but \Recent.
  const recent = allSteps().filter((s) => s.recentKept);
  assert.ok(recent.length >= 2, 'the flags lesson and the typical session both show it');
  assert.deepEqual(recent.filter((s) => !s.text.includes('\\Recent')).map(where), []);
});

test('a step that runs STATUS on the selected mailbox says that it is selected', () => {
  // RFC 3501 §6.3.10: STATUS SHOULD NOT be used on the selected mailbox.
  const on = allSteps().filter((s) => s.statusOnSelected?.length);
  assert.ok(on.length >= 1, 'the typical session\'s a014 does');
  assert.deepEqual(on.filter((s) => !/\bselected\b/.test(s.text) || !/should not|must not/.test(s.text)).map(where), []);
});

test('a step that runs SEARCH OLD states how many messages it finds', () => {
  // RFC 3501 §6.4.4: OLD is NOT RECENT, so it is not empty.
  const old = allSteps().filter((s) => s.oldCounts?.length);
  assert.ok(old.length >= 1);
  for (const s of old) {
    for (const n of s.oldCounts) assert.ok(n > 0 && s.text.includes(String(n)), `${where(s)} says OLD finds ${n}`);
    assert.doesNotMatch(s.text, /expect empty answers/);
  }
});

test('the UID step says why UIDs matter, not that sequence numbers are unsafe', () => {
  // RFC 3501 §7.4.1: numbers only shift when the session is told.
  const uid = allSteps().find((s) => s.commands.some((c) => c.startsWith('UID STORE')));
  assert.doesNotMatch(uid.text, /safe even if/);
  assert.match(uid.text, /UIDVALIDITY/);
  assert.match(uid.text, /session/);
});
