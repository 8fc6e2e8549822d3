//! Date parsing: the front matter's `DocDate` and the ingest date finder (dates in prose, date
//! lines, URL dates, wire datelines' month and day).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&order, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    dossier_fuzz::check_doc_date(text);
    dossier_fuzz::check_date_finder(text, order);
});
