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
                let keep = p.selected_entry().map(|e| e.m.case_step_id);
                let entries = sorted_entries(&checks);
                // Keep the selection on the same match; on first load, start on the AML
                // step the case view has selected, if any.
                let want = keep.or_else(|| {
                    state
                        .case
                        .as_ref()
                        .and_then(|c| c.selected_step())
                        .map(|s| s.case_step_id)
                });
                if let Some(pos) =
                    want.and_then(|w| entries.iter().position(|e| e.m.case_step_id == w))
                {
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
                let details = Some(d);
                let recorded = details
                    .as_ref()
                    .and_then(|d| d.aml_match.as_ref())
                    .and_then(|m| m.excluded_reason.clone())
                    .unwrap_or_else(|| reason.clone());
                if let Some(e) = state
                    .aml
                    .as_mut()
                    .filter(|p| p.case == id)
                    .and_then(|p| p.entry_mut(step))
                {
                    e.m.is_excluded = true;
                    e.m.excluded_reason = Some(recorded);
                }
                if let (Some(d), Some(cv)) = (details, state.case.as_mut().filter(|c| c.id == id)) {
                    if let Some(s) = cv.step_mut(step) {
                        s.status = d.status.clone();
                    }
                    if cv.for_step == Some(step) {
                        cv.step_detail.set(d);
                    }
                }
                say(
                    state,
                    Tone::Info,
                    "excluded; recording the reason as a note…",
                );
                crate::app::gate::send(
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
                if let Some(cv) = state
                    .case
                    .as_mut()
                    .filter(|c| c.id == id && c.for_step == Some(step))
                {
                    cv.notes.start();
                    fetch(
                        state,
                        Slot::Notes,
                        Request::Notes(op::Notes { id, step }),
                        fx,
                    );
                }
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
