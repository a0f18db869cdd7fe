//! Forms kept on disk until the server has them (house rule 6: nothing typed is lost to a
//! refusal, a crash or a restart). The runtime writes `Effect::SaveForm`/`DeleteForm`; this
//! module keeps `State::form_drafts` and the disk in step, and sends nothing when nothing changed.

use super::{Effect, State};

/// Keep `text` under `name`, unless exactly that is kept already.
pub fn keep(state: &mut State, name: &str, text: String, fx: &mut Vec<Effect>) {
    if state.form_drafts.get(name) == Some(&text) {
        return;
    }
    state.form_drafts.insert(name.to_owned(), text.clone());
    fx.push(Effect::SaveForm {
        name: name.to_owned(),
        text,
    });
}

/// Forget the form kept under `name` (sent and confirmed, or discarded by the user).
pub fn discard(state: &mut State, name: &str, fx: &mut Vec<Effect>) {
    if state.form_drafts.remove(name).is_some() {
        fx.push(Effect::DeleteForm {
            name: name.to_owned(),
        });
    }
}
