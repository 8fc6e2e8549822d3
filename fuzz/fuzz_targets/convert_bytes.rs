//! Raw conversion of arbitrary bytes: the decoder's UTF-8 / UTF-16 / Windows-1252 detection,
//! then the whole conversion, as a `.txt` and as a `.md` file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dossier_fuzz::check_convert(data, "content/inbox/fuzz.txt");
    dossier_fuzz::check_convert(data, "content/inbox/fuzz.md");
});
