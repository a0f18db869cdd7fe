//! The answers of the AML pane's operations: the matches, the identity fields, the exclusions.

use super::*;

impl OnAnswer for op::AmlChecks {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::AmlChecks { id, .. } = self;

        let Some(p) = state.aml.as_mut().filter(|p| p.case == id) else {
            return;
        };
        match result {
            Ok(checks) => {
                let keep = p.selected_entry().map(Entry::key);
                let entries = sorted_entries(&checks);
                // Keep the selection on the same match (by matchId: several can share a
                // step); on first load, start on the first match of the AML step the case
                // view has selected, if any.
                let kept = keep.and_then(|k| entries.iter().position(|e| e.key() == k));
                let first_of_step = || {
                    let step = state.case.as_ref()?.selected_step()?.case_step_id;
                    entries.iter().position(|e| e.m.case_step_id == step)
                };
                if let Some(pos) = kept.or_else(first_of_step) {
                    p.selected = pos;
                }
                p.selected = p.selected.min(entries.len().saturating_sub(1));
                p.matches.set(entries);
            }
            Err(f) => {
                let line = format!("AML checks of case {id}: {}", f.one_line());
                p.matches.fail(f);
                say(state, Tone::Error, line);
            }
        }
    }
}

impl OnAnswer for op::IdentityFields {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::IdentityFields { id, .. } = self;

        // Only a help for the comparison: without it the subject's gender stays unknown.
        if let (Some(p), Ok(d)) = (state.aml.as_mut().filter(|p| p.case == id), result) {
            p.identity = d.fields;
        }
    }
}

impl OnAnswer for op::ExcludeAml {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    ) {
        let op::ExcludeAml { id, step, reason } = self;

        if let Some(p) = state.aml.as_mut() {
            p.excluding.remove(&step);
        }
        match result {
            Ok(d) => {
                // The answer (or its read-back) is the step as the server holds it: each of
                // its matches is marked as it says, by matchId. The pane's list is read again
                // too, so every match the step holds shows its own outcome.
                let mut n = 0;
                if let Some(p) = state.aml.as_mut().filter(|p| p.case == id) {
                    n = p.matches_of_step(step);
                    for m in d.matches() {
                        if let Some(e) = p.entry_mut(&MatchKey::of(m)) {
                            e.m.is_excluded = m.is_excluded;
                            e.m.excluded_reason = m.excluded_reason.clone();
                        }
                    }
                }
                if let Some(cv) = state.case.as_mut().filter(|c| c.id == id) {
                    if let Some(s) = cv.step_mut(step) {
                        s.status = d.status.clone();
                    }
                    if cv.for_step == Some(step) {
                        cv.step_detail.set(d);
                    }
                }
                if state.aml.as_ref().is_some_and(|p| p.case == id) {
                    load(state, fx);
                }
                let what = if n > 1 {
                    format!("excluded all {n} matches of the step")
                } else {
                    "excluded".to_owned()
                };
                say(
                    state,
                    Tone::Info,
                    format!("{what}; recording the reason as a note…"),
                );
                // The note is part of the exclusion the reviewer already confirmed (a closed
                // case asked then): it must not ask a second time.
                crate::app::gate::send_confirmed(
                    state,
                    Request::ExclusionNote(op::ExclusionNote {
                        id,
                        step,
                        text: exclusion_note(&reason),
                    }),
                    fx,
                );
            }
            Err(f) => say(
                state,
                Tone::Error,
                format!("match not excluded: {}", f.one_line()),
            ),
        }
    }
}

impl OnAnswer for op::ExclusionNote {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    ) {
        let op::ExclusionNote { id, step, text } = self;

        match result {
            Ok(_) => {
                if let Some(p) = state.aml.as_mut() {
                    p.unsaved_notes.remove(&step);
                }
                say(
                    state,
                    Tone::Success,
                    "excluded as a false positive; the reason is noted on the step",
                );
                crate::app::case::reload_notes_if_shown(state, id, step, fx);
            }
            Err(f) => {
                if let Some(p) = state.aml.as_mut() {
                    p.unsaved_notes.insert(step, text);
                }
                say(
                    state,
                    Tone::Error,
                    format!(
                        "match excluded, but the reason note was not saved: {} — x sends it again",
                        f.one_line()
                    ),
                );
            }
        }
    }
}
