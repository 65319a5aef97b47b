//! The work behind every variant: each binding calls these, so only the boundary differs.

use std::collections::HashMap;

use crate::{Batch, LineChange, Op, Rect, ALPHABET};

pub fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

/// Written to vectorize, so the boundary, not the loop, dominates the 1 KiB case.
pub fn count_byte(s: &str, b: u8) -> u64 {
    s.as_bytes()
        .chunks(255)
        .map(|c| u64::from(c.iter().fold(0u8, |n, &x| n + u8::from(x == b))))
        .sum()
}

pub fn byte_sum(b: &[u8]) -> u64 {
    b.iter().map(|&x| u64::from(x)).sum()
}

/// n bytes of the alphabet, repeated (`repeat` doubles with memcpy, so the work stays small).
pub fn make_string(n: usize) -> String {
    let mut s = ALPHABET.repeat(n / ALPHABET.len() + 1);
    s.truncate(n);
    s
}

pub fn scale(r: Rect, k: f64) -> Rect {
    Rect {
        x: r.x * k,
        y: r.y * k,
        w: r.w * k,
        h: r.h * k,
    }
}

pub fn grid(n: u32) -> Vec<Rect> {
    (0..n)
        .map(|i| {
            let f = f64::from(i);
            Rect {
                x: f,
                y: -f,
                w: 1.0,
                h: 2.0,
            }
        })
        .collect()
}

/// A value for even keys; odd keys have none (the error path's unit-variant case).
pub fn lookup(key: u64) -> Option<u64> {
    key.is_multiple_of(2).then_some(key / 2)
}

/// Parses decimal digits; the error is the index of the first non-digit.
pub fn parse_digits(s: &str) -> Result<u64, u32> {
    let mut v: u64 = 0;
    for (i, b) in s.bytes().enumerate() {
        if !b.is_ascii_digit() {
            return Err(i as u32);
        }
        v = v.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
    }
    Ok(v)
}

/// FNV-1a: cheap per-item work for the batch case.
pub fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// n sum-type values, cycling through the variants.
pub fn ops(n: u32) -> Vec<Op> {
    (0..u64::from(n))
        .map(|i| match i % 3 {
            0 => Op::Insert(i),
            1 => Op::Delete { at: i, len: 2 },
            _ => Op::Reset,
        })
        .collect()
}

/// n line changes as a diff reports them: an equal line has both indexes, a deleted one only
/// the old, an inserted one only the new.
pub fn line_changes(n: u32) -> Vec<LineChange> {
    (0..u64::from(n))
        .map(|i| LineChange {
            tag: (i % 3) as u8,
            old_index: (i % 3 != 2).then_some(i as usize),
            new_index: (i % 3 != 1).then_some(i as usize + 1),
        })
        .collect()
}

/// A map of n entries, `key<i>` to i.
pub fn counts(n: u32) -> HashMap<String, u64> {
    (0..u64::from(n)).map(|i| (format!("key{i}"), i)).collect()
}

/// Scores every item up by one: the work of the nested round trip.
pub fn rescore(mut b: Batch) -> Batch {
    for item in &mut b.items {
        item.score += 1.0;
    }
    b
}
