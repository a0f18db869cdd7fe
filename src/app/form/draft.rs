//! Drafts: what was typed and chosen, as text kept on disk until the server has it (house rule
//! 6), and put back into a fresh form after a refusal, a crash or a restart.

use super::{Form, Input};

impl Form {
    /// What was typed and chosen, as text to keep on disk until the server has it (house rule
    /// 6): one `key<TAB>value` line per filled field; fixed fields are left out.
    pub fn to_draft(&self) -> String {
        self.fields
            .iter()
            .filter(|f| !matches!(f.input, Input::Fixed) && !f.answer().is_empty())
            .map(|f| format!("{}\t{}\n", f.key, f.answer()))
            .collect()
    }

    /// Put a kept draft back; unknown keys are ignored. The form counts as typed in, so Esc
    /// asks before throwing it away.
    pub fn restore(&mut self, draft: &str) {
        for line in draft.lines() {
            if let Some((key, value)) = line.split_once('\t')
                && let Some(f) = self
                    .fields
                    .iter_mut()
                    .find(|f| f.key == key && !matches!(f.input, Input::Fixed))
            {
                f.set_value(value);
                self.dirty = true;
            }
        }
    }
}
