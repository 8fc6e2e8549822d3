//! The whole-corpus graph: topics, timeline, stories, storylines, related links.
