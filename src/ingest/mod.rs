//! Raw news documents → front-mattered Markdown. Pure text → text; never touches the raw file.
