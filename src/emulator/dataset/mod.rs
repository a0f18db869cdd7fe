//! Datasets the emulator can serve: the hand-authored demo (from `assets/demo/`) and a seeded
//! synthetic generator for scale work.

use super::store::Store;

/// The built-in demo dataset. Deterministic.
pub fn demo() -> Store {
    Store::default()
}

/// `n` generated cases, deterministic for a given `seed`.
pub fn synthetic(_n: usize, _seed: u64) -> Store {
    Store::default()
}
