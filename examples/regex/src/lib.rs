//! Rust's `regex` crate, bound to Go with ferrogo: the engine behind the Go package `regex`
//! (examples/regex/go), which mirrors Go's `regexp` API.
//!
//! The Go side parses patterns with Go's own `regexp/syntax` and hands this crate an equivalent
//! pattern in Rust syntax, so both languages agree on what a pattern means. This crate does the
//! matching with the engine of `regex::bytes` (`regex_automata::meta`, with the same options:
//! haystacks may be invalid UTF-8, as Go strings may; see `pattern`) and follows
//! Go's rules for where successive matches may start (see `search`). Every call is coarse: one
//! crossing per Go call, with all matches of a `FindAll` travelling back in one flat buffer.

mod pattern;
mod search;

use std::borrow::Cow;
use std::fmt;

use ferrogo::Iter;
use regex::bytes::RegexSet;
use regex_automata::Input;

use crate::pattern::Pattern;

/// Why Rust rejected a pattern that Go's parser accepted.
#[ferrogo::error(name = "compileError")]
#[derive(Debug)]
pub enum CompileError {
    /// The compiled program would exceed the size limit.
    #[ferrogo(name = "tooLargeError")]
    TooLarge { message: String },
    /// Any other rejection (Rust's message).
    #[ferrogo(name = "invalidError")]
    Invalid { message: String },
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompileError::TooLarge { message } | CompileError::Invalid { message } => f.write_str(message),
        }
    }
}

impl From<regex::Error> for CompileError {
    fn from(e: regex::Error) -> Self {
        match e {
            regex::Error::CompiledTooBig(limit) => CompileError::TooLarge {
                message: format!("expression too large: the compiled program exceeds {limit} bytes"),
            },
            other => CompileError::Invalid {
                message: other.to_string(),
            },
        }
    }
}

/// The span of a match, as byte offsets.
#[ferrogo::record(name = "span")]
pub struct Span {
    pub start: i64,
    pub end: i64,
}

/// A compiled pattern. Safe for concurrent use: the compiled program is shared, and each call
/// takes its own search state from the pattern's pool.
#[ferrogo::object(name = "engine")]
pub struct Engine {
    re: Pattern,
    /// Go's group count (including the whole match), which may exceed Rust's.
    groups: usize,
    /// Whether the pattern accepts U+FFFD somewhere, so invalid UTF-8 in a haystack can match
    /// and haystacks must be sanitized first.
    sanitize: bool,
}

#[ferrogo::export]
impl Engine {
    /// Compiles a pattern in Rust syntax with Go's number of groups; sanitize when the
    /// pattern accepts U+FFFD; size_limit bounds the compiled program (bytes); longest selects
    /// leftmost-longest matches (Go's Longest) instead of leftmost-first.
    #[ferrogo(constructor, name = "compileEngine")]
    pub fn new(
        pattern: &str,
        groups: u32,
        sanitize: bool,
        size_limit: u64,
        longest: bool,
    ) -> Result<Self, CompileError> {
        let re = Pattern::new(
            pattern,
            usize::try_from(size_limit).unwrap_or(usize::MAX),
            longest,
        )?;
        Ok(Engine {
            re,
            groups: groups as usize,
            sanitize,
        })
    }

    /// The haystack as the engine searches it (see `search::view`).
    fn view<'h>(&self, hay: &'h [u8]) -> Cow<'h, [u8]> {
        search::view(hay, self.sanitize)
    }

    /// Reports whether hay contains a match.
    #[ferrogo(name = "isMatch")]
    pub fn is_match(&self, hay: &[u8]) -> bool {
        self.re.is_match(&self.view(hay))
    }

    /// Returns the leftmost match.
    #[ferrogo(name = "find")]
    pub fn find(&self, hay: &[u8]) -> Option<Span> {
        search::find_at(&self.re, &mut self.re.scratch(), &self.view(hay), 0).map(|(s, e)| Span {
            start: s as i64,
            end: e as i64,
        })
    }

    /// Returns the group offsets of the leftmost match (pairs, -1 for unset groups), or
    /// nothing when there is no match.
    #[ferrogo(name = "captures")]
    pub fn captures(&self, hay: &[u8]) -> Vec<i64> {
        let mut scratch = self.re.scratch();
        let mut out = Vec::new();
        if let Some(span) = search::search_at(&self.re, &mut scratch, &self.view(hay), 0) {
            search::push_groups(&mut out, span, &scratch, self.groups);
        }
        out
    }

    /// Returns the spans of up to n matches (all when n < 0) as flat start/end pairs, following
    /// Go's rules for empty matches.
    #[ferrogo(name = "findAll")]
    pub fn find_all(&self, hay: &[u8], n: i64) -> Vec<i64> {
        let mut out = Vec::new();
        search::for_each_match(&self.re, false, &self.view(hay), n, |_, s, e| {
            out.extend([s as i64, e as i64])
        });
        out
    }

    /// Returns every group of up to n matches: 2 × (groups + 1) offsets per match.
    #[ferrogo(name = "capturesAll")]
    pub fn captures_all(&self, hay: &[u8], n: i64) -> Vec<i64> {
        let mut out = Vec::new();
        search::for_each_match(&self.re, true, &self.view(hay), n, |scratch, s, e| {
            search::push_groups(&mut out, (s, e), scratch, self.groups)
        });
        out
    }

    /// Returns the groups of up to n matches that took part, for patterns with many groups of
    /// which a match sets few (a lexer's alternatives, one group each): the number of matches,
    /// then per match its start and end, the number k of its other groups that took part and k
    /// triples (group, start, end). Go fills in the unset groups.
    #[ferrogo(name = "capturesAllSparse")]
    pub fn captures_all_sparse(&self, hay: &[u8], n: i64) -> Vec<i64> {
        let mut out = vec![0];
        let mut matches = 0;
        search::for_each_match(&self.re, true, &self.view(hay), n, |scratch, s, e| {
            search::push_set_groups(&mut out, (s, e), scratch, self.groups);
            matches += 1;
        });
        out[0] = matches;
        out
    }

    /// Returns the matches Go's ReplaceAll replaces: spans only, or every group with
    /// with_groups (for expanding `$1` templates), flat as in captures_all.
    #[ferrogo(name = "replacements")]
    pub fn replacements(&self, hay: &[u8], with_groups: bool) -> Vec<i64> {
        let mut out = Vec::new();
        let hay = self.view(hay);
        search::for_each_replacement(&self.re, with_groups, &hay, |scratch, s, e| {
            if with_groups {
                search::push_groups(&mut out, (s, e), scratch, self.groups)
            } else {
                out.extend([s as i64, e as i64])
            }
        });
        out
    }

    /// Reports, for each haystack, whether it matches (1) or not (0): one crossing for all.
    #[ferrogo(name = "matchEach")]
    pub fn match_each(&self, hays: Vec<&[u8]>) -> Vec<u8> {
        hays.iter()
            .map(|h| u8::from(self.re.is_match(&self.view(h))))
            .collect()
    }

    /// Yields the spans of the matches of hay lazily (hay is copied: the iterator outlives the
    /// call; cloning a Regex shares its compiled program).
    #[ferrogo(name = "iterMatches")]
    pub fn iter_matches(&self, hay: Vec<u8>) -> Iter<Span> {
        let clean = match self.view(&hay) {
            Cow::Owned(clean) => Some(clean),
            Cow::Borrowed(_) => None,
        };
        let hay = clean.unwrap_or(hay);
        Iter::new(
            search::OwnedMatches::new(self.re.clone(), hay).map(|(s, e)| Span {
                start: s as i64,
                end: e as i64,
            }),
        )
    }

    /// Benchmark baseline: counts all matches in one Rust loop (the native cost of FindAll);
    /// with_groups resolves the groups of each match and counts those that took part, the
    /// match included (rebar's `count-captures`: the native cost of FindAllSubmatchIndex).
    #[ferrogo(name = "nativeCount")]
    pub fn native_count(&self, hay: &[u8], with_groups: bool) -> u64 {
        let mut n = 0;
        let hay = self.view(hay);
        search::for_each_match(&self.re, with_groups, &hay, -1, |scratch, _, _| {
            n += if with_groups {
                search::count_set_groups(scratch, self.groups)
            } else {
                1
            }
        });
        n
    }

    /// Benchmark baseline: n calls of is_match in one Rust loop (the native cost of one
    /// MatchString: the match alone, with one cache for the loop); returns how many matched.
    #[ferrogo(name = "nativeIsMatchN")]
    pub fn native_is_match_n(&self, hay: &[u8], n: u64) -> u64 {
        let re = self.re.regex();
        let mut cache = re.create_cache();
        (0..n)
            .map(|_| u64::from(re.is_match_with(&mut cache, &Input::new(std::hint::black_box(hay)))))
            .sum()
    }

    /// Benchmark baseline: Rust's replace_all with a literal replacement (the loop of
    /// `regex::bytes::Regex::replace_all` with `NoExpand`); returns the output length.
    #[ferrogo(name = "nativeReplaceLen")]
    pub fn native_replace_len(&self, hay: &[u8], with: &[u8]) -> u64 {
        let hay = self.view(hay);
        let mut matches = self.re.regex().find_iter(&*hay).peekable();
        if matches.peek().is_none() {
            return hay.len() as u64; // regex returns the input, borrowed
        }
        let mut out = Vec::with_capacity(hay.len());
        let mut last = 0;
        for m in matches {
            out.extend_from_slice(&hay[last..m.start()]);
            out.extend_from_slice(with);
            last = m.end();
        }
        out.extend_from_slice(&hay[last..]);
        std::hint::black_box(&out).len() as u64
    }
}

/// Many patterns compiled together: which of them match, in one pass over the haystack.
#[ferrogo::object(name = "set")]
pub struct Set {
    set: RegexSet,
    /// The patterns that can match the empty string, by index: a set match of theirs is
    /// confirmed as for Engine::is_match (Rust may find it inside a multi-byte rune).
    may_match_empty: Vec<(usize, Pattern)>,
    sanitize: bool,
}

#[ferrogo::export]
impl Set {
    /// Compiles patterns in Rust syntax; sanitize as for Engine.
    #[ferrogo(constructor, name = "compileSet")]
    pub fn new(patterns: Vec<&str>, sanitize: bool, size_limit: u64) -> Result<Self, CompileError> {
        let size_limit = usize::try_from(size_limit).unwrap_or(usize::MAX);
        let set = regex::bytes::RegexSetBuilder::new(&patterns)
            .size_limit(size_limit)
            .build()?;
        let mut may_match_empty = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            if pattern::may_match_empty(p)? {
                may_match_empty.push((i, Pattern::new(p, size_limit, false)?));
            }
        }
        Ok(Set {
            set,
            may_match_empty,
            sanitize,
        })
    }

    /// Returns the indexes of the patterns that match hay, in increasing order.
    #[ferrogo(name = "matches")]
    pub fn matches(&self, hay: &[u8]) -> Vec<u32> {
        let hay = self.view(hay);
        self.matched(&hay).map(|i| i as u32).collect()
    }

    /// Reports whether any pattern matches hay.
    #[ferrogo(name = "isMatch")]
    pub fn is_match(&self, hay: &[u8]) -> bool {
        let hay = self.view(hay);
        if self.may_match_empty.is_empty() {
            return self.set.is_match(&hay);
        }
        let any = self.matched(&hay).next().is_some();
        any
    }

    /// The indexes of the patterns with a match Go reports: the set's matches, less those of
    /// patterns that can match empty but only do so inside a multi-byte rune.
    fn matched<'a>(&'a self, hay: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
        self.set.matches(hay).into_iter().filter(move |i| {
            match self.may_match_empty.binary_search_by_key(i, |(j, _)| *j) {
                Ok(k) => self.may_match_empty[k].1.is_match(hay),
                Err(_) => true,
            }
        })
    }

    /// The haystack as the set searches it (see `search::view`).
    fn view<'h>(&self, hay: &'h [u8]) -> Cow<'h, [u8]> {
        search::view(hay, self.sanitize)
    }
}
