//! Wide characters (CJK) under what is drawn over them. A wide character fills its cell and the
//! next; ratatui's buffer keeps the next cell blank, and its diff never sends that cell to the
//! terminal while the wide character stays. When a popup's left border (or anything else) is
//! drawn into that second cell, the terminal would keep showing the character there and never
//! get the border (`…株式会社東京商Dismiss`). One pass over the finished frame blanks every
//! wide character whose second cell something else was drawn into, so every popup, present or
//! future, keeps its left border.

use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

/// Blank each wide character whose second cell holds something drawn over it.
pub fn mend(buf: &mut Buffer) {
    let width = usize::from(buf.area.width);
    if width == 0 {
        return;
    }
    for row in buf.content.chunks_mut(width) {
        for x in 0..row.len().saturating_sub(1) {
            if row[x].symbol().width() > 1 && row[x + 1].symbol() != " " {
                row[x].set_symbol(" ");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn row(buf: &Buffer) -> String {
        buf.content.iter().map(|c| c.symbol()).collect()
    }

    #[test]
    fn a_wide_character_under_a_border_is_blanked_and_others_stay() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        buf.set_string(0, 0, "株式会社", Style::new());
        assert_eq!(row(&buf), "株 式 会 社 ");
        buf.set_string(3, 0, "|", Style::new());
        mend(&mut buf);
        assert_eq!(row(&buf), "株  |会 社 ");
    }
}
