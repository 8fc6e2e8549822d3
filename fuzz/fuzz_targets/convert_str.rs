//! Raw conversion of arbitrary text, and the same text in UTF-16: both encodings of one text
//! must convert to the same document.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    dossier_fuzz::check_convert(text.as_bytes(), "content/inbox/fuzz.txt");
    dossier_fuzz::check_convert(text.as_bytes(), "content/inbox/fuzz.md");
    dossier_fuzz::check_encodings_agree(text, "content/inbox/fuzz.txt");
});
