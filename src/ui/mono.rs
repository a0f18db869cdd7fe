//! Monochrome: drop every colour from a drawn frame and keep what colour marked visible.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

/// A cell with a background colour (badges, the selection) becomes reverse video; every colour
/// goes. Modifiers (bold, reverse) and glyphs stay, so nothing relied on colour alone.
pub fn strip(buf: &mut Buffer) {
    for cell in &mut buf.content {
        if cell.bg != Color::Reset {
            cell.modifier.insert(Modifier::REVERSED);
        }
        cell.fg = Color::Reset;
        cell.bg = Color::Reset;
    }
}
