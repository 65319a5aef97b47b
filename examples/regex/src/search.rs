//! Go's `regexp` match-iteration rules on top of `regex::bytes`.
//!
//! Both engines find the same leftmost-first match from a given position; they differ in which
//! positions they search from. Go steps through the haystack one rune at a time (an invalid
//! UTF-8 byte is a one-byte rune) and has its own rules for empty matches in `FindAll` and
//! `ReplaceAll`. The loops here are ports of Go's `allMatches` and `replaceAll`, so the Go
//! package gets Go's results with one crossing per call, not one per match.

use std::borrow::Cow;

use regex_automata::util::primitives::NonMaxUsize;

use crate::pattern::{Pattern, Scratch};

/// Width of the rune at `pos` as Go's `utf8.DecodeRune` sees it: 1 for an invalid byte and at
/// the end of input (where Go's loops advance by one anyway).
pub fn rune_width(hay: &[u8], pos: usize) -> usize {
    let rest = &hay[pos.min(hay.len())..];
    let Some(&first) = rest.first() else {
        return 1;
    };
    let len = match first {
        0x00..=0x7F => return 1,
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return 1,
    };
    match rest.get(..len).map(std::str::from_utf8) {
        Some(Ok(_)) => len,
        _ => 1,
    }
}

/// Whether Go, walking runes from the start of `hay`, can stand at `pos`. Only a continuation
/// byte inside a valid multi-byte rune is not a position Go visits.
pub fn is_rune_start(hay: &[u8], pos: usize) -> bool {
    if pos == 0 || pos >= hay.len() || hay[pos] & 0xC0 != 0x80 {
        return true;
    }
    (1..=3.min(pos)).all(|back| {
        let lead = pos - back;
        hay[lead] & 0xC0 == 0x80 || rune_width(hay, lead) <= back
    })
}

/// Searches from `pos`, leaving the match's groups in `s`, and skips matches that start in the
/// middle of a rune (Rust's byte-oriented search can report empty ones there, e.g. for `\B`;
/// Go never looks there). Returns the match span.
pub fn search_at(re: &Pattern, s: &mut Scratch, hay: &[u8], mut pos: usize) -> Option<(usize, usize)> {
    loop {
        let (start, end) = re.captures_read_at(s, hay, pos)?;
        if is_rune_start(hay, start) {
            return Some((start, end));
        }
        pos = start + 1;
        while !is_rune_start(hay, pos) {
            pos += 1;
        }
    }
}

/// Like [`search_at`] for the overall span only (cheaper: no capture groups).
pub fn find_at(re: &Pattern, s: &mut Scratch, hay: &[u8], mut pos: usize) -> Option<(usize, usize)> {
    loop {
        let (start, end) = re.find_at(s, hay, pos)?;
        if is_rune_start(hay, start) {
            return Some((start, end));
        }
        pos = start + 1;
        while !is_rune_start(hay, pos) {
            pos += 1;
        }
    }
}

/// Where Go's `FindAll*` loop stands: successive calls to [`Cursor::next`] return the matches it
/// reports. Kept apart from the haystack so an iterator can own both.
#[derive(Default)]
pub struct Cursor {
    pos: usize,
    prev_end: Option<usize>,
    done: bool,
}

impl Cursor {
    /// The next match; with `captures`, `s` holds its groups.
    pub fn next(
        &mut self,
        re: &Pattern,
        s: &mut Scratch,
        captures: bool,
        hay: &[u8],
    ) -> Option<(usize, usize)> {
        while !self.done && self.pos <= hay.len() {
            let found = if captures {
                search_at(re, s, hay, self.pos)
            } else {
                find_at(re, s, hay, self.pos)
            };
            let Some((start, end)) = found else { break };
            let mut accept = true;
            if end == self.pos {
                // An empty match right after the previous match is not reported (Go's rule).
                if self.prev_end == Some(start) {
                    accept = false;
                }
                self.pos += rune_width(hay, self.pos);
            } else {
                self.pos = end;
            }
            self.prev_end = Some(end);
            if accept {
                return Some((start, end));
            }
        }
        self.done = true;
        None
    }
}

/// Calls `each(start, end)` for successive matches as Go's `FindAll*` reports them, at most `n`
/// when `n >= 0`. With `captures`, the [`Scratch`] passed to `each` holds the match's groups.
/// Takes one [`Scratch`] from the pattern for all the matches.
pub fn for_each_match(
    re: &Pattern,
    captures: bool,
    hay: &[u8],
    n: i64,
    mut each: impl FnMut(&Scratch, usize, usize),
) {
    let mut s = re.scratch();
    let mut cursor = Cursor::default();
    let mut count = 0i64;
    while n < 0 || count < n {
        let Some((start, end)) = cursor.next(re, &mut s, captures, hay) else {
            break;
        };
        each(&s, start, end);
        count += 1;
    }
}

/// Go's `FindAll` matches of an owned haystack, one at a time (for `iter.Seq2` in Go).
pub struct OwnedMatches {
    re: Pattern,
    scratch: Scratch,
    hay: Vec<u8>,
    cursor: Cursor,
}

impl OwnedMatches {
    pub fn new(re: Pattern, hay: Vec<u8>) -> Self {
        let scratch = re.new_scratch();
        OwnedMatches {
            re,
            scratch,
            hay,
            cursor: Cursor::default(),
        }
    }
}

impl Iterator for OwnedMatches {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        self.cursor.next(&self.re, &mut self.scratch, false, &self.hay)
    }
}

/// Calls `each(start, end)` for the matches Go's `ReplaceAll*` replaces; with `captures`, the
/// [`Scratch`] passed to `each` holds their groups. Text between them is copied unchanged.
pub fn for_each_replacement(
    re: &Pattern,
    captures: bool,
    hay: &[u8],
    mut each: impl FnMut(&Scratch, usize, usize),
) {
    let mut s = re.scratch();
    let mut last_end = 0;
    let mut search = 0;
    while search <= hay.len() {
        let found = if captures {
            search_at(re, &mut s, hay, search)
        } else {
            find_at(re, &mut s, hay, search)
        };
        let Some((start, end)) = found else {
            break;
        };
        // No replacement for an empty match right after another match (Go would otherwise
        // replace twice for patterns matching both empty and non-empty text).
        if end > last_end || start == 0 {
            each(&s, start, end);
        }
        last_end = end;
        // Advance past this match, always by at least one rune.
        let width = rune_width(hay, search);
        search = if search + width > end { search + width } else { end };
    }
}

/// Appends the offsets of the match `span` and of its groups 1.. to `out` (`groups` pairs in
/// all, including the match), -1 for groups that did not participate. The match comes from
/// `span`, not `s`: in leftmost-longest mode the regex that filled the groups may have matched
/// one byte past it (see `pattern`). Rust leaves out trailing groups it proved can never match
/// (as in `(a){0}`); Go counts them, so they are padded as unset.
pub fn push_groups(out: &mut Vec<i64>, span: (usize, usize), s: &Scratch, groups: usize) {
    out.extend([span.0 as i64, span.1 as i64]);
    let slots = group_slots(s, groups);
    for pair in slots.chunks_exact(2) {
        match (pair[0], pair[1]) {
            (Some(start), Some(end)) => out.extend([start.get() as i64, end.get() as i64]),
            _ => out.extend([-1, -1]),
        }
    }
    let padding = 2 * groups.saturating_sub(1) - slots.len();
    out.resize(out.len() + padding, -1);
}

/// Appends the match `span` and those of its groups 1.. that took part, in the sparse form of
/// `Engine::captures_all_sparse`: `start, end, k`, then `k` triples `group, start, end`.
pub fn push_set_groups(out: &mut Vec<i64>, span: (usize, usize), s: &Scratch, groups: usize) {
    out.extend([span.0 as i64, span.1 as i64, 0]);
    let k_at = out.len() - 1;
    for (i, pair) in group_slots(s, groups).chunks_exact(2).enumerate() {
        if let (Some(start), Some(end)) = (pair[0], pair[1]) {
            out.extend([i as i64 + 1, start.get() as i64, end.get() as i64]);
        }
    }
    out[k_at] = ((out.len() - k_at - 1) / 3) as i64;
}

/// How many groups (the match included) took part in the match whose groups `s` holds: what
/// rebar's `count-captures` model counts per match.
pub fn count_set_groups(s: &Scratch, groups: usize) -> u64 {
    let set = group_slots(s, groups).chunks_exact(2);
    1 + set.filter(|pair| pair[0].is_some() && pair[1].is_some()).count() as u64
}

/// The start and end offsets of groups 1.. of the match whose groups `s` holds, at most
/// `groups - 1` of them (Rust may know fewer groups than Go counts, never more).
fn group_slots(s: &Scratch, groups: usize) -> &[Option<NonMaxUsize>] {
    let slots = s.slots();
    &slots[2.min(slots.len())..slots.len().min(2 * groups)]
}

/// The haystack as a pattern compiled with `sanitize` (it accepts U+FFFD) must see it: see
/// [`sanitize`]; other patterns search the haystack as it is.
pub fn view(hay: &[u8], sanitize: bool) -> Cow<'_, [u8]> {
    if sanitize {
        self::sanitize(hay)
    } else {
        Cow::Borrowed(hay)
    }
}

/// The haystack as the engine must see it: every byte Go decodes as an invalid rune (U+FFFD of
/// width 1) replaced by 0xFF, which never occurs in valid UTF-8 and which the translated
/// pattern accepts wherever Go's pattern accepts U+FFFD. Offsets are unchanged. Valid input (the
/// common case) is borrowed after one validation pass.
pub fn sanitize(hay: &[u8]) -> Cow<'_, [u8]> {
    let Err(first) = std::str::from_utf8(hay) else {
        return Cow::Borrowed(hay);
    };
    let mut out = hay.to_vec();
    let mut bad = first.valid_up_to();
    loop {
        // Go decodes one byte at a time after an error: mark one byte, go on after it.
        out[bad] = 0xFF;
        match std::str::from_utf8(&hay[bad + 1..]) {
            Ok(_) => return Cow::Owned(out),
            Err(e) => bad += 1 + e.valid_up_to(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern;

    #[test]
    fn rune_starts_follow_go_decoding() {
        let hay = "aé€".as_bytes(); // a, C3 A9, E2 82 AC
        let starts: Vec<usize> = (0..=hay.len()).filter(|&p| is_rune_start(hay, p)).collect();
        assert_eq!(starts, [0, 1, 3, 6]);
        // Invalid bytes are one-byte runes.
        let bad = b"\xC3a\x80\xE2\x82";
        assert!((0..=bad.len()).all(|p| is_rune_start(bad, p)));
        assert_eq!(rune_width(bad, 0), 1);
        assert_eq!(rune_width(b"\xE2\x82\xAC", 0), 3);
    }

    #[test]
    fn sanitize_marks_each_invalid_byte() {
        assert!(matches!(sanitize("é€".as_bytes()), Cow::Borrowed(_)));
        assert_eq!(&*sanitize(b"a\xE2\x82b\xC2\x00\xFF"), b"a\xFF\xFFb\xFF\x00\xFF");
    }

    #[test]
    fn groups_are_dense_or_sparse() {
        // Go counts 4 groups (3 + the match); Rust drops the trailing `(c){0}`.
        let re = Pattern::new("(a)|(b)(c){0}", 1 << 20, false).unwrap();
        let (mut dense, mut sparse, mut counted) = (Vec::new(), Vec::new(), 0);
        for_each_match(&re, true, b"xaxb", -1, |s, start, end| {
            push_groups(&mut dense, (start, end), s, 4);
            push_set_groups(&mut sparse, (start, end), s, 4);
            counted += count_set_groups(s, 4);
        });
        assert_eq!(dense, [1, 2, 1, 2, -1, -1, -1, -1, 3, 4, -1, -1, 3, 4, -1, -1]);
        // start, end, k, then k triples (group, start, end).
        assert_eq!(sparse, [1, 2, 1, 1, 1, 2, 3, 4, 1, 2, 3, 4]);
        assert_eq!(counted, 4);
    }

    #[test]
    fn empty_matches_follow_go() {
        let re = Pattern::new("a*", 1 << 20, false).unwrap();
        let mut got = Vec::new();
        for_each_match(&re, false, b"baaac", -1, |_, s, e| got.push((s, e)));
        // Go: [[0 0] [1 4] [5 5]] (no empty match at 4, right after "aaa").
        assert_eq!(got, [(0, 0), (1, 4), (5, 5)]);
    }

    #[test]
    fn no_empty_match_inside_a_rune() {
        let re = Pattern::new(r"(?-u:\B)", 1 << 20, false).unwrap();
        let mut got = Vec::new();
        for_each_match(&re, false, "é".as_bytes(), -1, |_, s, e| got.push((s, e)));
        assert_eq!(got, [(0, 0), (2, 2)]);
    }

    #[test]
    fn longest_takes_the_longest_match_at_the_leftmost_start() {
        let first = Pattern::new("(a|ab)(c|bcd)(d*)", 1 << 20, false).unwrap();
        let longest = Pattern::new("(a|ab)(c|bcd)(d*)", 1 << 20, true).unwrap();
        let (mut fs, mut ls) = (first.new_scratch(), longest.new_scratch());
        let groups = |s: &Scratch| (0..4).map(|i| s.group(i)).collect::<Vec<_>>();
        // Go: leftmost-first [0 4 0 1 1 4 4 4]; leftmost-longest [0 4 0 2 2 3 3 4] is not it:
        // both end at 4, and among parses of 0..4 the first by priority is kept.
        assert_eq!(first.captures_read_at(&mut fs, b"abcd", 0), Some((0, 4)));
        assert_eq!(longest.captures_read_at(&mut ls, b"abcd", 0), Some((0, 4)));
        assert_eq!(groups(&ls), groups(&fs));
        let alt = Pattern::new("a(b|bc)", 1 << 20, true).unwrap();
        let mut s = alt.new_scratch();
        assert_eq!(alt.find_at(&mut s, b"xabcx", 0), Some((1, 4)));
        assert_eq!(alt.captures_read_at(&mut s, b"xabcx", 0), Some((1, 4)));
        assert_eq!(s.group(1), Some((2, 4)));
        let lazy = Pattern::new("a+?", 1 << 20, true).unwrap();
        assert_eq!(lazy.find_at(&mut lazy.new_scratch(), b"baaa", 0), Some((1, 4)));
    }

    #[test]
    fn is_match_ignores_empty_matches_inside_a_rune() {
        let nb = Pattern::new(r"(?-u:\B)", 1 << 20, false).unwrap();
        assert!(nb.regex().is_match("0ö0".as_bytes())); // Rust alone: between C3 and B6
        assert!(!nb.is_match("0ö0".as_bytes()));
        assert!(nb.is_match(b"ab"));
        assert!(pattern::may_match_empty(r"x*").unwrap());
        assert!(pattern::may_match_empty(r"x+|\b").unwrap()); // \b is zero-width
        assert!(!pattern::may_match_empty(r"x+").unwrap());
    }
}
