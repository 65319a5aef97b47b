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

use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;

use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::captures::Captures;
use regex_automata::util::pool::{Pool, PoolGuard};
use regex_automata::util::primitives::NonMaxUsize;
use regex_automata::util::syntax;
use regex_automata::{meta, Anchored, Input, MatchKind};

/// Go's parser allows nesting 1000 deep; the default (250) would reject some of what Go accepts.
/// Compiling recurses on this depth, on the caller's cgo stack.
const NEST_LIMIT: u32 = 1000;

/// The lazy DFA's cache capacity `regex::bytes` uses (its default `dfa_size_limit`).
const DFA_CACHE_CAPACITY: usize = 2 * (1 << 20);

type MakeScratch = Box<dyn Fn() -> Scratch + Send + Sync + UnwindSafe + RefUnwindSafe>;

#[derive(Clone)]
pub struct Pattern {
    /// The pattern, leftmost-first, built as `regex::bytes` builds it (same engine, same
    /// options), used through regex-automata so a call can hold its caches.
    re: meta::Regex,
    /// Whether the pattern can match the empty string: Rust may then find an empty match
    /// between the bytes of a multi-byte rune (`\B` inside "ö"), where Go never looks.
    may_match_empty: bool,
    /// With leftmost-longest semantics: how to find the match end and its groups.
    longest: Option<Longest>,
    /// Search state, taken once per call for all of its matches. `regex::bytes` takes a cache
    /// from its pool for every search, and that pool's fast path belongs to one thread: cgo
    /// calls run on whichever thread the goroutine is on, so a FindAll paid the slow path (a
    /// mutex) per match.
    scratch: Arc<Pool<Scratch, MakeScratch>>,
}

#[derive(Clone)]
struct Longest {
    /// The pattern under `MatchKind::All`: an anchored search runs to the longest end.
    all: meta::Regex,
    /// `(?:pattern)\z` and `(?:pattern)(?s-u:.)\z`, leftmost-first: the highest-priority parse
    /// ending at the text's end, or followed by exactly one byte.
    endings: [meta::Regex; 2],
}

/// The mutable state of searches with one [`Pattern`]: engine caches and capture slots.
pub struct Scratch {
    cache: meta::Cache,
    caps: Captures,
    longest: Option<LongestScratch>,
    /// Which captures hold the groups of the last match: `caps` (None), or in leftmost-longest
    /// mode one of the endings'.
    groups_from: Option<usize>,
}

struct LongestScratch {
    all: meta::Cache,
    endings: [(meta::Cache, Captures); 2],
}

impl Scratch {
    fn new(re: &meta::Regex, longest: Option<&Longest>) -> Scratch {
        let with_caps = |re: &meta::Regex| (re.create_cache(), re.create_captures());
        Scratch {
            cache: re.create_cache(),
            caps: re.create_captures(),
            longest: longest.map(|l| LongestScratch {
                all: l.all.create_cache(),
                endings: [with_caps(&l.endings[0]), with_caps(&l.endings[1])],
            }),
            groups_from: None,
        }
    }

    /// The span of group `i` of the last match found with captures, if it took part.
    #[cfg(test)]
    pub fn group(&self, i: usize) -> Option<(usize, usize)> {
        self.captures().get_group(i).map(|span| (span.start, span.end))
    }

    /// The offsets of the groups of the last match found with captures: start and end of each
    /// group in group order (Rust's groups: it may know fewer than Go counts), `None` where a
    /// group did not take part. For loops over every group: one slice read per offset.
    pub fn slots(&self) -> &[Option<NonMaxUsize>] {
        self.captures().slots()
    }

    /// The captures that hold the groups of the last match (see `groups_from`).
    fn captures(&self) -> &Captures {
        match (self.groups_from, &self.longest) {
            (Some(k), Some(l)) => &l.endings[k].1,
            _ => &self.caps,
        }
    }
}

impl Pattern {
    /// Compiles `pattern` with the options of `regex::bytes` (so all regexes agree on what it
    /// means), and the leftmost-longest companions when `longest`.
    pub fn new(pattern: &str, size_limit: usize, longest: bool) -> Result<Pattern, regex::Error> {
        let re = compile(pattern, size_limit, NEST_LIMIT, MatchKind::LeftmostFirst)?;
        let may_match_empty = may_match_empty(pattern)?;
        let longest = if longest {
            // The group around the pattern nests it one level deeper.
            let ending = |suffix: &str| {
                compile(
                    &format!("(?:{pattern}){suffix}"),
                    size_limit,
                    NEST_LIMIT + 1,
                    MatchKind::LeftmostFirst,
                )
            };
            Some(Longest {
                all: compile(pattern, size_limit, NEST_LIMIT, MatchKind::All)?,
                endings: [ending(r"\z")?, ending(r"(?s-u:.)\z")?],
            })
        } else {
            None
        };
        let make: MakeScratch = {
            let (re, longest) = (re.clone(), longest.clone());
            Box::new(move || Scratch::new(&re, longest.as_ref()))
        };
        Ok(Pattern {
            re,
            may_match_empty,
            longest,
            scratch: Arc::new(Pool::new(make)),
        })
    }

    /// The leftmost-first regex (for the native baselines).
    pub fn regex(&self) -> &meta::Regex {
        &self.re
    }

    /// Search state for one call, back to the pool when dropped.
    pub fn scratch(&self) -> PoolGuard<'_, Scratch, MakeScratch> {
        self.scratch.get()
    }

    /// Search state of its own, for an iterator that outlives the call.
    pub fn new_scratch(&self) -> Scratch {
        Scratch::new(&self.re, self.longest.as_ref())
    }

    /// Whether `hay` contains a match Go would report.
    pub fn is_match(&self, hay: &[u8]) -> bool {
        let mut scratch = self.scratch();
        if self.may_match_empty {
            crate::search::find_at(self, &mut scratch, hay, 0).is_some()
        } else {
            self.re.is_match_with(&mut scratch.cache, &Input::new(hay))
        }
    }

    /// The span of the first match at or after `pos`.
    pub fn find_at(&self, s: &mut Scratch, hay: &[u8], pos: usize) -> Option<(usize, usize)> {
        let m = self.re.search_with(&mut s.cache, &from(hay, pos))?;
        match (&self.longest, &mut s.longest) {
            (Some(l), Some(ls)) => Some((m.start(), longest_end(&l.all, &mut ls.all, hay, m.start()))),
            _ => Some((m.start(), m.end())),
        }
    }

    /// Like [`Pattern::find_at`], leaving the match's groups in `s` (see [`Scratch::group`]).
    pub fn captures_read_at(&self, s: &mut Scratch, hay: &[u8], pos: usize) -> Option<(usize, usize)> {
        s.groups_from = None;
        self.re
            .search_captures_with(&mut s.cache, &from(hay, pos), &mut s.caps);
        let m = s.caps.get_match()?;
        let (start, end) = (m.start(), m.end());
        let (Some(l), Some(ls)) = (&self.longest, &mut s.longest) else {
            return Some((start, end));
        };
        let cut = longest_end(&l.all, &mut ls.all, hay, start);
        if cut == end {
            return Some((start, end)); // the leftmost-first parse is the longest
        }
        let (k, text) = if cut == hay.len() {
            (0, hay)
        } else {
            (1, &hay[..cut + 1])
        };
        let (cache, caps) = &mut ls.endings[k];
        l.endings[k].search_captures_with(cache, &from(text, start), caps);
        if caps.get_match().is_some_and(|m| m.start() == start) {
            s.groups_from = Some(k);
            return Some((start, cut));
        }
        // Unreachable as far as we know (a parse of start..cut exists); should the engines
        // ever disagree, report the leftmost-first match (its groups are still in `s.caps`)
        // rather than mismatched groups.
        Some((start, end))
    }
}

/// A search of `hay` from `pos`, seeing the text before `pos` (for `\b` and `^`), as
/// `regex::bytes`' `find_at` does.
fn from(hay: &[u8], pos: usize) -> Input<'_> {
    Input::new(hay).span(pos..hay.len())
}

/// The end of the longest match starting at `start` (there is one: the caller found it).
fn longest_end(all: &meta::Regex, cache: &mut meta::Cache, hay: &[u8], start: usize) -> usize {
    let input = Input::new(hay).range(start..).anchored(Anchored::Yes);
    all.search_with(cache, &input).map_or(start, |m| m.end())
}

/// A regex built as `regex::bytes` builds one (bytes semantics: `utf8_empty(false)`), with
/// `kind` semantics; errors are `regex`'s.
fn compile(
    pattern: &str,
    size_limit: usize,
    nest_limit: u32,
    kind: MatchKind,
) -> Result<meta::Regex, regex::Error> {
    let mut config = meta::Config::new()
        .match_kind(kind)
        .utf8_empty(false)
        .nfa_size_limit(Some(size_limit))
        .hybrid_cache_capacity(DFA_CACHE_CAPACITY);
    if kind == MatchKind::All {
        // Only the end is read: no capture states to build.
        config = config.which_captures(WhichCaptures::Implicit);
    }
    meta::Regex::builder()
        .configure(config)
        .syntax(syntax_config().nest_limit(nest_limit))
        .build(pattern)
        .map_err(|e| match (e.size_limit(), e.syntax_error()) {
            (Some(limit), _) => regex::Error::CompiledTooBig(limit),
            (None, Some(syntax)) => regex::Error::Syntax(syntax.to_string()),
            (None, None) => regex::Error::Syntax(e.to_string()),
        })
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
