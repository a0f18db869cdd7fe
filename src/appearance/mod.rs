//! How the console looks, as names: the colour depth of the terminal and the theme.
//!
//! A leaf shared by `config` (which resolves them from files, flags and the environment), `app`
//! (whose session carries them), `ui` (which draws with them) and the terminal writer (which
//! downgrades colours). It lives outside all of them so none has to import another for them.

pub mod color;
pub mod theme;
