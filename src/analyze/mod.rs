//! Per-document features: terms, entities, matched topics, quotes. Pure and cacheable.
