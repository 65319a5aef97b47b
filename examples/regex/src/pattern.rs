//! A compiled pattern with Go's two match semantics: leftmost-first (the default, and Rust's)
//! and leftmost-longest (after Go's `Regexp.Longest`), which Rust's `regex` does not offer.
//!
//! Leftmost-longest is built from two searches. Both semantics pick the same leftmost start, so
//! the leftmost-first regex finds it; an anchored search there under `MatchKind::All`, which
//! runs on to the last match state, gives the longest end. Go's groups for that match are those
//! of the highest-priority parse with exactly that span: the leftmost-first regex for
//! `(?:pattern)\z`, run on the haystack cut at that end, finds it. Where text follows the end,
//! the cut keeps its first byte and the regex is `(?:pattern)(?s-u:.)\z`, so that lookahead
//! assertions at the end (`$`, `\b`, `\B`: the Go package translates each to one that looks
//! one byte ahead) see the real next byte rather than the end of the text.

use regex::bytes::{CaptureLocations, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use regex_automata::{meta, Anchored, Input, MatchKind};

/// Go's parser allows nesting 1000 deep; the default (250) would reject some of what Go accepts.
/// Compiling recurses on this depth, on the caller's cgo stack.
const NEST_LIMIT: u32 = 1000;

#[derive(Clone)]
pub struct Pattern {
    re: Regex,
    /// Whether the pattern can match the empty string: Rust may then find an empty match
    /// between the bytes of a multi-byte rune (`\B` inside "ö"), where Go never looks.
    may_match_empty: bool,
    /// With leftmost-longest semantics: how to find the match end and its groups.
    longest: Option<Longest>,
}

#[derive(Clone)]
struct Longest {
    /// The pattern under `MatchKind::All`: an anchored search runs to the longest end.
    all: meta::Regex,
    /// `(?:pattern)\z`, leftmost-first: the highest-priority parse ending at the text's end.
    at_end: Regex,
    /// `(?:pattern)(?s-u:.)\z`: the same for a parse followed by exactly one byte.
    before_byte: Regex,
}

impl Pattern {
    /// Compiles `pattern` with the options of `regex::bytes` (so both regexes agree on what it
    /// means), and the leftmost-longest companion when `longest`.
    pub fn new(pattern: &str, size_limit: usize, longest: bool) -> Result<Pattern, regex::Error> {
        let re = compile(pattern, size_limit, NEST_LIMIT)?;
        let may_match_empty = may_match_empty(pattern)?;
        let longest = if longest {
            let all = meta::Regex::builder()
                .configure(
                    meta::Config::new()
                        .match_kind(MatchKind::All)
                        .utf8_empty(false)
                        .which_captures(WhichCaptures::Implicit)
                        .nfa_size_limit(Some(size_limit)),
                )
                .syntax(syntax_config())
                .build(pattern)
                .map_err(|e| match e.size_limit() {
                    Some(limit) => regex::Error::CompiledTooBig(limit),
                    None => regex::Error::Syntax(e.to_string()),
                })?;
            // The group around the pattern nests it one level deeper.
            let ending =
                |suffix: &str| compile(&format!("(?:{pattern}){suffix}"), size_limit, NEST_LIMIT + 1);
            Some(Longest {
                all,
                at_end: ending(r"\z")?,
                before_byte: ending(r"(?s-u:.)\z")?,
            })
        } else {
            None
        };
        Ok(Pattern {
            re,
            may_match_empty,
            longest,
        })
    }

    /// The leftmost-first regex (what `is_match` and the native baselines use).
    pub fn regex(&self) -> &Regex {
        &self.re
    }

    /// Whether `hay` contains a match Go would report.
    pub fn is_match(&self, hay: &[u8]) -> bool {
        if self.may_match_empty {
            crate::search::find_at(self, hay, 0).is_some()
        } else {
            self.re.is_match(hay)
        }
    }

    pub fn capture_locations(&self) -> CaptureLocations {
        self.re.capture_locations()
    }

    /// The span of the first match at or after `pos`.
    pub fn find_at(&self, hay: &[u8], pos: usize) -> Option<(usize, usize)> {
        let m = self.re.find_at(hay, pos)?;
        match &self.longest {
            Some(longest) => Some((m.start(), longest_end(&longest.all, hay, m.start()))),
            None => Some((m.start(), m.end())),
        }
    }

    /// Like [`Pattern::find_at`], filling `locs` with the match's groups.
    pub fn captures_read_at(
        &self,
        locs: &mut CaptureLocations,
        hay: &[u8],
        pos: usize,
    ) -> Option<(usize, usize)> {
        let m = self.re.captures_read_at(locs, hay, pos)?;
        let (start, end) = (m.start(), m.end());
        let Some(longest) = &self.longest else {
            return Some((start, end));
        };
        let cut = longest_end(&longest.all, hay, start);
        if cut == end {
            return Some((start, end)); // the leftmost-first parse is the longest
        }
        let parse = if cut == hay.len() {
            longest.at_end.captures_read_at(locs, hay, start)
        } else {
            longest.before_byte.captures_read_at(locs, &hay[..cut + 1], start)
        };
        if parse.is_some_and(|m| m.start() == start) {
            return Some((start, cut));
        }
        // Unreachable as far as we know (a parse of start..cut exists); should the engines
        // ever disagree, report the leftmost-first match rather than mismatched groups.
        self.re.captures_read_at(locs, hay, pos);
        Some((start, end))
    }
}

/// The end of the longest match starting at `start` (there is one: the caller found it).
fn longest_end(all: &meta::Regex, hay: &[u8], start: usize) -> usize {
    let input = Input::new(hay).range(start..).anchored(Anchored::Yes);
    all.search(&input).map_or(start, |m| m.end())
}

/// A leftmost-first `regex::bytes` regex.
fn compile(pattern: &str, size_limit: usize, nest_limit: u32) -> Result<Regex, regex::Error> {
    regex::bytes::RegexBuilder::new(pattern)
        .size_limit(size_limit)
        .nest_limit(nest_limit)
        .build()
}

/// The syntax options `regex::bytes` uses, for what regex-automata parses itself.
fn syntax_config() -> syntax::Config {
    syntax::Config::new().utf8(false).nest_limit(NEST_LIMIT)
}

/// Whether `pattern` (valid: `regex` compiled it) can match the empty string.
pub fn may_match_empty(pattern: &str) -> Result<bool, regex::Error> {
    let hir =
        syntax::parse_with(pattern, &syntax_config()).map_err(|e| regex::Error::Syntax(e.to_string()))?;
    Ok(hir.properties().minimum_len() == Some(0))
}
