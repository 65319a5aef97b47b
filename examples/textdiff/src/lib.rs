//! A ferrogo sample project: text diffs from the [`similar`] crate for Go, written the way a Rust
//! author writes an API for Rust callers (enums with data, records holding lists, tuples,
//! iterators, a builder with `&mut self` and `self` methods) and bound with no hand-written Go.
//! Each operation is one crossing: `Hunks` returns every hunk with its ops and changes at once.

use std::time::Duration;

use similar::{TextDiff, TextDiffConfig};

/// Which diff algorithm to use.
#[ferrogo::record]
#[derive(Clone, Copy, Debug, Default)]
pub enum Algorithm {
    /// Myers' O(ND) algorithm (the default).
    #[default]
    Myers,
    /// Patience diff: readable diffs of code.
    Patience,
    /// The longest common subsequence.
    Lcs,
}

/// What the texts are split into.
#[ferrogo::record]
#[derive(Clone, Copy, Debug, Default)]
pub enum Granularity {
    /// Lines (the default).
    #[default]
    Lines,
    /// Words and the whitespace between them.
    Words,
    /// Characters.
    Chars,
}

/// How to diff.
#[ferrogo::record]
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub algorithm: Algorithm,
    pub granularity: Granularity,
    /// Give up on an optimal diff after this long (a correct, larger diff comes back).
    pub timeout: Option<Duration>,
}

/// One step of an edit script: indexes and lengths count tokens (lines, words or chars).
#[ferrogo::record]
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DiffOp {
    /// The same tokens in both texts.
    Equal {
        old_index: usize,
        new_index: usize,
        len: usize,
    },
    /// Tokens only in the old text.
    Delete {
        old_index: usize,
        old_len: usize,
        new_index: usize,
    },
    /// Tokens only in the new text.
    Insert {
        old_index: usize,
        new_index: usize,
        new_len: usize,
    },
    /// Old tokens replaced by new ones.
    Replace {
        old_index: usize,
        old_len: usize,
        new_index: usize,
        new_len: usize,
    },
}

impl From<similar::DiffOp> for DiffOp {
    fn from(op: similar::DiffOp) -> DiffOp {
        match op {
            similar::DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => DiffOp::Equal {
                old_index,
                new_index,
                len,
            },
            similar::DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            },
            similar::DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            },
            similar::DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            },
        }
    }
}

/// What a change does.
#[ferrogo::record]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeTag {
    Equal,
    Delete,
    Insert,
}

/// One token of the diff, with where it is in each text.
#[ferrogo::record]
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub tag: ChangeTag,
    pub old_index: Option<usize>,
    pub new_index: Option<usize>,
    pub value: String,
    /// The token is the last line of its text, which has no final newline.
    pub missing_newline: bool,
}

/// A group of nearby changes with their context, as a unified diff shows it.
#[ferrogo::record]
#[derive(Clone, Debug, PartialEq)]
pub struct Hunk {
    /// `@@ -a,b +c,d @@`.
    pub header: String,
    pub ops: Vec<DiffOp>,
    pub changes: Vec<Change>,
}

/// The diff of two texts.
#[ferrogo::object]
pub struct Diff {
    old: String,
    new: String,
    options: Options,
}

impl Diff {
    fn config(&self) -> TextDiffConfig {
        let mut config = TextDiff::configure();
        config.algorithm(match self.options.algorithm {
            Algorithm::Myers => similar::Algorithm::Myers,
            Algorithm::Patience => similar::Algorithm::Patience,
            Algorithm::Lcs => similar::Algorithm::Lcs,
        });
        if let Some(t) = self.options.timeout {
            config.timeout(t);
        }
        config
    }

    fn text_diff(&self) -> TextDiff<'_, '_, '_, str> {
        let config = self.config();
        match self.options.granularity {
            Granularity::Lines => config.diff_lines(&self.old, &self.new),
            Granularity::Words => config.diff_words(&self.old, &self.new),
            Granularity::Chars => config.diff_chars(&self.old, &self.new),
        }
    }
}

/// similar 2.7's Myers diff can give a leading `Delete` the new index of a later op (`Delete {
/// old_index: 0, old_len: 4, new_index: 2 }` followed by `Equal { new_index: 0, .. }`), which
/// puts unified-diff headers off (`@@ -1,30 +3,28 @@` for a hunk that starts at line 1) and makes
/// patch(1) refuse them; `TestUnifiedDiffAppliesWithPatch` found it. The ops are made consistent
/// again here: a Delete sits at the current new position, an Insert at the current old one. For
/// ops that are right already this changes nothing.
fn consistent(ops: &[similar::DiffOp]) -> Vec<similar::DiffOp> {
    let (mut old_at, mut new_at) = (0, 0);
    ops.iter()
        .map(|&op| {
            let fixed = match op {
                similar::DiffOp::Delete {
                    old_index, old_len, ..
                } => similar::DiffOp::Delete {
                    old_index,
                    old_len,
                    new_index: new_at,
                },
                similar::DiffOp::Insert {
                    new_index, new_len, ..
                } => similar::DiffOp::Insert {
                    old_index: old_at,
                    new_index,
                    new_len,
                },
                other => other,
            };
            old_at = fixed.old_range().end;
            new_at = fixed.new_range().end;
            fixed
        })
        .collect()
}

fn change(c: similar::Change<&str>) -> Change {
    Change {
        tag: match c.tag() {
            similar::ChangeTag::Equal => ChangeTag::Equal,
            similar::ChangeTag::Delete => ChangeTag::Delete,
            similar::ChangeTag::Insert => ChangeTag::Insert,
        },
        old_index: c.old_index(),
        new_index: c.new_index(),
        value: c.value().to_string(),
        missing_newline: c.missing_newline(),
    }
}

#[ferrogo::export]
impl Diff {
    /// Diffs old and new.
    #[ferrogo::constructor]
    pub fn new(old: String, new: String, options: Options) -> Self {
        Diff { old, new, options }
    }

    /// The edit script from old to new.
    pub fn ops(&self) -> Vec<DiffOp> {
        consistent(self.text_diff().ops())
            .into_iter()
            .map(DiffOp::from)
            .collect()
    }

    /// How similar the texts are, from 0 (nothing in common) to 1 (equal).
    pub fn ratio(&self) -> f32 {
        self.text_diff().ratio()
    }

    /// The hunks of a unified diff with `context` tokens of context, each with its ops and
    /// changes: everything a diff viewer shows, in one call.
    pub fn hunks(&self, context: usize) -> Vec<Hunk> {
        let diff = self.text_diff();
        similar::group_diff_ops(consistent(diff.ops()), context)
            .into_iter()
            .map(|group| Hunk {
                header: similar::udiff::UnifiedHunkHeader::new(&group).to_string(),
                changes: group
                    .iter()
                    .flat_map(|op| diff.iter_changes(op))
                    .map(change)
                    .collect(),
                ops: group.into_iter().map(DiffOp::from).collect(),
            })
            .collect()
    }

    /// The unified diff (`diff -u`), with the given file names in its header.
    pub fn unified(&self, context: usize, old_name: &str, new_name: &str) -> String {
        let hunks = self.hunks(context);
        if hunks.is_empty() {
            return String::new();
        }
        let mut out = format!("--- {old_name}\n+++ {new_name}\n");
        for h in hunks {
            out.push_str(&h.header);
            out.push('\n');
            for c in h.changes {
                out.push(match c.tag {
                    ChangeTag::Equal => ' ',
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                });
                out.push_str(&c.value);
                if c.missing_newline {
                    out.push_str("\n\\ No newline at end of file\n");
                }
            }
        }
        out
    }

    /// Every token of both texts in order, tagged (a lazily consumed sequence).
    pub fn changes(&self) -> impl Iterator<Item = Change> + Send + 'static {
        let diff = self.text_diff();
        let all: Vec<Change> = diff.iter_all_changes().map(change).collect();
        all.into_iter()
    }

    /// How many tokens were inserted, deleted and kept.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for c in self.text_diff().iter_all_changes() {
            match c.tag() {
                similar::ChangeTag::Insert => counts.0 += 1,
                similar::ChangeTag::Delete => counts.1 += 1,
                similar::ChangeTag::Equal => counts.2 += 1,
            }
        }
        counts
    }
}

/// Collects options, then makes a Diff.
#[ferrogo::object]
pub struct Differ {
    options: Options,
}

#[ferrogo::export]
impl Differ {
    /// A differ with the default options.
    #[ferrogo::constructor]
    pub fn new() -> Self {
        Differ {
            options: Options::default(),
        }
    }

    /// Sets the algorithm.
    pub fn algorithm(&mut self, algorithm: Algorithm) {
        self.options.algorithm = algorithm;
    }

    /// Splits the texts into words instead of lines.
    pub fn granularity(&mut self, granularity: Granularity) {
        self.options.granularity = granularity;
    }

    /// Gives up on an optimal diff after timeout.
    pub fn timeout(&mut self, timeout: Duration) {
        self.options.timeout = Some(timeout);
    }

    /// Diffs old and new with the collected options; the Differ is used up.
    pub fn diff(self, old: String, new: String) -> Diff {
        Diff::new(old, new, self.options)
    }
}

/// The edit script from old to new (a Diff without keeping it).
#[ferrogo::export]
pub fn diff_ops(old: &str, new: &str, options: Option<Options>) -> Vec<DiffOp> {
    Diff::new(old.to_string(), new.to_string(), options.unwrap_or_default()).ops()
}

/// The best matches for word among possibilities (at most n, similarity at least cutoff), as
/// Python's difflib.get_close_matches finds them.
#[ferrogo::export]
pub fn close_matches(word: &str, possibilities: Vec<&str>, n: usize, cutoff: f32) -> Vec<String> {
    similar::get_close_matches(word, &possibilities, n, cutoff)
        .into_iter()
        .map(str::to_string)
        .collect()
}
