//! Diacritic folding: "Erdoğan" is "Erdogan", "São Paulo" is "Sao Paulo", whatever language
//! a document or a topic's alias is written in. Case is kept (the matcher has its own case
//! rules); letters without a decomposition that readers still see as a base letter with a
//! mark (ı, ø, ł, đ, ħ) are mapped by hand.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Push the folded form of `c` onto `out`.
pub(crate) fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c);
        return;
    }
    let special = match c {
        'ı' => Some('i'),
        'ø' => Some('o'),
        'Ø' => Some('O'),
        'ł' => Some('l'),
        'Ł' => Some('L'),
        'đ' => Some('d'),
        'Đ' => Some('D'),
        'ħ' => Some('h'),
        'Ħ' => Some('H'),
        _ => None,
    };
    if let Some(s) = special {
        out.push(s);
        return;
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            out.push(d);
        }
    });
}

/// Does folding change `c`?
fn folds(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    if is_combining_mark(c) {
        return true;
    }
    let mut s = String::new();
    push_folded(c, &mut s);
    s.chars().ne(std::iter::once(c))
}

/// `text` folded, with the byte offset in `text` of each byte of the folded text (and one
/// past the end); `None` when folding changes nothing (all ASCII text, most text).
pub(crate) fn fold_with_offsets(text: &str) -> Option<(String, Vec<u32>)> {
    if text.is_ascii() || !text.chars().any(folds) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        let before = out.len();
        push_folded(c, &mut out);
        offsets.extend(std::iter::repeat_n(i as u32, out.len() - before));
    }
    offsets.push(text.len() as u32);
    Some((out, offsets))
}

/// `text` folded.
pub(crate) fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(c, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_go_and_case_stays() {
        assert_eq!(fold("Erdoğan"), "Erdogan");
        assert_eq!(fold("São Paulo"), "Sao Paulo");
        assert_eq!(fold("Łódź"), "Lodz");
        assert_eq!(fold("ÉCOLE"), "ECOLE");
        assert_eq!(fold("Straße"), "Straße");
        // Decomposed input folds the same as composed.
        assert_eq!(fold("Erdog\u{306}an"), "Erdogan");
        assert_eq!(fold("Erdogan"), "Erdogan");
    }

    #[test]
    fn offsets_point_back_into_the_original() {
        let text = "Präsident Erdoğan sagte";
        let (folded, map) = fold_with_offsets(text).unwrap();
        assert_eq!(folded, "Prasident Erdogan sagte");
        let s = folded.find("Erdogan").unwrap();
        let e = s + "Erdogan".len();
        assert_eq!(&text[map[s] as usize..map[e] as usize], "Erdoğan");
        assert_eq!(fold_with_offsets("plain ascii"), None);
        assert_eq!(fold_with_offsets("Straße"), None);
    }
}
